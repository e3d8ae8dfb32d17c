using System.Buffers.Text;
using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>A session as Redis holds it.</summary>
internal sealed class SessionRecord
{
    /// <summary>The <c>_m</c> field, which a listing reads alone: the numbers, and the owner (<see cref="TryParseMetadataField"/>).</summary>
    public static readonly RedisValue MetadataField = "_m";

    /// <summary>
    /// The field holding the authentication ticket, and the name it is protected under (<see cref="SessionTicket"/>):
    /// changing it would leave every stored ticket unreadable.
    /// </summary>
    public const string TicketField = "_t";

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
    public StoredValues Values { get; private init; } = new();

    /// <summary>A record from an HGETALL reply; null when the hash lacks the engine's metadata.</summary>
    public static SessionRecord? FromHash(string handle, HashEntry[] entries)
    {
        // Sized exactly: the load never grows the values, and a request that only reads or replaces never does either.
        var count = 0;
        foreach (var entry in entries)
        {
            count += IsValueField(((ReadOnlyMemory<byte>)entry.Name).Span) ? 1 : 0;
        }

        var record = new SessionRecord { Handle = handle, Values = new(count) };
        foreach (var entry in entries)
        {
            record.Apply(entry.Name, entry.Value);
        }

        return record.Complete();
    }

    /// <summary>A record from a script's HGETALL-shaped reply.</summary>
    public static SessionRecord? FromScriptReply(string handle, RedisResult[] items)
    {
        // Room for every pair, a few more than the values: this path rotates an id, which is rare.
        var record = new SessionRecord { Handle = handle, Values = new(items.Length / 2) };
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            record.Apply((RedisValue)items[i], (RedisValue)items[i + 1]);
        }

        return record.Complete();
    }

    /// <summary>The fields to write this record under a new key, as the Put script takes them (the user and client inside <c>_m</c>).</summary>
    public RedisValue[] ToFields()
    {
        var metadata = FormatMetadata(CreatedMs, LastSeenMs, AbsoluteExpiryMs, IdleMs, StoredBytes, Values.Count);
        var fields = new List<RedisValue> { "_m", metadata + FormatOwner(UserId, Client(IpAddress, UserAgent)) };
        AddIfPresent(fields, "_k", TicketKey);
        if (Ticket is not null)
        {
            fields.Add(TicketField);
            fields.Add(Ticket);
        }

        foreach (var (name, stored) in Values)
        {
            fields.Add(SessionKeys.ValueField(name));
            fields.Add(stored.Bytes);
        }

        return [.. fields];
    }

    private void Apply(RedisValue name, RedisValue value)
    {
        // Field names are matched as the bytes Redis sent: a load allocates a string only for each value's name.
        var field = ((ReadOnlyMemory<byte>)name).Span;
        if (IsValueField(field))
        {
            Values.Set(ValueNames.Name(field[2..]), new StoredValue((byte[])value!));
        }
        else if (field.SequenceEqual("_m"u8))
        {
            if (TryParseMetadataField(((ReadOnlyMemory<byte>)value).Span, out var metadata, out var owner))
            {
                (CreatedMs, LastSeenMs, AbsoluteExpiryMs, IdleMs, StoredBytes, _) = metadata;
                if (owner is { } parsed)
                {
                    UserId = parsed.UserId;
                    (IpAddress, UserAgent) = Client(parsed.Client);
                }
            }
        }
        else if (field.SequenceEqual("_t"u8))
        {
            Ticket = value;
        }
        else if (field.SequenceEqual("_k"u8))
        {
            TicketKey = value;
        }
    }

    private static bool IsValueField(ReadOnlySpan<byte> field) => field.Length > 2 && field[0] == (byte)'d' && field[1] == (byte)':';

    /// <summary>Folds committed identity changes into the record, as the commit script stored them.</summary>
    public void ApplyIdentity(IdentityChanges changes)
    {
        if (changes.UserId.IsChanged)
        {
            UserId = changes.UserId.Value;
        }

        if (changes.Client.IsChanged)
        {
            var client = changes.Client.Value;
            (IpAddress, UserAgent) = (NullIfEmpty(client?.IpAddress), NullIfEmpty(client?.UserAgent));
        }

        if (changes.Ticket.IsChanged)
        {
            (TicketKey, Ticket) = (changes.Ticket.Value?.Key, changes.Ticket.Value?.Protected);
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private SessionRecord? Complete() => AbsoluteExpiryMs == 0 || IdleMs == 0 ? null : this;

    /// <summary>
    /// The <c>_m</c> field: the numbers every script reads and writes, in one field so that a load reads one field
    /// instead of six. Decimal text split by colons, which the scripts parse with one <c>string.match</c>.
    /// </summary>
    public static string FormatMetadata(long createdMs, long lastSeenMs, long absoluteExpiryMs, long idleMs, long storedBytes, long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{createdMs}:{lastSeenMs}:{absoluteExpiryMs}:{idleMs}:{storedBytes}:{count}");

    /// <summary>
    /// What follows the numbers in the <c>_m</c> field of a session bound to a user: <c>|</c>, the user id's
    /// length in UTF-8 bytes, <c>|</c>, the user id, then the client as <see cref="Client(string?, string?)"/> packs
    /// it (the scripts keep it as it is, or replace it on a bind). Empty when there is neither.
    /// </summary>
    public static string FormatOwner(string? userId, string? client) =>
        string.IsNullOrEmpty(userId) && string.IsNullOrEmpty(client)
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"|{Encoding.UTF8.GetByteCount(userId ?? string.Empty)}|{userId}{client}");

    /// <summary>
    /// Reads an <c>_m</c> field: its six numbers and, in a session bound to a user, the user
    /// id and the client that follow them (<see cref="FormatOwner"/>); <paramref name="owner"/> is null when nothing follows.
    /// </summary>
    public static bool TryParseMetadataField(
        ReadOnlySpan<byte> field,
        out (long CreatedMs, long LastSeenMs, long AbsoluteExpiryMs, long IdleMs, long StoredBytes, long Count) metadata,
        out (string? UserId, string? Client)? owner)
    {
        owner = null;
        var split = field.IndexOf((byte)'|');
        if (split < 0)
        {
            return TryParseMetadata(field, out metadata);
        }

        if (!TryParseMetadata(field[..split], out metadata))
        {
            return false;
        }

        var rest = field[(split + 1)..];
        var bar = rest.IndexOf((byte)'|');
        if (bar <= 0 || !Utf8Parser.TryParse(rest[..bar], out int length, out var consumed) || consumed != bar || length < 0 || length > rest.Length - bar - 1)
        {
            metadata = default;
            return false;
        }

        var user = rest.Slice(bar + 1, length);
        var client = rest[(bar + 1 + length)..];
        owner = (user.IsEmpty ? null : Encoding.UTF8.GetString(user), client.IsEmpty ? null : Encoding.UTF8.GetString(client));
        return true;
    }

    /// <summary>Reads an <c>_m</c> field; false for anything but six colon-separated non-negative numbers.</summary>
    public static bool TryParseMetadata(ReadOnlySpan<byte> field, out (long CreatedMs, long LastSeenMs, long AbsoluteExpiryMs, long IdleMs, long StoredBytes, long Count) metadata)
    {
        Span<long> numbers = stackalloc long[6];
        metadata = default;
        for (var i = 0; i < numbers.Length; i++)
        {
            if (i > 0)
            {
                if (field.IsEmpty || field[0] != (byte)':')
                {
                    return false;
                }

                field = field[1..];
            }

            if (field.IsEmpty || !char.IsAsciiDigit((char)field[0]) || !Utf8Parser.TryParse(field, out numbers[i], out var consumed))
            {
                return false;
            }

            field = field[consumed..];
        }

        if (!field.IsEmpty)
        {
            return false;
        }

        metadata = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
        return true;
    }

    /// <summary>
    /// The client a session was bound to its user from (only a bound session is ever listed, so no other records
    /// it), as the owner in its <c>_m</c> field holds it: the IP address and the user agent, split by a line feed (which
    /// neither can contain); null when neither is known.
    /// </summary>
    public static string? Client(string? ipAddress, string? userAgent) =>
        string.IsNullOrEmpty(ipAddress) && string.IsNullOrEmpty(userAgent) ? null : $"{ipAddress}\n{userAgent}";

    /// <summary>The IP address and user agent of a packed client (<see cref="Client(string?, string?)"/>); nulls for what it does not hold.</summary>
    public static (string? IpAddress, string? UserAgent) Client(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return (null, null);
        }

        var split = field.IndexOf('\n', StringComparison.Ordinal);
        var (ip, userAgent) = split < 0 ? (field, string.Empty) : (field[..split], field[(split + 1)..]);
        return (ip.Length == 0 ? null : ip, userAgent.Length == 0 ? null : userAgent);
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
