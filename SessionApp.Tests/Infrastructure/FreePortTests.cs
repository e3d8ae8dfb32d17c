using System.Net;
using System.Net.Sockets;

namespace SessionApp.Tests.Infrastructure;

public sealed class FreePortTests
{
    [Fact]
    public void Next_ManyTimes_HandsOutDistinctBindablePortsOutsideTheEphemeralRange()
    {
        // Arrange
        var ephemeralStart = LoopbackPort.EphemeralRangeStart();
        Assert.True(ephemeralStart >= 20_000, "this machine's ephemeral range leaves the test ports no room");

        // Act
        var ports = Enumerable.Range(0, 100).Select(_ => FreePort.Next()).ToArray();

        // Assert
        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, 1, ephemeralStart - 1));
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
        Assert.Equal(ports[^1], ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
