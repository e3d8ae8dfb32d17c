namespace SessionApp.Sessions.Storage;

/// <summary>What one commit changes: values set (already encoded), names removed, checks, and who the session belongs to.</summary>
internal sealed class SessionDelta
{
    public bool Clear { get; set; }

    /// <summary>The values to write, each stamped with the fresh version it takes.</summary>
    public List<SessionWrite> Sets { get; } = [];

    public List<string> Removes { get; } = [];

    /// <summary>Compare-and-set checks: the commit applies only if each name still has this version (0: absent).</summary>
    public List<KeyValuePair<string, long>> ExpectedVersions { get; } = [];

    /// <summary>The session's own idle timeout to store, in milliseconds; null leaves it as it is.</summary>
    public long? IdleMs { get; set; }

    /// <summary>The user, client and authentication ticket to store.</summary>
    public IdentityChanges Identity { get; init; } = IdentityChanges.None;
}

/// <summary>One value to write: its name and its stored form (version and encoded bytes).</summary>
internal readonly record struct SessionWrite(string Name, StoredValue Value);
