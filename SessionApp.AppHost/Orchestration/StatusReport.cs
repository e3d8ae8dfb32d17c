using System.Text;

namespace SessionApp.AppHost.Orchestration;

/// <summary>The "ready" message: gateway URL, resources view URL and one line per resource.</summary>
internal static class StatusReport
{
    public static string Ready(DistributedApplication app, IEnumerable<Replica> replicas)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"SessionApp is running (healthy after {app.StartupTime?.TotalSeconds:0.0} s).");
        foreach (var gateway in app.Model.Resources.OfType<Model.GatewayResource>())
        {
            text.AppendLine($"  {gateway.Name,-14} {app.GetEndpoint(gateway.Name)}");
        }

        text.AppendLine($"  {"resources view",-14} {app.DashboardUrl}");
        foreach (var group in replicas.GroupBy(r => r.Resource))
        {
            var healthy = group.Count(r => r.State == ReplicaState.Healthy);
            var details = string.Join(", ", group.Select(r => $"{r.Name} {r.Url} pid {r.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "in-process"}"));
            text.AppendLine($"  {group.Key,-14} {healthy}/{group.Count()} healthy: {details}");
        }

        text.Append("Press Ctrl-C to stop.");
        return text.ToString();
    }
}
