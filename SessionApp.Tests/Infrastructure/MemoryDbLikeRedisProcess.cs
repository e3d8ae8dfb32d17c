using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A redis-server started the way MemoryDB serves clients: TLS only (no plain port) with a certificate from the test's
/// CA, and the ACL of <see cref="MemoryDbLikeUsers"/>. Optionally one node of a cluster (TLS on the cluster bus too).
/// </summary>
public sealed class MemoryDbLikeRedisProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionapp-memorydb-").FullName;
    private Process? _process;

    private MemoryDbLikeRedisProcess(int port, MemoryDbLikeUsers users)
    {
        Port = port;
        Users = users;
    }

    public int Port { get; }

    public MemoryDbLikeUsers Users { get; }

    /// <summary>The application user's connection string, in the form ServiceDefaults composes from SSM.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},ssl=true,user={Users.AppUser},password={Users.AppPassword}";

    public static async Task<MemoryDbLikeRedisProcess> StartAsync(MemoryDbLikeUsers users, bool clusterNode = false)
    {
        var certificates = MemoryDbLikeTls.Certificates;
        var server = new MemoryDbLikeRedisProcess(FreePort.Next(), users);
        var arguments = new List<string>
        {
            "--port", "0",
            "--tls-port", server.Port.ToString(CultureInfo.InvariantCulture),
            "--tls-cert-file", certificates.ServerCertificatePath,
            "--tls-key-file", certificates.ServerKeyPath,
            "--tls-ca-cert-file", certificates.CaCertificatePath,
            "--tls-auth-clients", "no",
            "--bind", "127.0.0.1",
            "--dir", server._directory,
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--loglevel", "warning",
        };
        if (clusterNode)
        {
            arguments.AddRange([
                "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf",
                "--cluster-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
                "--cluster-node-timeout", "5000",
                "--tls-cluster", "yes",
                "--tls-replication", "yes",
            ]);
        }

        arguments.AddRange(users.ServerArguments());
        try
        {
            await server.StartAsync(arguments);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs redis-cli over TLS as the administrator.</summary>
    public Task<string> AdminCliAsync(TimeSpan timeout, params string[] arguments) =>
        RedisCli.RunAsync(timeout, [.. AdminCliArguments(), "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), .. arguments]);

    /// <summary>redis-cli's TLS and administrator options, without a host.</summary>
    public IEnumerable<string> AdminCliArguments() =>
        ["--tls", "--cacert", MemoryDbLikeTls.Certificates.CaCertificatePath, "--user", MemoryDbLikeUsers.AdminUser, "--pass", Users.AdminPassword, "--no-auth-warning"];

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(StartTimeout);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task StartAsync(List<string> arguments)
    {
        var startInfo = new ProcessStartInfo(RedisBinaries.Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        arguments.ForEach(startInfo.ArgumentList.Add);
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start.");
        var output = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                lock (output)
                {
                    throw new InvalidOperationException($"redis-server (TLS port {Port}) exited with code {_process.ExitCode} while starting: {output}");
                }
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, cts.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cts.Token);
            }
        }
    }
}
