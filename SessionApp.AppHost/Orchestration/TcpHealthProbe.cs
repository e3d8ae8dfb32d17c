using System.Net.Sockets;

namespace SessionApp.AppHost.Orchestration;

/// <summary>
/// Healthy when the port accepts a connection; with <c>ping</c> set it must also answer a Redis
/// <c>PING</c> with <c>+PONG</c> (redis-server answers <c>-LOADING</c> while it replays its append-only file).
/// </summary>
internal sealed class TcpHealthProbe(int port, bool ping) : IHealthProbe
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            if (!ping)
            {
                return true;
            }

            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return read >= 5 && buffer.AsSpan(0, 5).SequenceEqual("+PONG"u8);
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
