namespace SessionApp.Aws.Stack.Operations;

/// <summary>
/// The alarms' names, fixed so that a service's deployment configuration can name its own alarms before they exist
/// and an operator can tell from the name alone which environment and service an alarm is about.
/// </summary>
internal static class AlarmNames
{
    /// <summary>A stack-wide alarm: <c>sessionapp-{environment}-{what}</c>.</summary>
    public static string Of(string environment, string what) => $"sessionapp-{environment}-{what}";

    /// <summary>A service's alarm: <c>sessionapp-{environment}-{service}-{what}</c>.</summary>
    public static string Of(string environment, string service, string what) => $"sessionapp-{environment}-{service}-{what}";

    /// <summary>The share of the service's requests its targets answered with 5xx.</summary>
    public static string Target5xxRate(string environment, string service) => Of(environment, service, "target-5xx-rate");

    /// <summary>Targets of the service the load balancer calls unhealthy.</summary>
    public static string UnhealthyHosts(string environment, string service) => Of(environment, service, "unhealthy-hosts");

    /// <summary>The alarms that roll a deployment of the service back: errors and failed health checks.</summary>
    public static string[] DeploymentAlarms(string environment, string service) =>
        [Target5xxRate(environment, service), UnhealthyHosts(environment, service)];
}
