using System.Globalization;
using System.Text.RegularExpressions;

namespace SessionApp.Benchmarks.Driving;

/// <summary>Reads requests/s, the latency percentiles (<c>--latency</c>) and the error counts from wrk 4's output.</summary>
internal static partial class WrkOutputParser
{
    public static WrkReport Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var requests = RequestsLine().Match(output);
        var rate = RateLine().Match(output);
        if (!requests.Success || !rate.Success)
        {
            throw new FormatException($"wrk's output has no request count or Requests/sec line:{Environment.NewLine}{output}");
        }

        var non2xx = Non2xxLine().Match(output);
        var socket = SocketErrorsLine().Match(output);
        var socketErrors = socket.Success ? socket.Groups.Values.Skip(1).Sum(static g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return new WrkReport(
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50"),
            Percentile(output, "90"),
            Percentile(output, "99"),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors);
    }

    /// <summary>A wrk duration (<c>812.00us</c>, <c>1.52ms</c>, <c>2.01s</c>, <c>1.00m</c>) in milliseconds.</summary>
    internal static double ToMilliseconds(string number, string unit)
    {
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            "h" => value * 3_600_000,
            _ => throw new FormatException($"Unknown wrk time unit '{unit}'."),
        };
    }

    private static double Percentile(string output, string percent)
    {
        foreach (Match match in PercentileLine().Matches(output))
        {
            if (match.Groups["percent"].Value == percent)
            {
                return ToMilliseconds(match.Groups["value"].Value, match.Groups["unit"].Value);
            }
        }

        throw new FormatException($"wrk's output has no {percent}% latency line; run wrk with --latency.");
    }

    [GeneratedRegex(@"^\s*(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"^\s*(?<percent>\d+)(?:\.0+)?%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m|h)\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
