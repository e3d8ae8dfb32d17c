namespace SessionApp.Sessions.Storage;

/// <summary>A value as stored in Redis (format byte first, possibly encrypted) and its version.</summary>
internal record struct StoredValue(byte[] Bytes, long Version);
