namespace SessionApp.Sessions.Storage;

/// <summary>
/// The Lua scripts the engine runs besides the commit, which has a file of its own with its arguments and answer
/// (<see cref="SessionCommitScript"/>); a read is one plain HGETALL. Each touches exactly one key, so each is atomic
/// on a single node and on Redis Cluster alike. Time comes from Redis (TIME), never from the web servers' clocks.
/// Field names: <c>_m</c> the metadata, six decimal numbers split by colons (created, last seen, absolute expiry,
/// idle timeout, all in milliseconds, then stored bytes and key count; <see cref="SessionRecord.FormatMetadata"/>),
/// followed in a session bound to a user by its owner: the user id and the IP address and user agent
/// (<see cref="SessionRecord.FormatOwner"/>); <c>_t</c> authentication ticket, <c>_k</c> its key; <c>d:name</c> a value: its 8-byte version, then its encoded
/// bytes (<see cref="StoredValue"/>). Every script keeps what follows the numbers as it found it.
/// </summary>
internal static class SessionScripts
{
    /// <summary>Lua: <c>now</c>, Redis's time in milliseconds.</summary>
    internal const string Now = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """;

    /// <summary>
    /// Reading and writing the <c>_m</c> field: a table with c, s, a, i, b and n, and r, the owner that follows them
    /// (empty, or <c>|length|user</c> then the client), or nil for no (valid) field; readOwner and writeOwner take r
    /// apart and put it together.
    /// </summary>
    internal const string Metadata = """
        local function readMeta(m)
          if not m then return nil end
          local c, s, a, i, b, n, r = string.match(m, '^(%d+):(%d+):(%d+):(%d+):(%d+):(%d+)(.*)$')
          if not c or (r ~= '' and not string.match(r, '^|%d+|')) then return nil end
          return {c = tonumber(c), s = tonumber(s), a = tonumber(a), i = tonumber(i), b = tonumber(b), n = tonumber(n), r = r}
        end
        local function writeMeta(m)
          return string.format('%d:%d:%d:%d:%d:%d', m.c, m.s, m.a, m.i, m.b, m.n) .. m.r
        end
        local function readOwner(r)
          if r == '' then return '', '' end
          local length, at = string.match(r, '^|(%d+)|()')
          length = tonumber(length)
          return string.sub(r, at, at + length - 1), string.sub(r, at + length)
        end
        local function writeOwner(u, w)
          if u == '' and w == '' then return '' end
          return '|' .. string.len(u) .. '|' .. u .. w
        end
        """;

    private const string LoadMetadataOrEnd = Metadata + "\n" + """
        local meta = readMeta(redis.call('HGET', key, '_m'))
        if not meta then
          return nil
        end
        if now >= meta.a then
          redis.call('DEL', key)
          return nil
        end
        """;

    /// <summary>
    /// The sliding touch of a read-only request: records the time and pushes the key's expiry to
    /// min(now + idle, absolute expiry). Every touch and commit sets that expiry, so Redis itself never returns a
    /// session past either timeout. Returns Redis's time, from which the store keeps its clock offset.
    /// </summary>
    public static readonly RedisScript Touch = new(SourceTouch);

    private const string SourceTouch = "local key = KEYS[1]\n" + Now + "\n" + LoadMetadataOrEnd + """

        meta.s = now
        redis.call('HSET', key, '_m', writeMeta(meta))
        redis.call('PEXPIRE', key, math.min(meta.i, meta.a - now))
        return now
        """;

    /// <summary>
    /// Settles a session after a plain replace (<see cref="RedisSessionStore.ReplaceAsync"/>) added fields it meant to
    /// replace: deletes the hash when it is no live session (the replace recreated a revoked or expired one as a
    /// bare hash), or else recounts the stored bytes and keys (the replace restored a key a concurrent request had
    /// removed). Returns 1 when the session lives, -1 when it was deleted.
    /// </summary>
    public static readonly RedisScript Settle = new(SourceSettle);

    private const string SourceSettle = "local key = KEYS[1]\n" + Metadata + """

        local meta = readMeta(redis.call('HGET', key, '_m'))
        if not meta then
          redis.call('DEL', key)
          return -1
        end
        local bytes, count = 0, 0
        for _, f in ipairs(redis.call('HKEYS', key)) do
          if string.sub(f, 1, 2) == 'd:' then
            bytes = bytes + redis.call('HSTRLEN', key, f)
            count = count + 1
          end
        end
        meta.b = bytes
        meta.n = count
        redis.call('HSET', key, '_m', writeMeta(meta))
        return 1
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
    /// <c>_m</c>. Returns now, or -3 when the key exists, -1 when the session has already expired.
    /// </summary>
    public static readonly RedisScript Put = new(SourcePut);

    private const string SourcePut = "local key = KEYS[1]\n" + Now + "\n" + Metadata + """

        if redis.call('EXISTS', key) == 1 then return -3 end
        local meta
        for i = 1, #ARGV, 2 do
          if ARGV[i] == '_m' then meta = readMeta(ARGV[i + 1]) end
        end
        if not meta or now >= meta.a then return -1 end
        for i = 1, #ARGV, 500 do
          redis.call('HSET', key, unpack(ARGV, i, math.min(i + 499, #ARGV)))
        end
        meta.s = now
        redis.call('HSET', key, '_m', writeMeta(meta))
        redis.call('PEXPIRE', key, math.min(meta.i, meta.a - now))
        return now
        """;
}
