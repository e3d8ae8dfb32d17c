namespace SessionApp.Sessions;

/// <summary>The limits a session write can run into.</summary>
public enum SessionLimit
{
    /// <summary>Sessions:MaxValueBytes.</summary>
    ValueBytes,

    /// <summary>Sessions:MaxKeys.</summary>
    KeyCount,

    /// <summary>Sessions:MaxSessionBytes.</summary>
    SessionBytes,

    /// <summary>Sessions:MaxKeyLength.</summary>
    KeyLength,
}
