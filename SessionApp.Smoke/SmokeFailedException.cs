namespace SessionApp.Smoke;

/// <summary>A check of the smoke test failed; the message says what a user would have seen.</summary>
public sealed class SmokeFailedException : Exception
{
    public SmokeFailedException()
    {
    }

    public SmokeFailedException(string message)
        : base(message)
    {
    }

    public SmokeFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
