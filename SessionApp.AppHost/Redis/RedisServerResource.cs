namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Redis server the AppHost runs as a process: Debian's <c>redis-server</c> from PATH, with append-only
/// persistence, reached through one TCP endpoint.
/// </summary>
/// <param name="name">The resource name, also the connection name services read (<c>ConnectionStrings:{name}</c>).</param>
/// <param name="command">The <c>redis-server</c> executable.</param>
/// <param name="workingDirectory">Where the server keeps its append-only files.</param>
public sealed class RedisServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    /// <summary>The endpoint clients connect to (a DCP proxy, so it keeps its port when the server restarts).</summary>
    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>The StackExchange.Redis connection string: <c>host:port</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
