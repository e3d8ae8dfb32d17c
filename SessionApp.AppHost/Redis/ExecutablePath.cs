using System.Net;
using System.Net.Sockets;

namespace SessionApp.AppHost.Redis;

/// <summary>Looks for programs on PATH and for a free loopback port.</summary>
internal static class ExecutablePath
{
    /// <summary>The full path of <paramref name="program"/> in a PATH directory, or null when none has it.</summary>
    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A loopback port free at this moment, chosen by the kernel.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
