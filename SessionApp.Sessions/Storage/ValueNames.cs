using System.Collections.Concurrent;
using System.Text;
using StackExchange.Redis;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// The names of session values, shared between requests: a load turns each <c>d:name</c> field into the same
/// string every time, and a write sends the same <c>d:name</c> field bytes, instead of allocating both per request.
/// An application uses a handful of names, so a bounded number of short ones is kept (the first
/// <see cref="MaxEntries"/> seen, each at most <see cref="MaxNameLength"/> characters); any other name is made afresh.
/// </summary>
internal static class ValueNames
{
    public const int MaxEntries = 1024;

    public const int MaxNameLength = 64;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NamesByChars =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly ConcurrentDictionary<string, RedisValue> Fields = new(StringComparer.Ordinal);

    // Counted apart: ConcurrentDictionary.Count takes every lock of the dictionary.
    private static int _names;
    private static int _fields;

    /// <summary>The value name a <c>d:</c> field carries after its prefix, as UTF-8 (decoded as Encoding.UTF8 decodes it).</summary>
    public static string Name(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[MaxNameLength];
        if (utf8.Length > MaxNameLength || !Encoding.UTF8.TryGetChars(utf8, chars, out var length))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var text = chars[..length];
        if (NamesByChars.TryGetValue(text, out var name))
        {
            return name;
        }

        name = new string(text);
        if (Volatile.Read(ref _names) < MaxEntries && Names.TryAdd(name, name))
        {
            Interlocked.Increment(ref _names);
        }

        return name;
    }

    /// <summary>The hash field holding the value <paramref name="name"/>: the same bytes as <see cref="SessionKeys.ValueField"/>.</summary>
    public static RedisValue Field(string name)
    {
        if (Fields.TryGetValue(name, out var field))
        {
            return field;
        }

        field = Encoding.UTF8.GetBytes(SessionKeys.ValueField(name));
        if (name.Length <= MaxNameLength && Volatile.Read(ref _fields) < MaxEntries && Fields.TryAdd(name, field))
        {
            Interlocked.Increment(ref _fields);
        }

        return field;
    }
}
