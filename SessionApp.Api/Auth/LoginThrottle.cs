using Microsoft.Extensions.Options;
using SessionApp.Sessions;
using SessionApp.Sessions.Configuration;
using SessionApp.Sessions.Users;
using StackExchange.Redis;

namespace SessionApp.Api.Auth;

/// <summary>
/// Counts failed sign-ins per client (its address) and user name in Redis, shared by every instance. Each attempt
/// is counted atomically before its password is checked, so parallel guesses cannot slip past the limit. Once a
/// client has made <see cref="LoginThrottleOptions.MaxFailures"/> attempts for a name within the window, that client
/// is locked out for that name (429) for <see cref="LoginThrottleOptions.Lockout"/>, doubling with every further
/// lock-out up to <see cref="LoginThrottleOptions.MaxLockout"/>. An attempt refused during a lock-out changes
/// nothing: it neither counts nor extends the lock. Another client (the account's owner) is not locked out.
/// A success forgets the client's failures for the name.
/// </summary>
/// <remarks>
/// The key is named as the engine names all per-user data (<see cref="UserKeyHasher"/>: HMAC-SHA256 under
/// <c>Sessions:UserHashKey</c>), of the lower-cased name and the client's address, so a dump of Redis shows neither
/// who signs in nor from where. All times are Redis's (<c>TIME</c>), so instances
/// with skewed clocks agree. Redis errors surface as <see cref="SessionStoreUnavailableException"/> (503 with
/// Retry-After), as every other store failure does.
/// </remarks>
public sealed class LoginThrottle
{
    // KEYS[1]: the client's and name's hash: n failures in the window ending at w, s lock-outs so far, locked until u.
    // ARGV: max failures, window ms, first lock-out ms, longest lock-out ms, how long to remember ms.
    // Answers {1, 0} to go ahead, or {0, ms} while locked out.
    private const string AttemptScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local v = redis.call('HMGET', KEYS[1], 'n', 'w', 's', 'u')
        local n = tonumber(v[1]) or 0
        local w = tonumber(v[2]) or 0
        local s = tonumber(v[3]) or 0
        local u = tonumber(v[4]) or 0
        if u > now then
          return { 0, u - now }
        end
        if w <= now then
          n = 0
          w = now + tonumber(ARGV[2])
        end
        n = n + 1
        if n <= tonumber(ARGV[1]) then
          redis.call('HSET', KEYS[1], 'n', n, 'w', w)
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
          return { 1, 0 }
        end
        s = s + 1
        local lock = math.min(tonumber(ARGV[3]) * 2 ^ math.min(s - 1, 40), tonumber(ARGV[4]))
        lock = math.floor(lock)
        redis.call('HSET', KEYS[1], 'n', 0, 'w', 0, 's', s, 'u', now + lock)
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return { 0, lock }
        """;

    /// <summary>How long a client's lock-outs are remembered after its last attempt, beyond the longest lock-out.</summary>
    private static readonly TimeSpan Memory = TimeSpan.FromDays(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly LoginThrottleOptions _options;
    private readonly UserKeyHasher _userKeys;
    private readonly string _prefix;

    public LoginThrottle(IConnectionMultiplexer redis, UserKeyHasher userKeys, IOptions<RedisSessionOptions> sessions, IOptions<LoginThrottleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(userKeys);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _userKeys = userKeys;
        _options = options.Value;
        _prefix = sessions.Value.KeyPrefix + ":throttle:";
    }

    /// <summary>
    /// Counts an attempt of <paramref name="client"/> for the name before its password is checked. Returns null when
    /// it may go ahead (a success must then call <see cref="ResetAsync"/>), or how long this client stays locked out
    /// for this name.
    /// </summary>
    public async Task<TimeSpan?> TryStartAttemptAsync(string userName, string client)
    {
        var db = _redis.GetDatabase();
        var remember = Max(_options.Window, _options.MaxLockout) + Memory;
        RedisValue[] arguments =
        [
            _options.MaxFailures,
            (long)_options.Window.TotalMilliseconds,
            (long)_options.Lockout.TotalMilliseconds,
            (long)_options.MaxLockout.TotalMilliseconds,
            (long)remember.TotalMilliseconds,
        ];
        var result = (RedisResult[])(await CallAsync(() => db.ScriptEvaluateAsync(AttemptScript, [Key(userName, client)], arguments)))!;
        if ((long)result[0] == 1)
        {
            return null;
        }

        var leftMs = (long)result[1];
        return leftMs > 0 ? TimeSpan.FromMilliseconds(leftMs) : TimeSpan.FromSeconds(1);
    }

    /// <summary>Forgets the client's failures and lock-outs for the name, after a successful sign-in.</summary>
    public Task ResetAsync(string userName, string client)
    {
        var db = _redis.GetDatabase();
        return CallAsync(() => db.KeyDeleteAsync(Key(userName, client)));
    }

    private RedisKey Key(string userName, string client) =>
        _prefix + _userKeys.Hash(userName.ToLowerInvariant() + "\n" + client);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

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
