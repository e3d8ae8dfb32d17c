namespace SessionApp.Benchmarks.Driving;

/// <summary>What one wrk run measured.</summary>
internal sealed record WrkReport(
    long Requests,
    double RequestsPerSecond,
    double P50Milliseconds,
    double P90Milliseconds,
    double P99Milliseconds,
    long Non2xxResponses,
    long SocketErrors)
{
    public long Errors => Non2xxResponses + SocketErrors;
}
