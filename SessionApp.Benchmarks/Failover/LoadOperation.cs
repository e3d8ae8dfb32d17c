namespace SessionApp.Benchmarks.Failover;

/// <summary>What one request of the failover load does.</summary>
internal enum LoadOperation
{
    /// <summary>Reads the session's value.</summary>
    Read,

    /// <summary>Writes the session's value (creating the session when it has none).</summary>
    Write,

    /// <summary>Signs in: rotates the id and binds the session to the client's user.</summary>
    SignIn,

    /// <summary>Revokes the session.</summary>
    Revoke,
}

/// <summary>
/// One request as the driver saw it: when it started and ended (ms since the run began), its status (0 when no
/// response came), whether a 503 carried Retry-After, and the hash slot of the session it named (-1: none known).
/// </summary>
internal readonly record struct RequestRecord(LoadOperation Operation, long StartMs, long EndMs, int Status, bool HasRetryAfter, int Slot)
{
    public bool Succeeded => Status is >= 200 and < 300 or 404;
}
