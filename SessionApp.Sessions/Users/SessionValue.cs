namespace SessionApp.Sessions.Users;

/// <summary>A value read from one of a user's sessions (<see cref="ISessionManager.ReadEachAsync"/>).</summary>
/// <param name="Handle">The session's handle, as <see cref="SessionInfo.Handle"/> shows it.</param>
/// <param name="Value">The value, as <c>ISession</c> returns it.</param>
public sealed record SessionValue(string Handle, byte[] Value);
