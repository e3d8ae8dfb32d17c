using SessionApp.Benchmarks.Compression;

namespace SessionApp.Benchmarks.Serving;

/// <summary>What the benchmark's sessions hold (<c>--payload</c>).</summary>
public enum PayloadKind
{
    /// <summary>Three 100-byte values read on each request and a 100-byte counter written: below the compression threshold.</summary>
    Small,

    /// <summary>
    /// As <see cref="Small"/>, but key a holds a realistic ≈1.4 KB JSON session (<see cref="SessionPayloads"/>) and
    /// <c>/work</c> writes d as another one, as a cart that changes on each request: what compression is for.
    /// </summary>
    Json,
}

/// <summary>The values every variant seeds and writes, for the run's <see cref="PayloadKind"/>.</summary>
internal sealed class BenchmarkPayload(PayloadKind kind)
{
    /// <summary>Realistic sessions made once, so that no request pays for making one.</summary>
    private readonly byte[][] _sessions = kind == PayloadKind.Json ? SessionPayloads.Range(0, 64) : [];

    public PayloadKind Kind => kind;

    public byte[] Seed(string key) => kind == PayloadKind.Json && key == "a" ? _sessions[0] : SessionValues.Seed(key);

    /// <summary>What <c>/work</c> writes to d as its <paramref name="number"/>th write.</summary>
    public byte[] Written(long number) =>
        kind == PayloadKind.Json ? _sessions[1 + (int)(number % (_sessions.Length - 1))] : SessionValues.Counter(number);
}
