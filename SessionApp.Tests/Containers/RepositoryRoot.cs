namespace SessionApp.Tests.Containers;

/// <summary>The repository's root folder (the one with <c>SessionApp.sln</c>), found from the test binaries upwards.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Locate();

    /// <summary>A script under <c>scripts/</c>.</summary>
    public static string Script(string name) => System.IO.Path.Combine(Path, "scripts", name);

    private static string Locate()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "SessionApp.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"No SessionApp.sln above {AppContext.BaseDirectory}.");
    }
}
