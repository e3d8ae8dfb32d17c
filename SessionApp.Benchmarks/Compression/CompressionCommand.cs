using System.Globalization;

namespace SessionApp.Benchmarks.Compression;

/// <summary>The <c>compression</c> role: prints <see cref="CompressionComparison"/> on the realistic sessions.</summary>
internal static class CompressionCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var samples = 2_000;
        var training = 5_000;
        var output = Path.Combine("artifacts", "benchmarks", "compression.md");
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--samples":
                    samples = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--training":
                    training = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--output":
                    output = Serving.ServeOptions.Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: compression [--samples 2000] [--training 5000] [--output artifacts/benchmarks/compression.md]");
            }
        }

        var text = CompressionComparison.Describe(CompressionComparison.Run(samples, training, Console.WriteLine), samples);
        Console.WriteLine(text);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.AppendAllTextAsync(output, text + Environment.NewLine);
        Console.WriteLine($"Appended to {output}");
        return 0;
    }
}
