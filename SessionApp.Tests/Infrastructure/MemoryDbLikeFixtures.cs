using SessionApp.Aws;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The application user's rules in the MemoryDB-like fixtures that run the engine's contract suite: the published
/// access string for the suite's key prefix (<c>test</c>), plus only what the suite itself needs to look at Redis
/// behind the engine's back, each with its reason. Nothing here is granted to the engine in AWS.
/// </summary>
public static class ContractSuiteAccess
{
    /// <summary>Rules for the suite's own inspection, never for the engine.</summary>
    public static readonly IReadOnlyList<string> TestOnlyRules =
    [
        // Redis_HoldsOnlyTheHashOfTheSessionId lists the session keys (IServer.KeysAsync sends SCAN).
        "+scan",
        // ListSessions_AfterSessionsExpire_PrunesTheirIndexEntries counts a user's index (ZCARD).
        "+zcard",
        // The statistics test keeps apart under its own random prefix, stats{8 hex digits}.
        "~stats*",
    ];

    public static string AccessString => MemoryDbAccessString.For("test") + " " + string.Join(' ', TestOnlyRules);
}
