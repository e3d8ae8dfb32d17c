namespace SessionApp.Sessions.Storage;

/// <summary>The client a session was bound to its user from, as the list of that user's devices shows it.</summary>
internal sealed record SessionClient(string? IpAddress, string? UserAgent);
