using System.Diagnostics;

namespace SessionApp.Tests.Containers;

/// <summary>
/// Once per test class: a base image made on this machine (<c>scripts/container-base-image.sh</c>: a minimal root
/// file system with the machine's ASP.NET Core runtime, as an OCI layout), served by a local registry
/// (<see cref="LocalRegistry"/>, loaded with skopeo), and the api and web images built against it and pushed there by
/// <c>scripts/publish-images.sh</c>, the script the deploy workflow runs against ECR.
/// </summary>
public sealed class ContainerImagesFixture : IAsyncLifetime
{
    /// <summary>Where the base image lives in the local registry, as CI's would be <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>.</summary>
    public const string BaseRepository = "dotnet/aspnet";
    public const string BaseTag = "10.0";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(6);
    private readonly string _work = Directory.CreateTempSubdirectory("sessionapp-images-").FullName;
    private LocalRegistry? _registry;

    internal LocalRegistry Registry => _registry ?? throw new InvalidOperationException("The registry has not started.");

    /// <summary>The tag every image of this run is pushed with (CI uses the commit SHA).</summary>
    public string Tag { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The commit the images claim to be built from (CI passes the commit SHA).</summary>
    public string Revision { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    public string BaseImage => $"{Registry.Host}/{BaseRepository}:{BaseTag}";

    /// <summary>The digest publish-images.sh reported for each repository it pushed.</summary>
    public IReadOnlyDictionary<string, string> PushedDigests { get; private set; } = new Dictionary<string, string>();

    public TimeSpan BaseImageTime { get; private set; }

    public TimeSpan PublishTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        var layout = Path.Combine(_work, "base");
        var made = await ToolRun.RunOrThrowAsync(RepositoryRoot.Script("container-base-image.sh"), [layout], ScriptTimeout);
        var layoutTag = made.Output.Trim();
        _registry = await LocalRegistry.StartAsync();
        await ToolRun.RunOrThrowAsync("skopeo", ["copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout}:{layoutTag}", $"docker://{BaseImage}"], ScriptTimeout);
        BaseImageTime = watch.Elapsed;

        watch.Restart();
        var output = Path.Combine(_work, "publish");
        await ToolRun.RunOrThrowAsync(
            RepositoryRoot.Script("publish-images.sh"),
            ["--registry", Registry.Host, "--tag", Tag, "--revision", Revision, "--base-image", BaseImage, "--output", output],
            PublishTimeout,
            new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = Registry.Host });
        PublishTime = watch.Elapsed;
        PushedDigests = File.ReadAllLines(Path.Combine(output, "IMAGES.txt"))
            .Select(line => line.Split(' '))
            .ToDictionary(fields => fields[0], fields => fields[2]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
