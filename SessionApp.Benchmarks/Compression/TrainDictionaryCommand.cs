using System.Globalization;
using ZstdSharp;

namespace SessionApp.Benchmarks.Compression;

/// <summary>
/// The <c>train-dictionary</c> role: trains a zstd dictionary on <see cref="SessionPayloads"/>' training sessions and
/// writes it where the benchmark embeds it (<see cref="SessionDictionaries"/>). An application does the same with
/// samples of its own session values, and ships the file as an embedded resource under a new id.
/// </summary>
internal static class TrainDictionaryCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var samples = 5_000;
        var size = 16 * 1024;
        var output = Path.Combine("SessionApp.Benchmarks", "Compression", SessionDictionaries.FileName);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--samples":
                    samples = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--size":
                    size = int.Parse(Serving.ServeOptions.Value(args, ref i), CultureInfo.InvariantCulture);
                    break;
                case "--output":
                    output = Serving.ServeOptions.Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: train-dictionary [--samples 5000] [--size 16384] [--output SessionApp.Benchmarks/Compression/{SessionDictionaries.FileName}]");
            }
        }

        var dictionary = DictBuilder.TrainFromBuffer(SessionPayloads.Range(SessionPayloads.TrainingOffset, samples), size);
        await File.WriteAllBytesAsync(output, dictionary);
        Console.WriteLine($"Wrote a {dictionary.Length}-byte dictionary trained on {samples} sessions to {output}");
        return 0;
    }
}
