using SessionApp.AppHost.CommandLine;

namespace SessionApp.AppHost.Testing;

/// <summary>
/// Lets a test run the AppHost's own <c>Program.cs</c>, as Aspire.Hosting.Testing does: while a capture is
/// active on the calling flow, <see cref="DistributedApplication.CreateBuilder(string[])"/> takes the test's
/// options, and <see cref="DistributedApplicationBuilder.Build"/> hands the application to the test and stops
/// <c>Program.cs</c> there instead of running it.
/// </summary>
internal sealed class EntryPointCapture(AppHostOptions options)
{
    private static readonly AsyncLocal<EntryPointCapture?> Active = new();

    public static EntryPointCapture? Current => Active.Value;

    public AppHostOptions Options { get; } = options;

    public DistributedApplication? Application { get; private set; }

    public static EntryPointCapture Begin(AppHostOptions options)
    {
        var capture = new EntryPointCapture(options);
        Active.Value = capture;
        return capture;
    }

    public static void End() => Active.Value = null;

    /// <summary>Keeps the built application and unwinds <c>Program.cs</c>.</summary>
    public Exception Captured(DistributedApplication application)
    {
        Application = application;
        return new EntryPointCapturedException();
    }
}
