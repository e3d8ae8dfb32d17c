using Garnet;
using Microsoft.Extensions.Logging;

namespace SessionApp.AppHost.Redis;

/// <summary>Runs the embedded Garnet server of a <see cref="GarnetServerResource"/> and reports its state to the dashboard.</summary>
internal sealed class EmbeddedGarnet(GarnetServerResource resource) : IDisposable
{
    private GarnetServer? _server;

    public async Task StartAsync(ResourceNotificationService notifications, ILogger logger)
    {
        await notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.Starting });
        try
        {
            var server = new GarnetServer(GarnetServerResource.Arguments(resource.Port));
            server.Start();
            _server = server;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.GarnetFailedToStart(logger, resource.Port, ex);
            await notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.FailedToStart });
            return;
        }

        Log.GarnetStarted(logger, resource.Port);
        await notifications.PublishUpdateAsync(resource, state => state with
        {
            State = KnownResourceStates.Running,
            StartTimeStamp = DateTime.UtcNow,
        });
    }

    public void Dispose() => Interlocked.Exchange(ref _server, null)?.Dispose();
}
