using System.Text;
using SessionApp.Tests.Containers;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// Puts the rehearsal's stand-ins (the bash scripts beside this file, under <c>StandIns/</c>) into a folder that goes
/// first on the job's PATH: <c>aws</c> and <c>npx</c>, which would need an AWS account, and a <c>dotnet</c> that hands
/// every call to the real one but the smoke test's. Each appends a JSON line per call to <see cref="Log"/>.
/// </summary>
internal sealed class StandIns
{
    private static readonly string[] Tools = ["aws", "npx", "dotnet"];

    private StandIns(string bin, string log, string records)
    {
        Bin = bin;
        Log = log;
        Records = records;
    }

    /// <summary>The folder to put first on PATH.</summary>
    public string Bin { get; }

    /// <summary>The call log: one JSON line per call.</summary>
    public string Log { get; }

    /// <summary>Where the stand-ins keep what they were handed (the npx stand-in: the template and manifest).</summary>
    public string Records { get; }

    /// <param name="directory">The run's folder: the stand-ins go to its <c>bin</c>, their records to its <c>records</c>.</param>
    /// <param name="registryHost">The loopback registry that stands in for ECR.</param>
    /// <param name="account">The folder that stands for the AWS account's state (stacks, Cognito users), which may outlive the run.</param>
    public static StandIns Install(string directory, string registryHost, string account)
    {
        var bin = System.IO.Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
        var records = System.IO.Directory.CreateDirectory(Path.Combine(directory, "records")).FullName;
        var log = Path.Combine(records, "calls.jsonl");
        var source = Path.Combine(RepositoryRoot.Path, "SessionApp.Tests", "Workflows", "Rehearsal", "StandIns");
        File.Copy(Path.Combine(source, "stand-in.sh"), Path.Combine(bin, "stand-in.sh"));
        foreach (var tool in Tools)
        {
            // The copy keeps the script's executable mode (it is committed as such).
            File.Copy(Path.Combine(source, tool + ".sh"), Path.Combine(bin, tool));
        }

        var configuration = new StringBuilder()
            .Append("log=").AppendLine(Quoted(log))
            .Append("records=").AppendLine(Quoted(records))
            .Append("registry=").AppendLine(Quoted(registryHost))
            .Append("account=").AppendLine(Quoted(System.IO.Directory.CreateDirectory(account).FullName))
            .Append("real_dotnet=").AppendLine(Quoted(RealTool("dotnet", bin)));
        File.WriteAllText(Path.Combine(bin, "stand-ins.conf"), configuration.ToString());
        return new StandIns(bin, log, records);
    }

    public IReadOnlyList<StandInCall> Calls() => StandInCall.ReadAll(Log);

    /// <summary>The first <paramref name="tool"/> on this process's PATH outside <paramref name="except"/>.</summary>
    public static string RealTool(string tool, string? except = null) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(folder => folder != except)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new WorkflowRehearsalException($"No {tool} on PATH.");

    private static string Quoted(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
