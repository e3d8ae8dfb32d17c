namespace SessionApp.Sessions.Storage;

/// <summary>
/// The Lua scripts the engine runs (a read is one plain HGETALL). Each touches exactly one key, so each is atomic
/// on a single node and on Redis Cluster alike. Time comes from Redis (TIME), never from the web servers' clocks.
/// Field names: <c>_m</c> the metadata, six decimal numbers split by colons (created, last seen, absolute expiry,
/// idle timeout, all in milliseconds, then stored bytes and key count; <see cref="SessionRecord.FormatMetadata"/>),
/// <c>_u</c> user, <c>_w</c> IP address and user agent, <c>_t</c> authentication ticket, <c>_k</c> its key;
/// <c>d:name</c> a value: its 8-byte version, then its encoded bytes (<see cref="StoredValue"/>).
/// </summary>
internal static class SessionScripts
{
    private const string Now = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """;

    /// <summary>Reading and writing the <c>_m</c> field: a table with c, s, a, i, b and n, or nil for no (valid) field.</summary>
    private const string Metadata = """
        local function readMeta(m)
          if not m then return nil end
          local c, s, a, i, b, n = string.match(m, '^(%d+):(%d+):(%d+):(%d+):(%d+):(%d+)$')
          if not c then return nil end
          return {c = tonumber(c), s = tonumber(s), a = tonumber(a), i = tonumber(i), b = tonumber(b), n = tonumber(n)}
        end
        local function writeMeta(m)
          return string.format('%d:%d:%d:%d:%d:%d', m.c, m.s, m.a, m.i, m.b, m.n)
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

    /// <summary>
    /// Atomic delta commit. ARGV: mode (new|existing), idle ms (0 keeps an existing session's own), absolute ms,
    /// max keys, max bytes, clear (1|0), counts of sets, removes, compare-and-set checks and metadata fields, then
    /// those lists (a set is name and stored value, whose first 8 bytes are its new version; a check is name and
    /// expected version, the 8 version bytes or empty for "absent").
    /// Returns <c>[1, now, bytes, count]</c>, or an error code:
    /// -1 the session has ended, -2 a compare-and-set conflict (<c>[-2, name, current stored value or nil]</c>),
    /// -3 a new session's key already exists, -4 too many keys (<c>[-4, count]</c>), -5 too many bytes.
    /// Every check runs before the first write, so a refused commit writes nothing. A stored value is never
    /// empty, so a field length of 0 means the field is absent.
    /// </summary>
    public static readonly RedisScript Commit = new(SourceCommit);

    private const string SourceTouch = "local key = KEYS[1]\n" + Now + "\n" + LoadMetadataOrEnd + """

        meta.s = now
        redis.call('HSET', key, '_m', writeMeta(meta))
        redis.call('PEXPIRE', key, math.min(meta.i, meta.a - now))
        return now
        """;

    private const string SourceCommit = "local key = KEYS[1]\n" + Now + "\n" + Metadata + """

        local isNew = ARGV[1] == 'new'
        local nSets = tonumber(ARGV[7])
        local nRemoves = tonumber(ARGV[8])
        local nCas = tonumber(ARGV[9])
        local nMeta = tonumber(ARGV[10])
        local setsAt = 11
        local removesAt = setsAt + nSets * 2
        local casAt = removesAt + nRemoves
        local metaAt = casAt + nCas * 2

        -- One read for the session's metadata and the current value of every key compared.
        local fields = {'_m'}
        for c = casAt, metaAt - 1, 2 do fields[#fields + 1] = 'd:' .. ARGV[c] end
        local meta = {}
        for i = 1, #fields, 500 do
          local part = redis.call('HMGET', key, unpack(fields, i, math.min(i + 499, #fields)))
          for j = 1, #part do meta[#meta + 1] = part[j] end
        end

        local created, idle, abs, bytes, count
        if isNew then
          if meta[1] then return {-3} end
          created = now
          idle = tonumber(ARGV[2])
          abs = now + tonumber(ARGV[3])
          bytes = 0
          count = 0
        else
          local m = readMeta(meta[1])
          if not m then return {-1} end
          if now >= m.a then
            redis.call('DEL', key)
            return {-1}
          end
          created, idle, abs, bytes, count = m.c, m.i, m.a, m.b, m.n
          if tonumber(ARGV[2]) > 0 then idle = tonumber(ARGV[2]) end
        end

        -- A version is compared as the 8 bytes that lead its value: never rounded through Lua's numbers.
        for c = 0, nCas - 1 do
          local current = meta[2 + c]
          local version = current and string.sub(current, 1, 8) or ''
          if version ~= ARGV[casAt + c * 2 + 1] then
            return {-2, ARGV[casAt + c * 2], current}
          end
        end

        local bytesBefore, countBefore = bytes, count
        local clear = ARGV[6] == '1'
        local deletes = {}
        if clear then
          for _, f in ipairs(redis.call('HKEYS', key)) do
            if string.sub(f, 1, 2) == 'd:' then deletes[#deletes + 1] = f end
          end
          bytes = 0
          count = 0
        end
        for r = removesAt, casAt - 1 do
          local field = 'd:' .. ARGV[r]
          if not clear and not isNew then
            local length = redis.call('HSTRLEN', key, field)
            if length > 0 then
              bytes = bytes - length
              count = count - 1
            end
          end
          deletes[#deletes + 1] = field
        end
        local writes = {}
        for i = setsAt, removesAt - 1, 2 do
          local field = 'd:' .. ARGV[i]
          local length = 0
          if not clear and not isNew then length = redis.call('HSTRLEN', key, field) end
          if length > 0 then bytes = bytes - length else count = count + 1 end
          bytes = bytes + string.len(ARGV[i + 1])
          writes[#writes + 1] = field
          writes[#writes + 1] = ARGV[i + 1]
        end
        if count > tonumber(ARGV[4]) and count > countBefore then return {-4, count} end
        if bytes > tonumber(ARGV[5]) and bytes > bytesBefore then return {-5, bytes} end

        for m = metaAt, metaAt + nMeta * 2 - 1, 2 do
          if ARGV[m + 1] == '' then
            deletes[#deletes + 1] = ARGV[m]
          else
            writes[#writes + 1] = ARGV[m]
            writes[#writes + 1] = ARGV[m + 1]
          end
        end
        for i = 1, #deletes, 500 do
          redis.call('HDEL', key, unpack(deletes, i, math.min(i + 499, #deletes)))
        end
        writes[#writes + 1] = '_m'
        writes[#writes + 1] = writeMeta({c = created, s = now, a = abs, i = idle, b = bytes, n = count})
        for i = 1, #writes, 500 do
          redis.call('HSET', key, unpack(writes, i, math.min(i + 499, #writes)))
        end
        redis.call('PEXPIRE', key, math.min(idle, abs - now))
        return {1, now, bytes, count}
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
