using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Aspire.Hosting.ApplicationModel;

namespace SessionApp.Tests.AppHost;

/// <summary>
/// The latest snapshot of every resource instance (each replica has its own id, e.g. <c>api-rbjhsqvn</c>), kept up
/// to date from the AppHost's resource notifications for as long as the application runs.
/// </summary>
internal sealed class ResourceStates
{
    private static readonly ConditionalWeakTable<DistributedApplication, ResourceStates> ByApplication = [];

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();

    private ResourceStates(DistributedApplication app, CancellationToken stopping) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(stopping))
                {
                    _latest[resourceEvent.ResourceId] = resourceEvent;
                }
            }
            catch (OperationCanceledException)
            {
                // The application stopped.
            }
        }, CancellationToken.None);

    /// <summary>Starts watching <paramref name="app"/>; call before it starts, so no event is missed.</summary>
    public static void Watch(DistributedApplication app, CancellationToken stopping) =>
        ByApplication.GetValue(app, a => new ResourceStates(a, stopping));

    public static ResourceStates Of(DistributedApplication app) =>
        ByApplication.TryGetValue(app, out var states) ? states : throw new InvalidOperationException("The application's resources are not watched.");

    /// <summary>The snapshots of <paramref name="resourceName"/>'s instances, by instance id.</summary>
    public IReadOnlyDictionary<string, CustomResourceSnapshot> Instances(string resourceName) =>
        _latest.Values
            .Where(e => e.Resource.Name == resourceName)
            .ToDictionary(e => e.ResourceId, e => e.Snapshot);
}
