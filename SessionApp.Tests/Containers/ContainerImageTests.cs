using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SessionApp.Tests.AppHost;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Containers;

/// <summary>
/// The api and web images as CI builds and pushes them (the SDK's container support, no Dockerfile, no Docker engine),
/// checked in the registry they were pushed to, and the api image's entrypoint started in its own root file system.
/// Runs with the end-to-end tests, alone: publishing builds the Api and Web projects the AppHost tests run.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class ContainerImageTests(ContainerImagesFixture images, ITestOutputHelper output) : IClassFixture<ContainerImagesFixture>
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("sessionapp-api", "SessionApp.Api", "api")]
    [InlineData("sessionapp-web", "SessionApp.Web", "web")]
    public async Task PublishImages_Service_PushedOnTheBaseImageWithEntrypointUserPortEnvironmentAndLabels(string repository, string assembly, string service)
    {
        // Arrange
        output.WriteLine($"base image made and loaded in {images.BaseImageTime.TotalSeconds:F1} s; api and web published in {images.PublishTime.TotalSeconds:F1} s");
        using var baseManifest = await images.Registry.GetManifestAsync(ContainerImagesFixture.BaseRepository, ContainerImagesFixture.BaseTag);

        // Act
        using var manifest = await images.Registry.GetManifestAsync(repository, images.Tag);
        using var byDigest = await images.Registry.GetManifestAsync(repository, images.PushedDigests[repository]);
        using var configBlob = await images.Registry.GetJsonBlobAsync(repository, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!);

        // Assert: an OCI image of the base image's layers and one of the app's, found by tag and by the pushed digest
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal(manifest.RootElement.GetRawText(), byDigest.RootElement.GetRawText());
        var baseLayers = Digests(baseManifest.RootElement.GetProperty("layers"));
        var layers = Digests(manifest.RootElement.GetProperty("layers"));
        Assert.Equal(baseLayers, layers.Take(baseLayers.Length));
        Assert.Equal(baseLayers.Length + 1, layers.Length);

        var config = configBlob.RootElement.GetProperty("config");
        Assert.Equal(["dotnet", $"/app/{assembly}.dll"], config.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("1654", config.GetProperty("User").GetString());
        Assert.Equal("/app/", config.GetProperty("WorkingDir").GetString());
        Assert.Equal(["8080/tcp"], config.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        var environment = config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", environment);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", environment);
        Assert.Contains(environment, e => e!.StartsWith("PATH=", StringComparison.Ordinal));
        var labels = config.GetProperty("Labels");
        Assert.Equal(service, labels.GetProperty("com.sessionapp.service").GetString());
        Assert.Equal(SessionApp.ServiceDefaults.Health.HealthEndpoints.ReadinessPath, labels.GetProperty("com.sessionapp.health.readiness").GetString());
        Assert.Equal(SessionApp.ServiceDefaults.Health.HealthEndpoints.LivenessPath, labels.GetProperty("com.sessionapp.health.liveness").GetString());
        Assert.Equal(repository, labels.GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal(images.BaseImage, labels.GetProperty("org.opencontainers.image.base.name").GetString());
        Assert.Equal(images.Revision, labels.GetProperty("org.opencontainers.image.revision").GetString());
        Assert.Equal("10.0", labels.GetProperty("net.dot.runtime.majorminor").GetString());
    }

    [Theory]
    [InlineData("sessionapp-api")]
    [InlineData("sessionapp-web")]
    public async Task Image_Service_CarriesNoDemoPasswordAndNoDevelopmentSettings(string repository)
    {
        // Arrange
        using var image = await UnpackedImage.UnpackAsync($"{images.Registry.Host}/{repository}:{images.Tag}");
        var app = Path.Combine(image.RootFileSystem, "app");

        // Act
        var files = Directory.GetFiles(app, "*", SearchOption.AllDirectories);
        var carrying = files.Where(f =>
        {
            var text = File.ReadAllText(f);
            return text.Contains("alice-pass-1", StringComparison.Ordinal) || text.Contains("bob-pass-1", StringComparison.Ordinal);
        }).ToList();

        // Assert
        Assert.Contains(Path.Combine(app, "appsettings.json"), files);
        Assert.DoesNotContain(Path.Combine(app, "appsettings.Development.json"), files);
        Assert.Empty(carrying);
    }

    [Fact]
    public async Task ApiImage_EntrypointStartedInItsOwnRootFileSystem_AnswersHealthWithRedisAsTheNonRootUser()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();
        using var image = await UnpackedImage.UnpackAsync($"{images.Registry.Host}/sessionapp-api:{images.Tag}");
        var port = FreePort.Next();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        using var runner = image.Start(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = client.BaseAddress.ToString().TrimEnd('/'),
                ["ConnectionStrings__sessions"] = redis.ConnectionString,
                ["Instance__Name"] = "api-image",

                // What a deployment's configuration gives every task in Production (SSM Parameter Store in AWS).
                ["Sessions__UserHashKey"] = ApiInstance.TestUserHashKey,
                ["DataProtection__AllowUnprotectedKeys"] = "true",
            },
            output.WriteLine);
        try
        {
            // Act
            var watch = Stopwatch.StartNew();
            var (status, body, instance) = await WaitForHealthAsync(client, runner);
            output.WriteLine($"/health answered {(int)status} after {watch.Elapsed.TotalSeconds:F1} s");

            // Assert: healthy with its Redis, served by the entrypoint running as uid 1654 inside the image's root
            Assert.Equal(HttpStatusCode.OK, status);
            using var health = JsonDocument.Parse(body);
            Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
            Assert.Equal("Healthy", health.RootElement.GetProperty("checks").GetProperty("redis").GetString());
            Assert.Equal("api-image", instance);
            var entrypoint = UnpackedImage.EntrypointProcessId(runner) ?? throw new InvalidOperationException("The entrypoint process is gone.");
            Assert.Equal(Path.GetFullPath(image.RootFileSystem), new FileInfo($"/proc/{entrypoint}/root").LinkTarget);
            Assert.Equal(Path.Combine(Path.GetFullPath(image.RootFileSystem), "app"), new FileInfo($"/proc/{entrypoint}/cwd").LinkTarget);
            Assert.Equal(["1654", "1654", "1654", "1654"], StatusField(entrypoint, "Uid"));
        }
        finally
        {
            runner.Kill(entireProcessTree: true);
            await runner.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }
    }

    private static string[] Digests(JsonElement layers) =>
        [.. layers.EnumerateArray().Select(layer => layer.GetProperty("digest").GetString()!)];

    private static string[] StatusField(int processId, string name) =>
        File.ReadAllLines($"/proc/{processId}/status")
            .Single(line => line.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..]
            .Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<(HttpStatusCode Status, string Body, string? Instance)> WaitForHealthAsync(HttpClient client, Process runner)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            Assert.False(runner.HasExited, $"The entrypoint exited with code {(runner.HasExited ? runner.ExitCode.ToString(CultureInfo.InvariantCulture) : "?")} before /health answered.");
            try
            {
                using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK || TimeProvider.System.GetElapsedTime(started) > HealthTimeout)
                {
                    return (response.StatusCode, body, response.Headers.TryGetValues("X-Instance", out var values) ? values.Single() : null);
                }
            }
            catch (HttpRequestException) when (TimeProvider.System.GetElapsedTime(started) < HealthTimeout)
            {
                // Not listening yet.
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
