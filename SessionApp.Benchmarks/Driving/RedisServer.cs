using System.Globalization;
using StackExchange.Redis;

namespace SessionApp.Benchmarks.Driving;

/// <summary>The run's own redis-server on a free loopback port, without persistence, and an admin connection to it.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly ChildProcess _process;
    private readonly string _directory;
    private ConnectionMultiplexer? _admin;

    private RedisServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public IServer Admin => _admin!.GetServer(Configuration);

    /// <summary>The admin connection's database, for inspecting keys (MEMORY USAGE, OBJECT ENCODING, SCAN).</summary>
    public IDatabase Database => _admin!.GetDatabase();

    /// <summary>INFO memory's <c>used_memory</c>, in bytes.</summary>
    public async Task<long> UsedMemoryAsync() => long.Parse(
        (await Admin.InfoAsync("memory")).SelectMany(static g => g).First(static p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken, params IReadOnlyList<string> extraArguments)
    {
        var port = FreePort.Next();
        var directory = Directory.CreateTempSubdirectory("sessionapp-bench-redis-").FullName;
        var process = ChildProcess.Start("redis-server",
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
            .. extraArguments,
        ]);
        var server = new RedisServer(process, directory, port);
        try
        {
            server._admin = await ConnectAsync(server, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<string> VersionAsync() => (await Admin.InfoAsync("server")).SelectMany(static g => g)
        .FirstOrDefault(static p => p.Key == "redis_version").Value ?? "unknown";

    public Task ResetStatsAsync() => Admin.ConfigResetStatisticsAsync();

    /// <summary>INFO commandstats, one <c>cmdstat_name:calls=…,usec=…</c> line per command.</summary>
    public async Task<IReadOnlyList<string>> CommandStatsAsync()
    {
        var text = await Admin.InfoRawAsync("commandstats") ?? "";
        return [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(static l => l.StartsWith("cmdstat_", StringComparison.Ordinal))];
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temporary folder is harmless.
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(RedisServer server, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {server._process.ExitCode}:{Environment.NewLine}{server._process.Output}");
            }

            try
            {
                return await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},allowAdmin=true,abortConnect=true,connectTimeout=1000");
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }
}
