using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace SessionApp.Benchmarks.Compression;

/// <summary>
/// zstd (levels, with and without a dictionary trained on other sessions) against Brotli (quality levels) on the
/// realistic JSON sessions of <see cref="SessionPayloads"/>: mean stored size and encode/decode time per value, one
/// value at a time as the engine compresses them.
/// </summary>
internal static class CompressionComparison
{
    /// <summary>One candidate's figures over the measured sessions.</summary>
    internal sealed record Row(string Name, double MeanRaw, double MeanCompressed, double EncodeMicroseconds, double DecodeMicroseconds);

    public static IReadOnlyList<Row> Run(int samples, int trainingSamples, Action<string> progress)
    {
        var payloads = SessionPayloads.Range(0, samples);
        var rows = new List<Row>();

        // One pass that is not reported, so the first row does not carry the JIT's warm-up.
        _ = Zstd("warm-up", 3, null, payloads);
        _ = Brotli("warm-up", 1, payloads);
        foreach (var level in new[] { 1, 3, 6, 9, 19 })
        {
            rows.Add(Zstd($"zstd {level}", level, null, payloads));
        }

        var training = SessionPayloads.Range(SessionPayloads.TrainingOffset, trainingSamples);
        foreach (var capacity in new[] { 2048, 4096, 8192, 16384, 32768 })
        {
            progress($"Training a {capacity}-byte dictionary on {trainingSamples} other sessions ...");
            var dictionary = DictBuilder.TrainFromBuffer(training, capacity);
            foreach (var level in capacity == 16384 ? new[] { 1, 3, 9, 19 } : [3])
            {
                rows.Add(Zstd($"zstd {level} + {dictionary.Length / 1024} KB dictionary", level, dictionary, payloads));
            }
        }

        foreach (var quality in new[] { 1, 4, 6, 9, 11 })
        {
            rows.Add(Brotli($"Brotli {quality}", quality, payloads));
        }

        return rows;
    }

    public static string Describe(IReadOnlyList<Row> rows, int samples)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Compression of {samples:N0} realistic JSON sessions (mean {rows[0].MeanRaw:0} bytes), one value at a time, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        text.AppendLine("| candidate | mean stored bytes | ratio | encode µs/value | decode µs/value |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(inv, $"| {row.Name} | {row.MeanCompressed:0} | {row.MeanCompressed / row.MeanRaw:0.00} | {row.EncodeMicroseconds:0.0} | {row.DecodeMicroseconds:0.0} |");
        }

        return text.ToString();
    }

    private static Row Zstd(string name, int level, byte[]? dictionary, byte[][] payloads)
    {
        using var compressor = new Compressor(level);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
        using var decompressor = new Decompressor();
        if (dictionary is not null)
        {
            compressor.LoadDictionary(dictionary);
            decompressor.LoadDictionary(dictionary);
        }

        var compressed = new byte[payloads.Length][];
        var scratch = new byte[Compressor.GetCompressBound(payloads.Max(static p => p.Length))];
        var encode = Time(payloads.Length, i =>
        {
            var length = compressor.Wrap(payloads[i], scratch);
            compressed[i] = scratch[..length];
        });
        var output = new byte[payloads.Max(static p => p.Length)];
        var decode = Time(payloads.Length, i => decompressor.Unwrap(compressed[i], output));
        return new Row(name, payloads.Average(static p => p.Length), compressed.Average(static c => c.Length), encode, decode);
    }

    private static Row Brotli(string name, int quality, byte[][] payloads)
    {
        var compressed = new byte[payloads.Length][];
        var scratch = new byte[BrotliEncoder.GetMaxCompressedLength(payloads.Max(static p => p.Length))];
        var encode = Time(payloads.Length, i =>
        {
            BrotliEncoder.TryCompress(payloads[i], scratch, out var length, quality, 16);
            compressed[i] = scratch[..length];
        });
        var output = new byte[payloads.Max(static p => p.Length)];
        var decode = Time(payloads.Length, i => BrotliDecoder.TryDecompress(compressed[i], output, out _));
        return new Row(name, payloads.Average(static p => p.Length), compressed.Average(static c => c.Length), encode, decode);
    }

    /// <summary>Microseconds per call of <paramref name="body"/>, over passes of all values for at least 300 ms after one warm-up pass.</summary>
    private static double Time(int count, Action<int> body)
    {
        for (var i = 0; i < count; i++)
        {
            body(i);
        }

        var calls = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 300)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            calls += count;
        }

        return watch.Elapsed.TotalMicroseconds / calls;
    }
}
