using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SessionApp.AppHost.Redis;

/// <summary>
/// Healthy once the server answers <c>PING</c> with <c>+PONG</c> on a fresh connection: a RESP exchange of a few
/// bytes, the same for redis-server and Garnet, with no client library whose connection would outlive the check.
/// </summary>
internal sealed class RedisPingHealthCheck(ReferenceExpression connectionString) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var address = await connectionString.GetValueAsync(timeout.Token)
                ?? throw new InvalidOperationException("The server's address is not known yet.");
            var colon = address.LastIndexOf(':');
            using var client = new TcpClient();
            await client.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"PING was answered with '{answer.TrimEnd()}'.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The server did not answer PING.", ex);
        }
    }
}
