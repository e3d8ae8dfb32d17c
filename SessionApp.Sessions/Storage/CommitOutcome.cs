namespace SessionApp.Sessions.Storage;

/// <summary>The result of a commit.</summary>
internal sealed record CommitOutcome(CommitStatus Status, long NowMs, long StoredBytes, long ConflictVersion = 0, byte[]? ConflictValue = null, long Over = 0)
{
    public static CommitOutcome Ended { get; } = new(CommitStatus.Ended, 0, 0);
}
