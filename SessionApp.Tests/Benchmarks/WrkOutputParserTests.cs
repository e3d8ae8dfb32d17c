using SessionApp.Benchmarks.Driving;

namespace SessionApp.Tests.Benchmarks;

public class WrkOutputParserTests
{
    // Captured from wrk 4.1.0 (Debian) against the raw variant on this machine kind.
    private const string Successful = """
Running 3s test @ http://127.0.0.1:5999/work
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.96ms    1.95ms  37.46ms   91.59%
    Req/Sec    11.19k     2.06k   13.45k    68.33%
  Latency Distribution
     50%    2.57ms
     75%    3.27ms
     90%    4.41ms
     99%   10.01ms
  66829 requests in 3.00s, 10.38MB read
Requests/sec:  22265.19
Transfer/sec:      3.46MB
""";

    private const string AllNotFound = """
Running 2s test @ http://127.0.0.1:5999/work
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   307.46us  454.13us   8.91ms   94.00%
    Req/Sec    29.67k     6.64k   43.39k    68.29%
  Latency Distribution
     50%  214.00us
     75%  329.00us
     90%  515.00us
     99%    2.00ms
  120973 requests in 2.10s, 11.42MB read
  Non-2xx or 3xx responses: 120973
Requests/sec:  57670.31
Transfer/sec:      5.44MB
""";

    [Fact]
    public void Parse_SuccessfulRun_ReadsRateCountAndPercentiles()
    {
        // Act
        var report = WrkOutputParser.Parse(Successful);

        // Assert
        Assert.Equal(66829, report.Requests);
        Assert.Equal(22265.19, report.RequestsPerSecond, precision: 2);
        Assert.Equal(2.57, report.P50Milliseconds, precision: 3);
        Assert.Equal(4.41, report.P90Milliseconds, precision: 3);
        Assert.Equal(10.01, report.P99Milliseconds, precision: 3);
        Assert.Equal(0, report.Errors);
    }

    [Fact]
    public void Parse_MicrosecondLatenciesAndNon2xxResponses_ConvertsToMillisecondsAndCountsErrors()
    {
        // Act
        var report = WrkOutputParser.Parse(AllNotFound);

        // Assert
        Assert.Equal(0.214, report.P50Milliseconds, precision: 6);
        Assert.Equal(2.0, report.P99Milliseconds, precision: 6);
        Assert.Equal(120973, report.Non2xxResponses);
        Assert.Equal(120973, report.Errors);
    }

    [Fact]
    public void Parse_SocketErrors_AddsEveryKind()
    {
        // Arrange
        var output = Successful.Replace("Requests/sec:", "  Socket errors: connect 1, read 2, write 3, timeout 4\nRequests/sec:", StringComparison.Ordinal);

        // Act
        var report = WrkOutputParser.Parse(output);

        // Assert
        Assert.Equal(10, report.SocketErrors);
    }

    [Fact]
    public void Parse_OutputWithoutLatencyDistribution_Throws()
    {
        // Arrange
        var withoutLatency = string.Join('\n', Successful.Split('\n').Where(line => !line.Contains('%', StringComparison.Ordinal) || line.Contains("Stdev", StringComparison.Ordinal)));

        // Act and assert
        Assert.Throws<FormatException>(() => WrkOutputParser.Parse(withoutLatency));
    }

    [Theory]
    [InlineData("812.00", "us", 0.812)]
    [InlineData("1.52", "ms", 1.52)]
    [InlineData("2.01", "s", 2010)]
    [InlineData("1.00", "m", 60000)]
    public void ToMilliseconds_EveryWrkUnit_Converts(string number, string unit, double expected)
    {
        // Act
        var milliseconds = WrkOutputParser.ToMilliseconds(number, unit);

        // Assert
        Assert.Equal(expected, milliseconds, precision: 6);
    }
}
