using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SessionApp.Sessions;
using SessionApp.Sessions.Configuration;
using StackExchange.Redis;

namespace SessionApp.Api.Auth;

/// <summary>
/// Counts failed sign-ins per user name in Redis, shared by every instance: after <see cref="MaxFailures"/>
/// failures within <see cref="Window"/> further attempts are refused until the window ends. A success resets it.
/// The key holds a SHA-256 of the lower-cased name, never the name itself. Redis errors surface as
/// <see cref="SessionStoreUnavailableException"/> (503 with Retry-After), as every other store failure does.
/// </summary>
public sealed class LoginThrottle
{
    /// <summary>Failed attempts allowed within the window.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long failures are remembered, from the first one.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string IncrementScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return n
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

    /// <summary>How long the name stays blocked, or null when it may try now.</summary>
    public async Task<TimeSpan?> GetBlockAsync(string userName)
    {
        var key = Key(userName);
        var db = _redis.GetDatabase();
        var count = await CallAsync(() => db.StringGetAsync(key));
        if (!count.TryParse(out long failures) || failures < MaxFailures)
        {
            return null;
        }

        var ttl = await CallAsync(() => db.KeyTimeToLiveAsync(key));
        return ttl is { } left && left > TimeSpan.Zero ? left : TimeSpan.FromSeconds(1);
    }

    /// <summary>Records a failed attempt; returns the failures within the window so far.</summary>
    public async Task<long> RecordFailureAsync(string userName)
    {
        var db = _redis.GetDatabase();
        var result = await CallAsync(() => db.ScriptEvaluateAsync(IncrementScript, [Key(userName)], [(long)Window.TotalMilliseconds]));
        return (long)result;
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
