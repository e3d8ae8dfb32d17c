namespace SessionApp.Benchmarks.Serving;

/// <summary>The value each /work request writes: a number that grows with every request the process serves.</summary>
internal sealed class WorkCounter
{
    private long _value;

    public long Next() => Interlocked.Increment(ref _value);
}
