using System.Reflection;
using SessionApp.AppHost.CommandLine;

namespace SessionApp.AppHost.Testing;

/// <summary>
/// Starts the real SessionApp topology — the one the AppHost's <c>Program.cs</c> declares, run from that very
/// file — in the calling process, in the spirit of Aspire.Hosting.Testing's <c>DistributedApplicationTestingBuilder</c>.
/// Dispose the returned application to stop every process it started.
/// </summary>
public static class TopologyTestHost
{
    public static async Task<DistributedApplication> StartAsync(AppHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = await BuildFromProgramAsync(options);
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<DistributedApplication> BuildFromProgramAsync(AppHostOptions options)
    {
        var entryPoint = typeof(DistributedApplication).Assembly.EntryPoint
            ?? throw new InvalidOperationException("SessionApp.AppHost has no entry point.");
        var capture = EntryPointCapture.Begin(options);
        try
        {
            if (entryPoint.Invoke(null, [Array.Empty<string>()]) is Task run)
            {
                await run;
            }
        }
        catch (Exception ex) when (ex is EntryPointCapturedException || ex is TargetInvocationException { InnerException: EntryPointCapturedException })
        {
            // Program.cs built its application and handed it over.
        }
        finally
        {
            EntryPointCapture.End();
        }

        return capture.Application ?? throw new InvalidOperationException("The AppHost's Program.cs returned without building a DistributedApplication.");
    }
}
