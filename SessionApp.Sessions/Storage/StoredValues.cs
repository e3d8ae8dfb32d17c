using System.Runtime.CompilerServices;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// A session's values as stored (<see cref="StoredValue"/>), by ordinal name: one array of (name, value) entries,
/// searched in order. A session holds a handful of values (never more than Sessions:MaxKeys), for which a scan costs
/// less than hashing and one exactly-sized array costs a fraction of a dictionary's object, buckets and entries. The
/// array grows only when the request adds a key; the order is the order values were added, for whoever lists them.
/// </summary>
internal sealed class StoredValues
{
    private Entry[] _entries;
    private int _count;

    /// <summary>Room for <paramref name="capacity"/> values before the first one added grows the array.</summary>
    public StoredValues(int capacity = 0) => _entries = capacity == 0 ? [] : new Entry[capacity];

    public int Count => _count;

    /// <summary>The names, in order; a copy, so the values may change while a caller walks it.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            var keys = new string[_count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = _entries[i].Name;
            }

            return keys;
        }
    }

    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, out StoredValue value)
    {
        var i = IndexOf(name);
        value = i < 0 ? default : _entries[i].Value;
        return i >= 0;
    }

    /// <summary>
    /// The value stored under <paramref name="name"/> by reference, so a caller can keep what it decoded beside it;
    /// a null reference (<see cref="Unsafe.IsNullRef"/>) when there is none. Valid until a value is added or removed.
    /// </summary>
    public ref StoredValue GetValueRefOrNullRef(string name)
    {
        var i = IndexOf(name);
        return ref i < 0 ? ref Unsafe.NullRef<StoredValue>() : ref _entries[i].Value;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/>, replacing the value there or adding one.</summary>
    public void Set(string name, StoredValue value)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _entries[i].Value = value;
            return;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, _count * 2));
        }

        _entries[_count++] = new Entry(name, value);
    }

    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        _count--;
        Array.Copy(_entries, i + 1, _entries, i, _count - i);
        _entries[_count] = default;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
    }

    /// <summary>The (name, value) pairs in order, without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_entries[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private struct Entry(string name, StoredValue value)
    {
        public readonly string Name = name;
        public StoredValue Value = value;
    }

    public struct Enumerator(StoredValues values)
    {
        private int _index = -1;

        public readonly (string Name, StoredValue Value) Current => (values._entries[_index].Name, values._entries[_index].Value);

        public bool MoveNext() => ++_index < values._count;
    }
}
