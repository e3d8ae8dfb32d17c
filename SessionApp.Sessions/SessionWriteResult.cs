namespace SessionApp.Sessions;

/// <summary>The result of a compare-and-set.</summary>
/// <param name="Succeeded">Whether the write applied.</param>
/// <param name="Version">The key's version now: the new one on success, the one that won on conflict (0: absent).</param>
public readonly record struct SessionWriteResult(bool Succeeded, long Version);
