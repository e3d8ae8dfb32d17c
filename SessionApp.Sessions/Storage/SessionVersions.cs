namespace SessionApp.Sessions.Storage;

/// <summary>
/// Versions of session values: opaque, compared only for equality. Each write takes a fresh random one, so a
/// compare-and-set can never mistake another request's write for the value it read, even when that write went
/// through the plain replace path. Kept below 2^53, so JSON readers (JavaScript's numbers among them) see them
/// exactly; 0 means "absent".
/// </summary>
internal static class SessionVersions
{
    private const long Limit = 1L << 53;

    public static long Next() => Random.Shared.NextInt64(1, Limit);
}
