using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace SessionApp.Sessions.Protection;

/// <summary>
/// A zstd dictionary shipped with the application, trained on its own session values, and the id (1–255) that every
/// value compressed with it carries. Register every dictionary that values in Redis may name, old ones included, with
/// <see cref="RedisSessionsBuilder.AddCompressionDictionary(int, byte[])"/>; <c>Sessions:CompressionDictionary</c>
/// chooses the one new values are written with.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "zstd calls it a dictionary; it is not a collection.")]
public sealed record SessionCompressionDictionary
{
    /// <summary>The smallest id a dictionary may have; 0 in a stored value means "no dictionary".</summary>
    public const int MinId = 1;

    /// <summary>The largest id a dictionary may have: the id is one byte of the stored value.</summary>
    public const int MaxId = 255;

    /// <summary>Creates a dictionary from its bytes (as <c>zstd --train</c> or ZstdSharp's <c>DictBuilder</c> wrote them).</summary>
    public SessionCompressionDictionary(int id, byte[] bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, MinId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, MaxId);
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentOutOfRangeException.ThrowIfZero(bytes.Length);
        Id = id;
        Bytes = bytes;
    }

    /// <summary>The id stored in each value compressed with this dictionary.</summary>
    public int Id { get; }

    /// <summary>The dictionary's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Reads a dictionary from an embedded resource of <paramref name="assembly"/>.</summary>
    public static SessionCompressionDictionary FromResource(int id, Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(resourceName);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ArgumentException($"The assembly {assembly.GetName().Name} has no embedded resource '{resourceName}'.", nameof(resourceName));
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return new SessionCompressionDictionary(id, bytes);
    }
}
