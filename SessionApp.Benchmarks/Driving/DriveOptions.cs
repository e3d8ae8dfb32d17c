using System.Globalization;
using SessionApp.Benchmarks.Serving;

namespace SessionApp.Benchmarks.Driving;

/// <summary>The arguments of the driving role; the defaults are the benchmark the README describes.</summary>
internal sealed record DriveOptions
{
    public int Connections { get; init; } = 64;

    public int Threads { get; init; } = 2;

    public int Sessions { get; init; } = 256;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many measured runs each variant gets, taken in turn; the report gives their medians.</summary>
    public int Rounds { get; init; } = 5;

    public string Output { get; init; } = Path.Combine("artifacts", "benchmarks", "results.md");

    /// <summary>The rows to measure, by name (a, b, c, a+enc, a-nozstd, a+dict); a, b, c and a+enc unless given with --cases.</summary>
    public IReadOnlyList<BenchmarkCase> Cases { get; init; } = BenchmarkCase.Default;

    /// <summary>The endpoints to measure, by name (work, read); both unless narrowed with --endpoints.</summary>
    public IReadOnlyList<BenchmarkEndpoint> Endpoints { get; init; } = BenchmarkEndpoint.All;

    /// <summary>What the sessions hold (<c>--payload small|json</c>); small unless given.</summary>
    public PayloadKind Payload { get; init; }

    public static DriveOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DriveOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--connections" => options with { Connections = Number(args, ref i) },
                "--threads" => options with { Threads = Number(args, ref i) },
                "--sessions" => options with { Sessions = Number(args, ref i) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number(args, ref i)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(args, ref i)) },
                "--rounds" => options with { Rounds = Number(args, ref i) },
                "--output" => options with { Output = ServeOptions.Value(args, ref i) },
                "--cases" => options with { Cases = ParseCases(ServeOptions.Value(args, ref i)) },
                "--endpoints" => options with { Endpoints = ParseEndpoints(ServeOptions.Value(args, ref i)) },
                "--payload" => options with { Payload = Enum.Parse<PayloadKind>(ServeOptions.Value(args, ref i), ignoreCase: true) },
                _ => throw new ArgumentException(
                    $"Unknown argument '{args[i]}'. Usage: [run] [--connections 64] [--threads 2] [--sessions 256] [--warmup 15] [--duration 10] [--rounds 5] [--output artifacts/benchmarks/results.md] [--cases a,b,c,a+enc,a-nozstd,a+dict] [--endpoints work,read] [--payload small|json]"),
            };
        }

        return options;
    }

    private static BenchmarkCase[] ParseCases(string names) =>
        [.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().Select(name =>
            BenchmarkCase.All.FirstOrDefault(known => known.Name == name)
            ?? throw new ArgumentException($"--cases: unknown case '{name}'; the cases are {string.Join(", ", BenchmarkCase.All.Select(known => known.Name))}."))];

    private static BenchmarkEndpoint[] ParseEndpoints(string names) =>
        [.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().Select(name =>
            BenchmarkEndpoint.All.FirstOrDefault(known => known.Name == name)
            ?? throw new ArgumentException($"--endpoints: unknown endpoint '{name}'; the endpoints are {string.Join(", ", BenchmarkEndpoint.All.Select(known => known.Name))}."))];

    private static int Number(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var value = int.Parse(ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new ArgumentException($"{name} must be positive.");
    }
}
