namespace SessionApp.Sessions.Users;

/// <summary>Counts of signed-in sessions across every instance.</summary>
/// <param name="Users">Users with at least one live session.</param>
/// <param name="Sessions">Live sessions bound to a user.</param>
public sealed record SessionStats(long Users, long Sessions);
