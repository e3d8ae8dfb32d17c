using System.Globalization;
using SessionApp.Benchmarks.Serving;

namespace SessionApp.Benchmarks.Driving;

/// <summary>One variant's server: this same executable in its <c>serve</c> role, started and awaited until healthy.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly ChildProcess _process;

    private ServerProcess(ChildProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServerProcess> StartAsync(BenchmarkCase benchmarkCase, string redis, CancellationToken cancellationToken, params IReadOnlyList<string> extraArguments)
    {
        var port = FreePort.Next();
        var arguments = new List<string>
        {
            "serve", "--variant", benchmarkCase.Variant.ToString().ToLowerInvariant(),
            "--redis", redis, "--port", port.ToString(CultureInfo.InvariantCulture),
        };
        if (benchmarkCase.Encrypt)
        {
            arguments.Add("--encrypt");
        }

        if (!benchmarkCase.Compress)
        {
            arguments.Add("--no-compression");
        }

        if (benchmarkCase.Dictionary)
        {
            arguments.Add("--dictionary");
        }

        arguments.AddRange(extraArguments);

        var (fileName, prefix) = SelfCommand();
        var server = new ServerProcess(ChildProcess.Start(fileName, [.. prefix, .. arguments]), new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitUntilHealthyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>The bytes the server has allocated since it started, as the runtime counts them; null when it does not answer.</summary>
    public async Task<long?> AllocatedBytesAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var text = await client.GetStringAsync(new Uri(BenchmarkApp.AllocatedPath, UriKind.Relative), cancellationToken);
            return long.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or FormatException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>How to start this executable again: its apphost, or <c>dotnet</c> with its assembly.</summary>
    private static (string FileName, string[] Prefix) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running executable is unknown.");
        var assembly = typeof(ServerProcess).Assembly.Location;
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? (processPath, [assembly]) : (processPath, []);
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} while starting:{Environment.NewLine}{_process.Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BenchmarkApp.HealthPath, UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One attempt timed out; try again while the deadline allows.
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The server at {Address} was not healthy within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{_process.Output}");
            }
        }
    }
}
