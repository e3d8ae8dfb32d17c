using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// A Lua script sent by its SHA-1 (EVALSHA), falling back to the full text (EVAL, which also caches it) on a
/// node that has not seen it yet — after a restart, a failover, or on another cluster shard.
/// </summary>
internal sealed class RedisScript(string text)
{
#pragma warning disable CA5350 // Redis names scripts by SHA-1; this is an identifier, not a security measure.
    private readonly byte[] _hash = SHA1.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5350

    public async Task<RedisResult> EvaluateAsync(IDatabase database, RedisKey[] keys, RedisValue[]? values = null)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_hash, keys, values);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(text, keys, values);
        }
    }
}
