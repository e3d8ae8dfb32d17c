using SessionApp.AppHost.CommandLine;

namespace SessionApp.AppHost.Testing;

/// <summary>
/// Starts the real SessionApp topology (the same <see cref="SessionAppTopology"/> as <c>Program.cs</c>) in the
/// calling process, in the spirit of Aspire.Hosting.Testing's <c>DistributedApplicationTestingBuilder</c>.
/// Dispose the returned application to stop every process it started.
/// </summary>
public static class TopologyTestHost
{
    public static async Task<DistributedApplication> StartAsync(AppHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = DistributedApplication.CreateBuilder(options);
        SessionAppTopology.Build(builder);
        var app = builder.Build();
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
}
