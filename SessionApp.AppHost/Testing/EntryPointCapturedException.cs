namespace SessionApp.AppHost.Testing;

/// <summary>Unwinds the AppHost's <c>Program.cs</c> once a test has captured the application it built.</summary>
internal sealed class EntryPointCapturedException : Exception
{
    public EntryPointCapturedException()
        : base("The application was handed to a test instead of being run.")
    {
    }

    public EntryPointCapturedException(string message)
        : base(message)
    {
    }

    public EntryPointCapturedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
