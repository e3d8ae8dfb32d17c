namespace SessionApp.Sessions.Storage;

/// <summary>
/// The result of a commit: Redis's time, the session's stored bytes after it; for a compare-and-set
/// conflict, the key that failed its check and the value it holds now (null: absent); for a limit, the figure that
/// passed it.
/// </summary>
internal sealed record CommitOutcome(CommitStatus Status, long NowMs, long StoredBytes, StoredValue? Conflicting = null, long Over = 0, string? ConflictName = null)
{
    public static CommitOutcome Ended { get; } = new(CommitStatus.Ended, 0, 0);

    public long ConflictVersion => Conflicting?.Version ?? 0;
}
