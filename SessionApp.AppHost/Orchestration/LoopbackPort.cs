using System.Net;
using System.Net.Sockets;

namespace SessionApp.AppHost.Orchestration;

/// <summary>Free and busy loopback ports.</summary>
internal static class LoopbackPort
{
    /// <summary>A port nobody listens on at this moment.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something listens on <paramref name="port"/> already.</summary>
    public static bool IsInUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
