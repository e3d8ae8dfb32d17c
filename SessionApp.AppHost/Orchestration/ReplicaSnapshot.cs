namespace SessionApp.AppHost.Orchestration;

/// <summary>What the resources view shows about one replica at one moment.</summary>
/// <param name="Resource">The resource name, e.g. <c>api</c>.</param>
/// <param name="Index">The zero-based replica index.</param>
/// <param name="Name">The instance name, e.g. <c>api-1</c>.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="ProcessId">The operating-system process id, or null when not running or in-process.</param>
/// <param name="Url">The replica's own address.</param>
/// <param name="Restarts">How many times it was started again after exiting unexpectedly.</param>
/// <param name="RecentOutput">The last lines it wrote.</param>
public sealed record ReplicaSnapshot(
    string Resource,
    int Index,
    string Name,
    ReplicaState State,
    int? ProcessId,
    Uri Url,
    int Restarts,
    IReadOnlyList<string> RecentOutput);
