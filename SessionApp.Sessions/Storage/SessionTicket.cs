using SessionApp.Sessions.Protection;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// Cookie authentication's ticket as a session holds it: the random key the authentication cookie carries, and the
/// serialized ticket protected by the value codec.
/// </summary>
internal sealed record SessionTicket(string Key, byte[] Protected)
{
    /// <summary>A ticket protected under the name of the field that holds it, as every value is under its own.</summary>
    public static SessionTicket Protect(SessionValueCodec codec, string key, byte[] serialized) =>
        new(key, codec.Encode(SessionRecord.TicketField, serialized));

    /// <summary>The serialized ticket of a stored, protected one.</summary>
    public static byte[] Unprotect(SessionValueCodec codec, byte[] stored) => codec.Decode(SessionRecord.TicketField, stored);
}
