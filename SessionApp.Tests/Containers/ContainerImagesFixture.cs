using System.Diagnostics;

namespace SessionApp.Tests.Containers;

/// <summary>
/// Once per test class: a base image made on this machine, served by a local registry (<see cref="BaseImageRegistry"/>),
/// and the api and web images built against it and pushed there by <c>scripts/publish-images.sh</c>, the script the
/// deploy workflow runs against ECR.
/// </summary>
public sealed class ContainerImagesFixture : IAsyncLifetime
{
    /// <summary>Where the base image lives in the local registry, as CI's would be <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>.</summary>
    public const string BaseRepository = BaseImageRegistry.Repository;
    public const string BaseTag = BaseImageRegistry.Tag;

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(6);
    private BaseImageRegistry? _images;

    internal LocalRegistry Registry => Images.Registry;

    /// <summary>The tag every image of this run is pushed with (CI uses the commit SHA).</summary>
    public string Tag { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The commit the images claim to be built from (CI passes the commit SHA).</summary>
    public string Revision { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    public string BaseImage => Images.BaseImage;

    /// <summary>The digest publish-images.sh reported for each repository it pushed.</summary>
    public IReadOnlyDictionary<string, string> PushedDigests { get; private set; } = new Dictionary<string, string>();

    public TimeSpan BaseImageTime { get; private set; }

    public TimeSpan PublishTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        _images = await BaseImageRegistry.StartAsync("sessionapp-images-");
        BaseImageTime = watch.Elapsed;

        watch.Restart();
        var output = Path.Combine(Images.Work, "publish");
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
        if (_images is not null)
        {
            await _images.DisposeAsync();
        }
    }

    private BaseImageRegistry Images => _images ?? throw new InvalidOperationException("The registry has not started.");
}
