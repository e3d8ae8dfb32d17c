using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SessionApp.Sessions;
using SessionApp.Sessions.Configuration;
using StackExchange.Redis;

namespace SessionApp.Api.Auth;

/// <summary>
/// Counts sign-in attempts per user name in Redis, shared by every instance: each attempt is counted atomically
/// before its password is checked, so parallel guesses cannot slip past the limit; after <see cref="MaxFailures"/>
/// failed attempts within <see cref="Window"/> further attempts are refused (429) until the window ends.
/// A success resets the count.
/// The key holds a SHA-256 of the lower-cased name, never the name itself. Redis errors surface as
/// <see cref="SessionStoreUnavailableException"/> (503 with Retry-After), as every other store failure does.
/// </summary>
public sealed class LoginThrottle
{
    /// <summary>Failed attempts allowed within the window.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long failures are remembered, from the first one.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    // Counts the attempt and reports the count and the time left, atomically: parallel guesses cannot slip past the limit.
    private const string AttemptScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return { n, redis.call('PTTL', KEYS[1]) }
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;

    public LoginThrottle(IConnectionMultiplexer redis, IOptions<RedisSessionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _prefix = options.Value.KeyPrefix + ":throttle:";
    }

    /// <summary>
    /// Counts an attempt for the name before its password is checked. Returns null when it may go ahead (a
    /// success must then call <see cref="ResetAsync"/>), or how long it stays blocked once
    /// <see cref="MaxFailures"/> attempts were made within the window.
    /// </summary>
    public async Task<TimeSpan?> TryStartAttemptAsync(string userName)
    {
        var db = _redis.GetDatabase();
        var result = (RedisResult[])(await CallAsync(() => db.ScriptEvaluateAsync(AttemptScript, [Key(userName)], [(long)Window.TotalMilliseconds])))!;
        var attempts = (long)result[0];
        var leftMs = (long)result[1];
        if (attempts <= MaxFailures)
        {
            return null;
        }

        return leftMs > 0 ? TimeSpan.FromMilliseconds(leftMs) : TimeSpan.FromSeconds(1);
    }

    /// <summary>Forgets the failures of the name, after a successful sign-in.</summary>
    public Task ResetAsync(string userName)
    {
        var db = _redis.GetDatabase();
        return CallAsync(() => db.KeyDeleteAsync(Key(userName)));
    }

    private RedisKey Key(string userName) =>
        _prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userName.ToLowerInvariant())));

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or TimeoutException)
        {
            throw new SessionStoreUnavailableException("The sign-in throttle could not reach Redis.", ex);
        }
    }
}
