namespace SessionApp.Sessions;

/// <summary>
/// The session store could not be reached within its time budget. The request must fail rather than run with
/// an empty session that could later overwrite the real one; the middleware answers 503 with Retry-After.
/// </summary>
public sealed class SessionStoreUnavailableException : Exception
{
    public SessionStoreUnavailableException()
        : this("The session store is unavailable.")
    {
    }

    public SessionStoreUnavailableException(string message)
        : base(message)
    {
    }

    public SessionStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the command that failed may still have run in Redis (a timeout, or a connection lost after the
    /// command left): the change it carried may or may not have been saved.
    /// </summary>
    internal bool CommandMayHaveRun { get; init; }
}
