using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// The real Aspire dashboard, run standalone from the package the AppHost restored
/// (<c>Aspire.Dashboard.Sdk.linux-x64</c>): its frontend and OTLP/gRPC endpoint on free loopback ports, both
/// unsecured, and its telemetry HTTP API (<c>/api/telemetry/…</c>, OTLP JSON) enabled without a key.
/// </summary>
public sealed class StandaloneDashboard : IAsyncDisposable
{
    private const string PackageId = "Aspire.Dashboard.Sdk.linux-x64";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private StandaloneDashboard(Process process, Uri address, Uri otlpGrpc)
    {
        _process = process;
        Address = address;
        OtlpGrpc = otlpGrpc;
    }

    /// <summary>The frontend and its telemetry API.</summary>
    public Uri Address { get; }

    /// <summary>Where it receives OTLP over gRPC.</summary>
    public Uri OtlpGrpc { get; }

    /// <summary>Everything it wrote to its console so far.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<StandaloneDashboard> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var otlpGrpc = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var startInfo = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ASPNETCORE_URLS"] = address.ToString();
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = otlpGrpc.ToString();
        startInfo.Environment["Dashboard__Frontend__AuthMode"] = "Unsecured";
        startInfo.Environment["Dashboard__Otlp__AuthMode"] = "Unsecured";
        startInfo.Environment["Dashboard__Api__Enabled"] = "true";
        startInfo.Environment["Dashboard__Api__AuthMode"] = "Unsecured";

        var dashboard = new StandaloneDashboard(new Process { StartInfo = startInfo }, address, otlpGrpc);
        dashboard._process.OutputDataReceived += (_, e) => dashboard.Record(e.Data);
        dashboard._process.ErrorDataReceived += (_, e) => dashboard.Record(e.Data);
        dashboard._process.Start();
        dashboard._process.BeginOutputReadLine();
        dashboard._process.BeginErrorReadLine();
        try
        {
            await dashboard.WaitUntilTheApiAnswersAsync().WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
            return dashboard;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var output = dashboard.Output;
            await dashboard.DisposeAsync();
            throw new InvalidOperationException($"The dashboard did not answer on {address}api/telemetry/resources. Its output:\n{output}", ex);
        }
    }

    /// <summary>
    /// The dashboard's executable in the NuGet packages folder the AppHost was restored with, at the version its
    /// restore chose (its <c>obj/project.assets.json</c>); without that file, <c>NUGET_PACKAGES</c> or the user's
    /// <c>.nuget/packages</c> and the newest version there.
    /// </summary>
    public static string Executable()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testOutput.Parent!.Parent!.Parent!.Parent!.FullName;
        var assets = Path.Combine(root, "SessionApp.AppHost", "obj", "project.assets.json");
        string package;
        if (File.Exists(assets))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assets));
            var library = document.RootElement.GetProperty("libraries").EnumerateObject()
                .Single(l => l.Name.StartsWith(PackageId + "/", StringComparison.OrdinalIgnoreCase));
            var folders = document.RootElement.GetProperty("packageFolders").EnumerateObject().Select(static f => f.Name);
            var relative = library.Value.GetProperty("path").GetString()!;
            package = folders.Select(f => Path.Combine(f, relative)).FirstOrDefault(Directory.Exists)
                ?? throw new InvalidOperationException($"{library.Name} is not in any of the packages folders {assets} names.");
        }
        else
        {
            var folder = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var versions = Path.Combine(folder, PackageId.ToLowerInvariant());
            package = Directory.Exists(versions)
                ? Directory.GetDirectories(versions).OrderBy(static d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version()).Last()
                : throw new InvalidOperationException($"{PackageId} is not restored under {folder}; build the solution first.");
        }

        var executable = Path.Combine(package, "tools", "Aspire.Dashboard");
        return File.Exists(executable) ? executable : throw new InvalidOperationException($"{executable} is missing.");
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilTheApiAnswersAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with {_process.ExitCode}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/telemetry/resources", UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
