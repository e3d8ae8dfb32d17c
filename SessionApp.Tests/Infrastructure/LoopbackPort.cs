using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SessionApp.Tests.Infrastructure;

/// <summary>Free and busy loopback ports.</summary>
public static class LoopbackPort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A free port from [<paramref name="from"/>, <paramref name="to"/>) cut off where the ephemeral range starts,
    /// never twice from this process; the kernel's choice when that leaves fewer than 1,000 ports.
    /// </summary>
    public static int Free(int from, int to)
    {
        to = Math.Min(to, EphemeralRangeStart());
        if (to - from < 1_000)
        {
            return KernelChosen();
        }

        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(from, to);
                if (!HandedOut.Contains(port) && !IsInUse(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        return KernelChosen();
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

    private static int KernelChosen()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first port of Linux's ephemeral range (32768 by default); 0 where there is no such file.</summary>
    public static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
