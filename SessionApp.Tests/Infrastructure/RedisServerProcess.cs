using System.Diagnostics;
using System.Net.Sockets;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, in a temporary folder of its own.
/// It can be stopped and started again on the same port with the same data, which is how the
/// tests take the store away from a running application and give it back.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly string _directory;
    private readonly bool _appendOnly;
    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisServerProcess(int port, bool appendOnly, string[] extraArguments)
    {
        Port = port;
        _appendOnly = appendOnly;
        _extraArguments = extraArguments;
        _directory = Directory.CreateTempSubdirectory("sessionapp-redis-").FullName;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string, in the form the AppHost injects.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public static async Task<RedisServerProcess> StartAsync(bool appendOnly = false, params string[] extraArguments)
    {
        var server = new RedisServerProcess(FreePort.Next(), appendOnly, extraArguments);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server again on the same port with the same data folder.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var arguments = new List<string>
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", _directory,
            "--save", "",
            "--appendonly", _appendOnly ? "yes" : "no",
            "--appendfsync", "always",
            "--daemonize", "no",
            "--protected-mode", "no",
            "--loglevel", "warning",
        };
        arguments.AddRange(_extraArguments);

        var startInfo = new ProcessStartInfo(RedisBinaries.Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAcceptingAsync(Port, _process, StartTimeout);
    }

    /// <summary>Kills the server at once, as a crash or a network loss would look to its clients.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(StartTimeout);
        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    internal static async Task WaitUntilAcceptingAsync(int port, Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {port} exited with code {process.ExitCode} while starting.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cts.Token);
                await using var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cts.Token);
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer, cts.Token);
                if (read > 0 && buffer[0] == (byte)'+')
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
                // Accepted and dropped while loading.
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
