namespace SessionApp.Sessions.Storage;

/// <summary>The result of a commit script.</summary>
internal sealed record CommitOutcome(CommitStatus Status, long NowMs, long StoredBytes, IReadOnlyList<long> Versions, long ConflictVersion = 0, byte[]? ConflictValue = null, long Over = 0);
