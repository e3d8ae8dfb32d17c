namespace SessionApp.Sessions.Storage;

internal enum CommitStatus
{
    Committed,
    Ended,
    Conflict,
    AlreadyExists,
    TooManyKeys,
    TooManyBytes,
}
