namespace SessionApp.Sessions.Configuration;

/// <summary>
/// Settings of the Redis session engine, bound from the configuration section <c>Sessions</c>.
/// </summary>
public sealed class RedisSessionOptions
{
    /// <summary>The configuration section the options bind from: <c>Sessions</c>.</summary>
    public const string SectionName = "Sessions";

    /// <summary>
    /// The session cookie's name. Default <c>sessionapp.sid</c>. When the cookie is marked Secure it is sent
    /// as <c>__Host-</c> followed by this name, so that no subdomain or insecure page can overwrite it.
    /// </summary>
    public string CookieName { get; set; } = "sessionapp.sid";

    /// <summary>
    /// When the cookie may be sent without the Secure flag. Default <see cref="SessionCookieSecurity.SecureExceptLoopbackHttp"/>:
    /// Secure always, except for a plain-http request from a loopback address (local development).
    /// </summary>
    public SessionCookieSecurity CookieSecurity { get; set; } = SessionCookieSecurity.SecureExceptLoopbackHttp;

    /// <summary>
    /// A request header that may carry the session id instead of the cookie, for clients that keep no cookies
    /// (mobile apps, scripts), for example <c>X-Session-Id</c>. Default unset: the cookie only. When set, a request's
    /// header wins over its cookie, and a response that issues an id sends it in this header as well as the cookie
    /// (and sends the header empty when the session a request named in it has ended, leaving any cookie alone).
    /// </summary>
    public string? HeaderName { get; set; }

    /// <summary>How long a session lives without a request (sliding). Default 20 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long a session lives at most from its creation, however active. Default 8 hours.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The default <see cref="KeyPrefix"/>, which the AWS stack's MemoryDB ACL user is confined to.</summary>
    public const string DefaultKeyPrefix = "sessionapp";

    /// <summary>The prefix of every Redis key the engine writes. Default <c>sessionapp</c>.</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// The largest value one key may hold, in bytes, before compression and encryption. Default 64 KiB. It also bounds
    /// decompression: a stored value that would inflate past it is refused.
    /// </summary>
    public int MaxValueBytes { get; set; } = 64 * 1024;

    /// <summary>The most keys one session may hold. Default 256.</summary>
    public int MaxKeys { get; set; } = 256;

    /// <summary>The most bytes all values of one session may hold together, as stored. Default 1 MiB.</summary>
    public int MaxSessionBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest key name, in characters. Default 256.</summary>
    public int MaxKeyLength { get; set; } = 256;

    /// <summary>
    /// The most sessions one user may hold at once; binding one more ends the oldest. Default 10; 0 means no cap.
    /// </summary>
    public int MaxSessionsPerUser { get; set; } = 10;

    /// <summary>
    /// The time budget of one call to Redis. A call that takes longer fails with
    /// <see cref="SessionStoreUnavailableException"/>. Default 2 seconds.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Which writes wait, before the response, until a replica of their primary has them (Redis <c>WAIT 1</c> on the
    /// primary that owns the key's slot). Default <see cref="Configuration.DurableWrites.Off"/>. A write the replica does not
    /// acknowledge within <see cref="DurableWriteTimeout"/> fails as a store failure of unknown outcome (503 with
    /// Retry-After: it may or may not have been saved). Needs at least one replica per primary; without one, every
    /// such write fails.
    /// </summary>
    public DurableWrites DurableWrites { get; set; } = DurableWrites.Off;

    /// <summary>
    /// How long a durable write waits for a replica's acknowledgement (<see cref="DurableWrites"/>). Default unset:
    /// half of <see cref="StoreTimeout"/>. It must be shorter than <see cref="StoreTimeout"/>, so Redis answers before
    /// the client gives up. While it waits, the connection to that primary carries no other command.
    /// </summary>
    public TimeSpan? DurableWriteTimeout { get; set; }

    /// <summary>The wait of a durable write in effect: <see cref="DurableWriteTimeout"/>, or half of <see cref="StoreTimeout"/>.</summary>
    internal TimeSpan EffectiveDurableWriteTimeout => DurableWriteTimeout ?? StoreTimeout / 2;

    /// <summary>The Retry-After the middleware sends with a 503 when the store is unavailable. Default 5 seconds.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether values (and authentication tickets) are encrypted at rest. Default <c>null</c>: on, except in the
    /// Development environment.
    /// </summary>
    public bool? EncryptValues { get; set; }

    /// <summary>
    /// Whether values (and authentication tickets) of at least <see cref="CompressionThreshold"/> bytes are written
    /// zstd-compressed, before encryption. Default <c>true</c>. A value that would not shrink is stored exactly as
    /// without compression. Every version that understands compressed values reads them whatever this says, so a rolling
    /// upgrade from a version that does not (one without this setting) runs its first rolling restart with
    /// <c>false</c> (the new readers arrive while nothing writes compressed values), then removes it.
    /// Compression before encryption lets a value's stored length depend on its content: do not mix a secret and
    /// attacker-chosen text in one value if an attacker can see stored lengths.
    /// </summary>
    public bool CompressValues { get; set; } = true;

    /// <summary>The shortest value, in bytes, that is compressed. Default 128.</summary>
    public int CompressionThreshold { get; set; } = 128;

    /// <summary>
    /// The zstd compression level, 1 (fastest) to 22. Default 3: on the realistic 1.4 KB JSON session higher levels
    /// store 2–11 % fewer bytes for 2–80 times the encoding time (<c>SessionApp.Benchmarks compression</c>).
    /// </summary>
    public int CompressionLevel { get; set; } = 3;

    /// <summary>
    /// The id of the registered <see cref="Protection.SessionCompressionDictionary"/> new values are compressed with
    /// (<see cref="RedisSessionsBuilder.AddCompressionDictionary(int, byte[])"/>). Default unset: no dictionary.
    /// Values name their dictionary, and every registered dictionary is read; so ship a new dictionary registered
    /// (readers first) and only in a later rollout name it here, and keep registering an old one for as long as
    /// values written with it may live (<see cref="AbsoluteTimeout"/>).
    /// </summary>
    public int? CompressionDictionary { get; set; }

    /// <summary>
    /// An explicit AES-256-GCM key ring, each entry <c>id:base64key</c> with a 32-byte key; the first entry
    /// encrypts, every entry decrypts. Empty by default: values are then protected with ASP.NET Core Data
    /// Protection, whose keys the instances share.
    /// </summary>
    public IList<string> EncryptionKeys { get; } = [];

    /// <summary>
    /// The secret key, base64 of at least 32 bytes, of the keyed hash (HMAC-SHA256) that names per-user data in
    /// Redis (<see cref="Users.UserKeyHasher"/>), so a dump does not reveal who uses the system. Every instance
    /// must share it; changing it orphans the user indexes until they expire. Default unset: required outside the
    /// Development environment, where a fixed public development key stands in.
    /// </summary>
    public string? UserHashKey { get; set; }
}
