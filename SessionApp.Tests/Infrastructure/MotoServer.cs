using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// A real <c>moto_server</c> (moto, the AWS service emulator: SSM Parameter Store, Secrets Manager, KMS, …) on a free
/// loopback port, started through <c>scripts/moto-server.sh</c>, which finds it on PATH or where
/// <c>scripts/moto-server.sh --install</c> put it. The real AWS SDK clients reach it through their <c>ServiceURL</c>
/// (<c>Ssm:ServiceUrl</c>, <c>DataProtection:KmsServiceUrl</c>); it takes any credentials. Moto keeps its state per
/// process: one server serves one test class, whose tests run one at a time and each begin with
/// <see cref="ResetAsync"/>. Its recorder is on, so a test can read every request the services sent
/// (<see cref="RequestsAsync"/>), from this process or another.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    /// <summary>The region the fixture seeds, and the one the SDK clients sign for.</summary>
    public const string Region = "us-east-1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The user agent of the fixture's own requests, which <see cref="RequestsAsync"/> leaves out.</summary>
    private const string SeedingAgent = "SessionApp.Tests.MotoServer";

    private readonly string _directory = Directory.CreateTempSubdirectory("sessionapp-moto-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private HttpClient? _client;

    /// <summary>The port, chosen once: <see cref="StartAsync"/> after <see cref="StopAsync"/> listens on it again.</summary>
    public int Port { get; } = FreePort.Next();

    /// <summary>The endpoint to give the SDK as its <c>ServiceURL</c>, for every service.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    private HttpClient Client => _client ??= new HttpClient { BaseAddress = Address, Timeout = RequestTimeout };

    public ValueTask InitializeAsync() => new(StartAsync());

    /// <summary>Starts the server, if it is not running, and waits (at most 30 s) until it answers.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RepositoryRoot.Script("moto-server.sh"), "-H", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["MOTO_ENABLE_RECORDING"] = "true";
        startInfo.Environment["MOTO_RECORDER_FILEPATH"] = Path.Combine(_directory, "recording.jsonl");
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("moto_server did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await WaitUntilAnswersAsync(_process);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Kills the server and its process tree at once, as an outage would look to its clients.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().WaitAsync(StartTimeout);
        process.Dispose();
    }

    /// <summary>Forgets every parameter, secret, key and recorded request (<c>POST /moto-api/reset</c>).</summary>
    public async Task ResetAsync()
    {
        await PostAsync("moto-api/reset");
        await PostAsync("moto-api/recorder/reset-recording");
    }

    /// <summary>Puts an SSM parameter, a <c>String</c> or a <c>SecureString</c> (encrypted with <c>alias/aws/ssm</c>), replacing any.</summary>
    public Task PutParameterAsync(string name, string value, bool secure = false) =>
        CallAsync("ssm", "AmazonSSM.PutParameter", new JsonObject
        {
            ["Name"] = name,
            ["Value"] = value,
            ["Type"] = secure ? "SecureString" : "String",
            ["Overwrite"] = true,
        });

    public Task DeleteParameterAsync(string name) =>
        CallAsync("ssm", "AmazonSSM.DeleteParameter", new JsonObject { ["Name"] = name });

    /// <summary>The value SSM answers for <paramref name="name"/> to <c>GetParameter</c>, decrypted or not.</summary>
    public async Task<string> GetParameterValueAsync(string name, bool withDecryption)
    {
        var reply = await CallAsync("ssm", "AmazonSSM.GetParameter", new JsonObject { ["Name"] = name, ["WithDecryption"] = withDecryption });
        return (string)reply["Parameter"]!["Value"]!;
    }

    /// <summary>A Secrets Manager secret, which SSM serves as <c>/aws/reference/secretsmanager/{name}</c>.</summary>
    public Task CreateSecretAsync(string name, string value) =>
        CallAsync("secretsmanager", "secretsmanager.CreateSecret", new JsonObject { ["Name"] = name, ["SecretString"] = value });

    /// <summary>Creates a symmetric KMS key, optionally under <c>alias/{alias}</c>, and returns its ARN.</summary>
    public async Task<string> CreateKeyAsync(string? alias = null)
    {
        var metadata = (await CallAsync("kms", "TrentService.CreateKey", []))["KeyMetadata"]!;
        if (alias is not null)
        {
            await CallAsync("kms", "TrentService.CreateAlias", new JsonObject { ["AliasName"] = "alias/" + alias, ["TargetKeyId"] = (string)metadata["KeyId"]! });
        }

        return (string)metadata["Arn"]!;
    }

    /// <summary>
    /// Every AWS JSON request the server received since the last <see cref="ResetAsync"/>, in order, but the fixture's
    /// own: its operation (the <c>X-Amz-Target</c> without the service's prefix) and JSON body.
    /// </summary>
    public async Task<IReadOnlyList<(string Operation, JsonObject Body)>> RequestsAsync()
    {
        using var response = await Client.GetAsync(new Uri("moto-api/recorder/download-recording", UriKind.Relative), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var recording = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var requests = new List<(string, JsonObject)>();
        foreach (var line in recording.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = JsonNode.Parse(line)!;
            var headers = entry["headers"]!.AsObject();
            if ((string?)headers["User-Agent"] == SeedingAgent || (string?)headers["X-Amz-Target"] is not { } target)
            {
                continue;
            }

            var body = (string?)entry["body"] ?? "";
            var json = (bool?)entry["body_encoded"] == true ? Encoding.UTF8.GetString(Convert.FromBase64String(body)) : body;
            requests.Add((target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..], JsonNode.Parse(json)?.AsObject() ?? []));
        }

        return requests;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _client?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>
    /// One AWS JSON 1.1 call, as the SDK makes it but unsigned: moto reads the service and the region from the
    /// <c>Authorization</c> header's credential scope and checks no signature.
    /// </summary>
    private async Task<JsonObject> CallAsync(string service, string target, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/{Region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        request.Headers.TryAddWithoutValidation("User-Agent", SeedingAgent);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var reply = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto answered {target} with {(int)response.StatusCode}: {reply}");
        }

        return JsonNode.Parse(reply)?.AsObject() ?? [];
    }

    private async Task PostAsync(string path)
    {
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task WaitUntilAnswersAsync(Process process)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
                throw new InvalidOperationException($"moto_server on port {Port} exited with code {process.ExitCode} while starting. Its output:\n{Output()}");
            }

            if (TimeProvider.System.GetElapsedTime(started) > StartTimeout)
            {
                throw new TimeoutException($"moto_server on port {Port} did not answer within {StartTimeout.TotalSeconds} s. Its output:\n{Output()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("moto-api/", UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Listening, not answering yet.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // The start-up lines and any error say what went wrong; the request log after them is not kept.
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
