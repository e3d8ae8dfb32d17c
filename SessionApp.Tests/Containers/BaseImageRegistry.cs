namespace SessionApp.Tests.Containers;

/// <summary>
/// A local registry (<see cref="LocalRegistry"/>) serving the ASP.NET Core base image made on this machine
/// (<c>scripts/container-base-image.sh</c>: a minimal root file system with the machine's runtime, as an OCI layout,
/// loaded with skopeo) as <c>dotnet/aspnet:10.0</c>, where CI's would be <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>;
/// with a temporary folder for its user's files, deleted when the registry stops.
/// </summary>
internal sealed class BaseImageRegistry : IAsyncDisposable
{
    public const string Repository = "dotnet/aspnet";
    public const string Tag = "10.0";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private BaseImageRegistry(LocalRegistry registry, string work)
    {
        Registry = registry;
        Work = work;
    }

    public LocalRegistry Registry { get; }

    /// <summary>A temporary folder of the caller's, deleted with the registry.</summary>
    public string Work { get; }

    /// <summary>The base image's name in <see cref="Registry"/>.</summary>
    public string BaseImage => $"{Registry.Host}/{Repository}:{Tag}";

    public static async Task<BaseImageRegistry> StartAsync(string folderPrefix)
    {
        var work = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        var images = new BaseImageRegistry(await LocalRegistry.StartAsync(), work);
        try
        {
            var layout = Path.Combine(work, "base");
            var made = await ToolRun.RunOrThrowAsync(RepositoryRoot.Script("container-base-image.sh"), [layout], ScriptTimeout);
            await ToolRun.RunOrThrowAsync(
                "skopeo", ["copy", "--quiet", "--dest-tls-verify=false", $"oci:{layout}:{made.Output.Trim()}", $"docker://{images.BaseImage}"], ScriptTimeout);
            return images;
        }
        catch
        {
            await images.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Registry.DisposeAsync();
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
