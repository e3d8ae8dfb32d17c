namespace SessionApp.AppHost.Orchestration;

/// <summary>A problem the user can act on, reported as one line without a stack trace.</summary>
public sealed class AppHostException : Exception
{
    public AppHostException()
    {
    }

    public AppHostException(string message)
        : base(message)
    {
    }

    public AppHostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
