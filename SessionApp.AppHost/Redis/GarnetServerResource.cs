using System.Globalization;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Microsoft Garnet server embedded in the AppHost's own process, for machines without <c>redis-server</c>: it
/// speaks the Redis protocol and runs the engine's Lua scripts (in transaction mode, so they are atomic). Its data
/// lives in memory and ends with the AppHost.
/// </summary>
/// <param name="name">The resource name, also the connection name services read (<c>ConnectionStrings:{name}</c>).</param>
/// <param name="port">The loopback port the server listens on.</param>
public sealed class GarnetServerResource(string name, int port) : Resource(name), IResourceWithConnectionString
{
    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; } = port;

    /// <summary>The StackExchange.Redis connection string: <c>127.0.0.1:port</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Garnet's command line for a loopback server with Lua on. Without transaction mode Garnet interleaves Lua
    /// scripts on one key, and the engine's compare-and-set loses updates. The command-line form also fills in
    /// every default the typed GarnetServerOptions leaves null.
    /// </summary>
    public static string[] Arguments(int port) =>
        ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "true", "--lua-transaction-mode", "true"];
}
