namespace SessionApp.Sessions.Storage;

/// <summary>
/// The Lua scripts the engine runs. Each touches exactly one key, so each is atomic on a single node and on
/// Redis Cluster alike. Time comes from Redis (TIME), never from the web servers' clocks.
/// Field names: <c>_c</c> created, <c>_s</c> last seen, <c>_a</c> absolute expiry, <c>_i</c> idle timeout
/// (all milliseconds), <c>_b</c> stored bytes, <c>_n</c> key count, <c>_u</c> user, <c>_ip</c>, <c>_ua</c>,
/// <c>_t</c> authentication ticket; <c>d:name</c> a value, <c>v:name</c> its version.
/// </summary>
internal static class SessionScripts
{
    private const string Now = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """;

    private const string LoadMetadataOrEnd = """
        local meta = redis.call('HMGET', key, '_a', '_i', '_s', '_b', '_n')
        if not meta[1] then
          if redis.call('EXISTS', key) == 1 then redis.call('DEL', key) end
          return nil
        end
        local abs = tonumber(meta[1])
        local idle = tonumber(meta[2])
        if now >= abs or now >= tonumber(meta[3]) + idle then
          redis.call('DEL', key)
          return nil
        end
        """;

    /// <summary>
    /// Load and touch in one round trip: returns <c>[now, field, value, …]</c>, or nil for a session that does
    /// not exist or has passed either expiry (which it then deletes).
    /// </summary>
    public static readonly RedisScript Load = new(SourceLoad);

    private const string SourceLoad = "local key = KEYS[1]\n" + Now + "\n" + LoadMetadataOrEnd + """

        redis.call('HSET', key, '_s', now)
        redis.call('PEXPIRE', key, math.min(idle, abs - now))
        local all = redis.call('HGETALL', key)
        table.insert(all, 1, now)
        return all
        """;

    /// <summary>
    /// Atomic delta commit. ARGV: mode (new|existing), idle ms, absolute ms, max keys, max bytes, clear (1|0),
    /// counts of sets, removes, compare-and-set checks and metadata fields, then those lists.
    /// Returns <c>[1, now, bytes, count, version…]</c> (a version per set, in order), or an error code:
    /// -1 the session has ended, -2 a compare-and-set conflict (<c>[-2, name, version, value]</c>),
    /// -3 a new session's key already exists, -4 too many keys (<c>[-4, count]</c>), -5 too many bytes.
    /// Every check runs before the first write, so a refused commit writes nothing.
    /// </summary>
    public static readonly RedisScript Commit = new(SourceCommit);

    private const string SourceCommit = "local key = KEYS[1]\n" + Now + """

        local isNew = ARGV[1] == 'new'
        local idle = tonumber(ARGV[2])
        local abs, bytes, count
        if isNew then
          if redis.call('EXISTS', key) == 1 then return {-3} end
          abs = now + tonumber(ARGV[3])
          bytes = 0
          count = 0
        else
          local meta = redis.call('HMGET', key, '_a', '_i', '_s', '_b', '_n')
          if not meta[1] then return {-1} end
          abs = tonumber(meta[1])
          idle = tonumber(meta[2])
          if now >= abs or now >= tonumber(meta[3]) + idle then
            redis.call('DEL', key)
            return {-1}
          end
          bytes = tonumber(meta[4]) or 0
          count = tonumber(meta[5]) or 0
        end
        local maxKeys = tonumber(ARGV[4])
        local maxBytes = tonumber(ARGV[5])
        local clear = ARGV[6] == '1'
        local nSets = tonumber(ARGV[7])
        local nRemoves = tonumber(ARGV[8])
        local nCas = tonumber(ARGV[9])
        local nMeta = tonumber(ARGV[10])
        local setsAt = 11
        local removesAt = setsAt + nSets * 2
        local casAt = removesAt + nRemoves
        local metaAt = casAt + nCas * 2

        for c = 0, nCas - 1 do
          local name = ARGV[casAt + c * 2]
          local current = tonumber(redis.call('HGET', key, 'v:' .. name) or '0')
          if current ~= tonumber(ARGV[casAt + c * 2 + 1]) then
            return {-2, name, current, redis.call('HGET', key, 'd:' .. name) or false}
          end
        end

        local bytesBefore, countBefore = bytes, count
        local stale = {}
        if clear then
          for _, f in ipairs(redis.call('HKEYS', key)) do
            local p = string.sub(f, 1, 2)
            if p == 'd:' or p == 'v:' then table.insert(stale, f) end
          end
          bytes = 0
          count = 0
        end
        for r = 0, nRemoves - 1 do
          local f = 'd:' .. ARGV[removesAt + r]
          if not clear and redis.call('HEXISTS', key, f) == 1 then
            bytes = bytes - redis.call('HSTRLEN', key, f)
            count = count - 1
          end
        end
        for s = 0, nSets - 1 do
          local f = 'd:' .. ARGV[setsAt + s * 2]
          if not clear and redis.call('HEXISTS', key, f) == 1 then
            bytes = bytes - redis.call('HSTRLEN', key, f)
          else
            count = count + 1
          end
          bytes = bytes + string.len(ARGV[setsAt + s * 2 + 1])
        end
        if count > maxKeys and count > countBefore then return {-4, count} end
        if bytes > maxBytes and bytes > bytesBefore then return {-5, bytes} end

        for i = 1, #stale, 500 do
          redis.call('HDEL', key, unpack(stale, i, math.min(i + 499, #stale)))
        end
        for r = 0, nRemoves - 1 do
          local name = ARGV[removesAt + r]
          redis.call('HDEL', key, 'd:' .. name, 'v:' .. name)
        end
        local reply = {1, now, bytes, count}
        for s = 0, nSets - 1 do
          local name = ARGV[setsAt + s * 2]
          redis.call('HSET', key, 'd:' .. name, ARGV[setsAt + s * 2 + 1])
          table.insert(reply, redis.call('HINCRBY', key, 'v:' .. name, 1))
        end
        if isNew then
          redis.call('HSET', key, '_c', now, '_a', abs, '_i', idle)
        end
        redis.call('HSET', key, '_s', now, '_b', bytes, '_n', count)
        for m = 0, nMeta - 1 do
          local field = ARGV[metaAt + m * 2]
          local value = ARGV[metaAt + m * 2 + 1]
          if value == '' then redis.call('HDEL', key, field) else redis.call('HSET', key, field, value) end
        end
        redis.call('PEXPIRE', key, math.min(idle, abs - now))
        return reply
        """;

    /// <summary>Reads a live session whole and deletes it in one step: the first half of a rotation.</summary>
    public static readonly RedisScript Take = new(SourceTake);

    private const string SourceTake = "local key = KEYS[1]\n" + Now + "\n" + LoadMetadataOrEnd + """

        local all = redis.call('HGETALL', key)
        redis.call('DEL', key)
        return all
        """;

    /// <summary>
    /// Writes a taken session under its new key (the second half of a rotation). ARGV: field, value, … including
    /// <c>_a</c> and <c>_i</c>. Returns now, or -3 when the key exists, -1 when the session has already expired.
    /// </summary>
    public static readonly RedisScript Put = new(SourcePut);

    private const string SourcePut = "local key = KEYS[1]\n" + Now + """

        if redis.call('EXISTS', key) == 1 then return -3 end
        local abs, idle
        for i = 1, #ARGV, 2 do
          if ARGV[i] == '_a' then abs = tonumber(ARGV[i + 1]) end
          if ARGV[i] == '_i' then idle = tonumber(ARGV[i + 1]) end
        end
        if not abs or not idle or now >= abs then return -1 end
        for i = 1, #ARGV, 500 do
          redis.call('HSET', key, unpack(ARGV, i, math.min(i + 499, #ARGV)))
        end
        redis.call('HSET', key, '_s', now)
        redis.call('PEXPIRE', key, math.min(idle, abs - now))
        return now
        """;
}
