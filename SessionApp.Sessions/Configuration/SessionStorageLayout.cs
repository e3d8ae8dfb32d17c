namespace SessionApp.Sessions.Configuration;

/// <summary>
/// How new sessions are laid out in Redis (<see cref="RedisSessionOptions.StorageLayout"/>). Every layout is read
/// whatever the setting, and a session keeps the layout it was created in until it is rotated.
/// </summary>
public enum SessionStorageLayout
{
    /// <summary>
    /// A 128-bit handle with a slot tag (25 characters) names the key, and the user and client live in the <c>_m</c>
    /// field: about 120 bytes less per bound session than <see cref="Legacy"/>.
    /// </summary>
    Compact,

    /// <summary>
    /// The layout of versions before the compact one: a 256-bit handle (43 characters) and separate <c>_u</c> and
    /// <c>_w</c> fields. Set it for the first rolling restart of an upgrade, while instances of the earlier version,
    /// which read only this layout, still serve requests; then remove it.
    /// </summary>
    Legacy,
}
