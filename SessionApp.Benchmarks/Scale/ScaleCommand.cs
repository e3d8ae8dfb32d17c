using System.Globalization;

namespace SessionApp.Benchmarks.Scale;

/// <summary>The <c>scale</c> role: seeds N sessions and prints memory per session, list cost and pruning (<see cref="ScaleRun"/>).</summary>
internal static class ScaleCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = new ScaleSettings();
        var output = Path.Combine("artifacts", "benchmarks", "scale.md");
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--output")
            {
                output = Serving.ServeOptions.Value(args, ref i);
                continue;
            }

            settings = args[i] switch
            {
                "--sessions" => settings with { Sessions = Number(args, ref i) },
                "--expiring" => settings with { Expiring = Number(args, ref i) },
                "--per-user" => settings with { SessionsPerUser = Number(args, ref i) },
                "--list-samples" => settings with { ListSamples = Number(args, ref i) },
                "--concurrency" => settings with { Concurrency = Number(args, ref i) },
                "--hash-max-listpack-value" => settings with { HashMaxListpackValue = Number(args, ref i) },
                "--payload" => settings with { Payload = Enum.Parse<ScalePayload>(Serving.ServeOptions.Value(args, ref i), ignoreCase: true) },
                "--compression" => settings with { Compression = Enum.Parse<EngineCompression>(Serving.ServeOptions.Value(args, ref i), ignoreCase: true) },
                "--no-builtin" => settings with { CompareBuiltin = false },
                _ => throw new ArgumentException(
                    $"Unknown argument '{args[i]}'. Usage: scale [--sessions 1000000] [--expiring 100000] [--per-user 5] [--list-samples 1000] [--concurrency 64] [--hash-max-listpack-value N] [--payload incompressible|json] [--compression off|zstd|dictionary] [--no-builtin] [--output artifacts/benchmarks/scale.md]"),
            };
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromHours(2));
        var result = await ScaleRun.RunAsync(settings, Console.WriteLine, timeout.Token);
        var text = result.Describe();
        Console.WriteLine(text);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.AppendAllTextAsync(output, text + Environment.NewLine);
        Console.WriteLine($"Appended to {output}");
        return 0;
    }

    private static int Number(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        var value = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new ArgumentException($"{name} must be positive.");
    }
}
