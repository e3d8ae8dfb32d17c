using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Containers;

/// <summary>
/// Debian's <c>docker-registry</c> (the CNCF distribution registry) on a free loopback port, plain HTTP, with its
/// storage in a temporary folder (<c>scripts/local-registry.sh</c>), and a client for the registry API.
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly string _storage;
    private readonly HttpClient _client;

    private LocalRegistry(Process process, string storage, int port)
    {
        _process = process;
        _storage = storage;
        Host = $"127.0.0.1:{port}";
        _client = new HttpClient { BaseAddress = new Uri($"http://{Host}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The registry as image names use it: <c>127.0.0.1:PORT</c>.</summary>
    public string Host { get; }

    public static async Task<LocalRegistry> StartAsync()
    {
        var port = FreePort.Next();
        var storage = Directory.CreateTempSubdirectory("sessionapp-registry-").FullName;
        var startInfo = new ProcessStartInfo(RepositoryRoot.Script("local-registry.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(storage);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("docker-registry did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, storage, port);
        try
        {
            await registry.WaitUntilServingAsync();
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    /// <summary>An image manifest (OCI or Docker v2) by tag or digest.</summary>
    public async Task<JsonDocument> GetManifestAsync(string repository, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{reference}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>A JSON blob (an image config) by digest.</summary>
    public async Task<JsonDocument> GetJsonBlobAsync(string repository, string digest)
    {
        using var response = await _client.GetAsync($"v2/{repository}/blobs/{digest}", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_storage, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task WaitUntilServingAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                using var response = await _client.GetAsync("v2/", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (TimeProvider.System.GetElapsedTime(started) > StartTimeout)
            {
                throw new TimeoutException($"docker-registry did not answer on {Host} within {StartTimeout}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
