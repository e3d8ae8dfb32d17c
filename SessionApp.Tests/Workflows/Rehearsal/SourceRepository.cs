using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// The repository a rehearsal checks out: a new git repository made from a working tree as it is on disk (the files
/// git tracks and the untracked ones it does not ignore: <c>git ls-files -co --exclude-standard</c>), committed on
/// <c>main</c>, so that uncommitted changes are rehearsed too; later commits are made on top of it.
/// </summary>
internal sealed class SourceRepository
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);

    private SourceRepository(string path) => Path = path;

    /// <summary>The repository's folder (a working tree, on main).</summary>
    public string Path { get; }

    public static async Task<SourceRepository> FromWorkingTreeAsync(string workingTree, string directory)
    {
        var listed = await ToolRun.RunOrThrowAsync("git", ["-C", workingTree, "ls-files", "-z", "-co", "--exclude-standard"], GitTimeout);
        foreach (var file in listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
        {
            var from = System.IO.Path.Combine(workingTree, file);
            if (File.Exists(from))
            {
                var to = System.IO.Path.Combine(directory, file);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
                File.Copy(from, to);
            }
        }

        var repository = new SourceRepository(directory);
        await repository.GitAsync("init", "--quiet", "--initial-branch=main");
        await repository.CommitAsync("The working tree, as the rehearsal found it");
        return repository;
    }

    /// <summary>The commit main is at.</summary>
    public async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).Output.Trim();

    /// <summary>Replaces <paramref name="text"/> (which must be there) in one file and commits that on main; returns the commit.</summary>
    public async Task<string> CommitEditAsync(string file, string text, string replacement, string message)
    {
        var path = System.IO.Path.Combine(Path, file);
        var content = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        if (!content.Contains(text, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file} has no '{text}' to replace.");
        }

        await File.WriteAllTextAsync(path, content.Replace(text, replacement, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await CommitAsync(message);
        return await HeadAsync();
    }

    /// <summary>A file as it is in <paramref name="commit"/>.</summary>
    public async Task<string> ShowAsync(string commit, string file) => (await GitAsync("show", $"{commit}:{file}")).Output;

    private async Task CommitAsync(string message)
    {
        await GitAsync("add", "--all");
        await GitAsync("-c", "user.name=SessionApp rehearsal", "-c", "user.email=rehearsal@sessionapp.invalid", "commit", "--quiet", "--no-verify", "-m", message);
    }

    private Task<ToolRun> GitAsync(params string[] arguments) => ToolRun.RunOrThrowAsync("git", ["-C", Path, .. arguments], GitTimeout);
}
