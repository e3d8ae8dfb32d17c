namespace SessionApp.Sessions;

/// <summary>
/// A write would take a session past one of its configured limits. Nothing of the request's changes is
/// written; the middleware answers 413 with problem details that name the limit.
/// </summary>
public sealed class SessionLimitExceededException : Exception
{
    public SessionLimitExceededException()
        : this("A session limit was exceeded.")
    {
    }

    public SessionLimitExceededException(string message)
        : base(message)
    {
    }

    public SessionLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SessionLimitExceededException(SessionLimit limit, long limitValue, long actual)
        : base(Describe(limit, limitValue, actual))
    {
        Limit = limit;
        LimitValue = limitValue;
        Actual = actual;
    }

    /// <summary>Which limit was exceeded.</summary>
    public SessionLimit Limit { get; }

    /// <summary>The configured limit.</summary>
    public long LimitValue { get; }

    /// <summary>What the write would have reached.</summary>
    public long Actual { get; }

    private static string Describe(SessionLimit limit, long limitValue, long actual) => limit switch
    {
        SessionLimit.ValueBytes => $"A session value of {actual} bytes exceeds Sessions:MaxValueBytes ({limitValue}).",
        SessionLimit.KeyCount => $"The session would hold {actual} keys, over Sessions:MaxKeys ({limitValue}).",
        SessionLimit.SessionBytes => $"The session would hold {actual} bytes, over Sessions:MaxSessionBytes ({limitValue}).",
        SessionLimit.KeyLength => $"A session key of {actual} characters exceeds Sessions:MaxKeyLength ({limitValue}).",
        _ => $"A session limit was exceeded ({actual} > {limitValue}).",
    };
}
