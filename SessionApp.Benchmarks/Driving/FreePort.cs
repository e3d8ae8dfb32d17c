using System.Net;
using System.Net.Sockets;

namespace SessionApp.Benchmarks.Driving;

/// <summary>Hands out loopback TCP ports that are free at the moment of asking.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
