namespace SessionApp.Sessions.Storage;

/// <summary>How the commit script treats the session's key (<see cref="SessionCommitScript"/>).</summary>
internal enum CommitMode
{
    /// <summary>A new session's first write: creates the key, and refuses one that exists.</summary>
    Create,

    /// <summary>A loaded session's write: applies the delta, and reports a key that has gone as ended.</summary>
    Apply,

    /// <summary>
    /// A new session's write after an attempt whose outcome is unknown: creates the key, or applies the delta to
    /// the one that attempt created.
    /// </summary>
    CreateOrApply,
}
