using System.Net.Sockets;
using System.Text;

namespace SessionApp.Tests.Infrastructure;

public sealed class RedisServerProcessTests
{
    [Fact]
    public async Task StopAndStart_WithAppendOnly_KeepsDataOnTheSamePort()
    {
        // Arrange
        await using var server = await RedisServerProcess.StartAsync(appendOnly: true);
        Assert.Equal("+OK", await SendAsync(server.Port, "SET fixture-key kept"));

        // Act
        await server.StopAsync();
        await server.StartAsync();

        // Assert
        Assert.Equal("$4\r\nkept", await SendAsync(server.Port, "GET fixture-key"));
    }

    private static async Task<string> SendAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), TestContext.Current.CancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd('\r', '\n');
    }
}
