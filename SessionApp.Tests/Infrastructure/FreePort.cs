using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// Hands out loopback TCP ports that are free at the moment of asking and stay free until the server that asked
/// binds them: drawn from 10000–19999, below the kernel's ephemeral range (which outgoing connections take
/// ports from) and apart from the AppHost's own ports (20000 up to that range), never twice in one run.
/// </summary>
public static class FreePort
{
    private const int RangeStart = 10_000;
    private const int RangeEnd = 20_000;

    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        if (EphemeralRangeStart() >= RangeEnd)
        {
            lock (HandedOut)
            {
                for (var attempt = 0; attempt < 200; attempt++)
                {
                    var port = Random.Shared.Next(RangeStart, RangeEnd);
                    if (!HandedOut.Contains(port) && IsFree(port))
                    {
                        HandedOut.Add(port);
                        return port;
                    }
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
