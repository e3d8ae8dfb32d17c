using SessionApp.Sessions.Configuration;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// The commit protocol, whole: the Lua script that applies a <see cref="SessionDelta"/> atomically, the arguments
/// it takes (<see cref="Arguments"/>) and the answer it gives (<see cref="Parse"/>). The script touches the
/// session's key only, so it is atomic on a single node and on Redis Cluster alike.
/// <para>
/// Every commit is safe to send again when its first attempt's outcome is unknown (a timeout, or a token
/// cancelled after the command left): re-applying a delta sets and removes the same fields and recounts the
/// stored bytes and keys from what Redis holds, and a compare-and-set check that travels with it again either
/// passes or reports the key's current value (which may be this delta's own earlier write). A new session is
/// created in <see cref="CommitMode.Create"/>, which refuses a key that exists; its retry goes in
/// <see cref="CommitMode.CreateOrApply"/>, which recognises the earlier attempt by the key itself: the key is
/// named after the request's fresh 256-bit id, which no one else holds until the cookie is issued, and that
/// happens only after a commit whose outcome is known.
/// </para>
/// </summary>
internal static class SessionCommitScript
{
    /// <summary>The script's fixed arguments before the lists; <see cref="Arguments"/> lays them out.</summary>
    private const int FixedArguments = 10;

    /// <summary>
    /// The identity changes that follow the lists, by which are there (user 1, client 2, ticket 4): constant
    /// strings, so that naming them allocates nothing.
    /// </summary>
    private static readonly string[] IdentityLists = ["", "u", "c", "uc", "t", "ut", "ct", "uct"];

    public static readonly RedisScript Script = new(Source);

    /// <summary>
    /// ARGV: mode (<c>create</c> | <c>apply</c> | <c>create-or-apply</c>), idle ms (0 keeps an existing session's
    /// own), absolute ms, max keys, max bytes, clear (1|0), counts of sets, removes and compare-and-set checks, the
    /// identity changes that follow the lists (any of <c>u</c> user, <c>c</c> client, <c>t</c> ticket, in that
    /// order), then those lists: a set is name and stored value, whose first 8 bytes are its new version; a remove is
    /// a name; a check is name and expected version (its 8 bytes, or empty for "absent"). Then the identity changes:
    /// the user id and the packed client (<see cref="SessionRecord.Client(string?, string?)"/>), each empty to clear,
    /// which go into <c>_m</c>'s owner; the ticket's key and protected bytes, which go into <c>_k</c> and <c>_t</c>
    /// (both empty: deleted).
    /// Returns <c>[1, now, bytes, count]</c>, or an error code: -1 the session has ended, -2 a compare-and-set
    /// conflict (<c>[-2, name, current stored value or nil]</c>), -3 a created session's key already exists,
    /// -4 too many keys (<c>[-4, count]</c>), -5 too many bytes (<c>[-5, bytes]</c>).
    /// Every check runs before the first write, so a refused commit writes nothing. A stored value is never empty,
    /// so a field length of 0 means the field is absent.
    /// </summary>
    private const string Source = "local key = KEYS[1]\n" + SessionScripts.Now + "\n" + SessionScripts.Metadata + """

        local mode = ARGV[1]
        local nSets = tonumber(ARGV[7])
        local nRemoves = tonumber(ARGV[8])
        local nCas = tonumber(ARGV[9])
        local identity = ARGV[10]
        local setsAt = 11
        local removesAt = setsAt + nSets * 2
        local casAt = removesAt + nRemoves
        local identityAt = casAt + nCas * 2

        -- One read for the session's metadata and the current value of every key compared.
        local fields = {'_m'}
        for c = casAt, identityAt - 1, 2 do fields[#fields + 1] = 'd:' .. ARGV[c] end
        local meta = {}
        for i = 1, #fields, 500 do
          local part = redis.call('HMGET', key, unpack(fields, i, math.min(i + 499, #fields)))
          for j = 1, #part do meta[#meta + 1] = part[j] end
        end

        local isNew = mode == 'create' or (mode == 'create-or-apply' and not meta[1])
        local created, idle, abs, bytes, count
        local owner = ''
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
          created, idle, abs, bytes, count, owner = m.c, m.i, m.a, m.b, m.n, m.r
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

        local user, client = readOwner(owner)
        local at = identityAt
        if string.find(identity, 'u', 1, true) then
          user = ARGV[at]
          at = at + 1
        end
        if string.find(identity, 'c', 1, true) then
          client = ARGV[at]
          at = at + 1
        end
        if string.find(identity, 't', 1, true) then
          if ARGV[at] == '' then
            deletes[#deletes + 1] = '_k'
            deletes[#deletes + 1] = '_t'
          else
            writes[#writes + 1] = '_k'
            writes[#writes + 1] = ARGV[at]
            writes[#writes + 1] = '_t'
            writes[#writes + 1] = ARGV[at + 1]
          end
        end
        for i = 1, #deletes, 500 do
          redis.call('HDEL', key, unpack(deletes, i, math.min(i + 499, #deletes)))
        end
        writes[#writes + 1] = '_m'
        writes[#writes + 1] = writeMeta({c = created, s = now, a = abs, i = idle, b = bytes, n = count, r = writeOwner(user, client)})
        for i = 1, #writes, 500 do
          redis.call('HSET', key, unpack(writes, i, math.min(i + 499, #writes)))
        end
        redis.call('PEXPIRE', key, math.min(idle, abs - now))
        return {1, now, bytes, count}
        """;

    /// <summary>The script's arguments for <paramref name="delta"/>, in the order <see cref="Source"/> reads them.</summary>
    public static RedisValue[] Arguments(CommitMode mode, SessionDelta delta, RedisSessionOptions options)
    {
        var creates = mode != CommitMode.Apply;
        var identity = delta.Identity;
        var (user, client, ticket) = (identity.UserId.IsChanged, identity.Client.IsChanged, identity.Ticket.IsChanged);
        var identityArguments = (user ? 1 : 0) + (client ? 1 : 0) + (ticket ? 2 : 0);
        var args = new RedisValue[FixedArguments + (delta.Sets.Count * 2) + delta.Removes.Count + (delta.ExpectedVersions.Count * 2) + identityArguments];
        args[0] = mode switch
        {
            CommitMode.Create => "create",
            CommitMode.Apply => "apply",
            _ => "create-or-apply",
        };
        args[1] = delta.IdleMs ?? (creates ? (long)options.IdleTimeout.TotalMilliseconds : 0);
        args[2] = (long)options.AbsoluteTimeout.TotalMilliseconds;
        args[3] = options.MaxKeys;
        args[4] = options.MaxSessionBytes;
        args[5] = delta.Clear ? "1" : "0";
        args[6] = delta.Sets.Count;
        args[7] = delta.Removes.Count;
        args[8] = delta.ExpectedVersions.Count;
        args[9] = IdentityLists[(user ? 1 : 0) | (client ? 2 : 0) | (ticket ? 4 : 0)];
        var at = FixedArguments;
        foreach (var (name, value) in delta.Sets)
        {
            args[at++] = name;
            args[at++] = value.Bytes;
        }

        foreach (var name in delta.Removes)
        {
            args[at++] = name;
        }

        foreach (var (name, version) in delta.ExpectedVersions)
        {
            args[at++] = name;
            args[at++] = StoredValue.VersionToBytes(version);
        }

        if (user)
        {
            args[at++] = identity.UserId.Value ?? string.Empty;
        }

        if (client)
        {
            args[at++] = SessionRecord.Client(identity.Client.Value?.IpAddress, identity.Client.Value?.UserAgent) ?? string.Empty;
        }

        if (ticket)
        {
            args[at++] = identity.Ticket.Value?.Key ?? string.Empty;
            args[at++] = identity.Ticket.Value?.Protected ?? [];
        }

        return args;
    }

    /// <summary>Reads the script's answer.</summary>
    public static CommitOutcome Parse(RedisResult result)
    {
        var reply = (RedisResult[])result!;
        var code = (long)reply[0];
        return code switch
        {
            1 => new CommitOutcome(CommitStatus.Committed, (long)reply[1], (long)reply[2]),
            -1 => CommitOutcome.Ended,
            -2 => new CommitOutcome(CommitStatus.Conflict, 0, 0, reply[2].IsNull ? null : new StoredValue((byte[])reply[2]!), ConflictName: (string?)reply[1]),
            -3 => new CommitOutcome(CommitStatus.AlreadyExists, 0, 0),
            -4 => new CommitOutcome(CommitStatus.TooManyKeys, 0, 0, Over: (long)reply[1]),
            -5 => new CommitOutcome(CommitStatus.TooManyBytes, 0, 0, Over: (long)reply[1]),
            _ => throw new InvalidOperationException($"The commit script answered an unknown code {code}."),
        };
    }
}
