using System.Globalization;
using System.Text;

namespace SessionApp.Benchmarks.Serving;

/// <summary>What every variant stores: three ~100-byte values read on each request and a counter written by /work.</summary>
internal static class SessionValues
{
    public const string CounterKey = "d";

    public const int ValueBytes = 100;

    public static IReadOnlyList<string> ReadKeys { get; } = ["a", "b", "c"];

    public static byte[] Seed(string key) => Encoding.ASCII.GetBytes(new string(key[0], ValueBytes));

    /// <summary>The counter's value: its number, zero-padded to the same size as the other values.</summary>
    public static byte[] Counter(long number) =>
        Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture).PadLeft(ValueBytes, '0'));

    /// <summary>The read-only endpoint's answer: how many bytes of a, b and c it read.</summary>
    public static string ReadResponse(int bytesRead) =>
        string.Create(CultureInfo.InvariantCulture, $"read {bytesRead} bytes");

    public static string WorkResponse(int bytesRead, long counter) =>
        string.Create(CultureInfo.InvariantCulture, $"read {bytesRead} bytes, wrote d={counter}");

    /// <summary>A session's four keys as text: the read keys by content check, the counter by number.</summary>
    public static string State(IReadOnlyList<byte[]?> readValues, byte[]? counter)
    {
        var text = new StringBuilder();
        for (var i = 0; i < ReadKeys.Count; i++)
        {
            var key = ReadKeys[i];
            var value = readValues[i];
            var described = value is null ? "missing" : value.AsSpan().SequenceEqual(Seed(key)) ? "seeded" : "changed";
            text.Append(CultureInfo.InvariantCulture, $"{key}={described} ");
        }

        var number = counter is null ? "missing" : Encoding.ASCII.GetString(counter).TrimStart('0');
        return text.Append(CultureInfo.InvariantCulture, $"{CounterKey}={number}").ToString();
    }
}
