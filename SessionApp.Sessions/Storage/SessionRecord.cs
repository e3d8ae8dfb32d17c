using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>A session as Redis holds it.</summary>
internal sealed class SessionRecord
{
    public required string Handle { get; set; }

    public long CreatedMs { get; set; }

    public long LastSeenMs { get; set; }

    public long AbsoluteExpiryMs { get; set; }

    public long IdleMs { get; set; }

    public long StoredBytes { get; set; }

    public string? UserId { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public byte[]? Ticket { get; set; }

    /// <summary>The key cookie authentication holds for the ticket: random, and kept when the id rotates.</summary>
    public string? TicketKey { get; set; }

    /// <summary>Values as stored (versioned, still encrypted), by name.</summary>
    public Dictionary<string, StoredValue> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>A record from an HGETALL reply; null when the hash lacks the engine's metadata.</summary>
    public static SessionRecord? FromHash(string handle, HashEntry[] entries)
    {
        var record = new SessionRecord { Handle = handle };
        foreach (var entry in entries)
        {
            record.Apply(entry.Name, entry.Value);
        }

        return record.Complete();
    }

    /// <summary>A record from a script's HGETALL-shaped reply.</summary>
    public static SessionRecord? FromScriptReply(string handle, RedisResult[] items)
    {
        var record = new SessionRecord { Handle = handle };
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            record.Apply((RedisValue)items[i], (RedisValue)items[i + 1]);
        }

        return record.Complete();
    }

    /// <summary>The fields to write this record under a new key, as the Put script takes them.</summary>
    public RedisValue[] ToFields()
    {
        var fields = new List<RedisValue>
        {
            "_c", CreatedMs, "_s", LastSeenMs, "_a", AbsoluteExpiryMs, "_i", IdleMs,
            "_b", StoredBytes, "_n", Values.Count,
        };
        AddIfPresent(fields, "_u", UserId);
        AddIfPresent(fields, "_ip", IpAddress);
        AddIfPresent(fields, "_ua", UserAgent);
        AddIfPresent(fields, "_k", TicketKey);
        if (Ticket is not null)
        {
            fields.Add("_t");
            fields.Add(Ticket);
        }

        foreach (var (name, stored) in Values)
        {
            fields.Add("d:" + name);
            fields.Add(stored.Bytes);
        }

        return [.. fields];
    }

    private void Apply(RedisValue name, RedisValue value)
    {
        var field = (string)name!;
        if (field.Length > 2 && field[0] == 'd' && field[1] == ':')
        {
            Values[field[2..]] = new StoredValue((byte[])value!);
            return;
        }

        switch (field)
        {
            case "_c": CreatedMs = (long)value; break;
            case "_s": LastSeenMs = (long)value; break;
            case "_a": AbsoluteExpiryMs = (long)value; break;
            case "_i": IdleMs = (long)value; break;
            case "_b": StoredBytes = (long)value; break;
            case "_u": UserId = value; break;
            case "_ip": IpAddress = value; break;
            case "_ua": UserAgent = value; break;
            case "_t": Ticket = value; break;
            case "_k": TicketKey = value; break;
        }
    }

    private SessionRecord? Complete()
    {
        return AbsoluteExpiryMs == 0 || IdleMs == 0 ? null : this;
    }

    private static void AddIfPresent(List<RedisValue> fields, string field, string? value)
    {
        if (value is not null)
        {
            fields.Add(field);
            fields.Add(value);
        }
    }
}
