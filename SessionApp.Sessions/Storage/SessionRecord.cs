using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>A session as Redis holds it, read in one round trip.</summary>
internal sealed class SessionRecord
{
    public required string Handle { get; set; }

    public long NowMs { get; set; }

    public long CreatedMs { get; set; }

    public long LastSeenMs { get; set; }

    public long AbsoluteExpiryMs { get; set; }

    public long IdleMs { get; set; }

    public long StoredBytes { get; set; }

    public string? UserId { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public byte[]? Ticket { get; set; }

    /// <summary>Values as stored (still encrypted) with their versions, by name.</summary>
    public Dictionary<string, StoredValue> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Builds a record from HGETALL-shaped pairs starting at <paramref name="offset"/>.</summary>
    public static SessionRecord FromFields(string handle, RedisResult[] items, int offset)
    {
        var record = new SessionRecord { Handle = handle };
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = offset; i + 1 < items.Length; i += 2)
        {
            var field = (string)items[i]!;
            var value = items[i + 1];
            switch (field)
            {
                case "_c": record.CreatedMs = (long)value; break;
                case "_s": record.LastSeenMs = (long)value; break;
                case "_a": record.AbsoluteExpiryMs = (long)value; break;
                case "_i": record.IdleMs = (long)value; break;
                case "_b": record.StoredBytes = (long)value; break;
                case "_u": record.UserId = (string?)value; break;
                case "_ip": record.IpAddress = (string?)value; break;
                case "_ua": record.UserAgent = (string?)value; break;
                case "_t": record.Ticket = (byte[]?)value; break;
                default:
                    if (field.StartsWith("d:", StringComparison.Ordinal))
                    {
                        record.Values[field[2..]] = new StoredValue((byte[])value!, 0);
                    }
                    else if (field.StartsWith("v:", StringComparison.Ordinal))
                    {
                        versions[field[2..]] = (long)value;
                    }

                    break;
            }
        }

        foreach (var (name, version) in versions)
        {
            if (record.Values.TryGetValue(name, out var stored))
            {
                record.Values[name] = stored with { Version = version };
            }
        }

        return record;
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
        if (Ticket is not null)
        {
            fields.Add("_t");
            fields.Add(Ticket);
        }

        foreach (var (name, stored) in Values)
        {
            fields.Add("d:" + name);
            fields.Add(stored.Bytes);
            fields.Add("v:" + name);
            fields.Add(stored.Version);
        }

        return [.. fields];
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
