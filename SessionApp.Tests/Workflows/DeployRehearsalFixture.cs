using System.Diagnostics;
using SessionApp.Aws.Stack;
using SessionApp.Tests.Containers;
using SessionApp.Tests.Workflows.Rehearsal;

namespace SessionApp.Tests.Workflows;

/// <summary>
/// Rehearses <c>.github/workflows/deploy.yml</c> twice, once for its test class, against one loopback registry that
/// stands in for the account's ECR and serves the base image made from this machine's runtime:
/// <list type="number">
/// <item>a push to main of commit A (the repository as it is on disk) deploying staging: it builds and pushes A's
/// images;</item>
/// <item>a rollback to A, run by hand for production while main is at B, a commit on top of A whose template keeps
/// MemoryDB snapshots longer: it builds nothing and deploys A's template with A's images;</item>
/// <item>a re-run of the push of B after an earlier attempt pushed B's api image but not its web image (the registry's
/// tags stand for ECR's immutable ones): it builds and pushes web only.</item>
/// </list>
/// The three runs share one account (<see cref="RehearsalSetup.Account"/>): what the first deployed and created, the
/// third finds. Each run's log goes to artifacts/test-results/deploy-rehearsal/.
/// </summary>
public sealed class DeployRehearsalFixture : IAsyncLifetime
{
    internal const string StagingUrl = "https://staging.example.test";
    /// <summary>Production's APP_URL, with the trailing slash an operator may well write (the template's SiteUrl has none).</summary>
    internal const string ProductionUrl = "https://www.example.test/";
    internal const string StagingCertificate = "arn:aws:acm:us-east-1:123456789012:certificate/5f0e7a9c-1b2d-4c3e-8f4a-0b1c2d3e4f5a";
    internal const string StagingRole = "arn:aws:iam::123456789012:role/sessionapp-deploy-staging";

    /// <summary>B's snapshot retention: A's and 5 days more.</summary>
    internal const int RetentionDaysAtB = SessionStore.SnapshotRetentionDays + 5;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(15);
    private BaseImageRegistry? _images;
    private SourceRepository? _source;
    private RehearsalRecord? _push;
    private RehearsalRecord? _rollback;
    private RehearsalRecord? _partialRerun;

    internal static IReadOnlyDictionary<string, string> StagingVars { get; } = new Dictionary<string, string>
    {
        ["AWS_DEPLOY_ROLE_ARN"] = StagingRole,
        ["AWS_REGION"] = "us-east-1",
        ["CERTIFICATE_ARN"] = StagingCertificate,
        ["APP_URL"] = StagingUrl,
    };

    internal static IReadOnlyDictionary<string, string> ProductionVars { get; } = new Dictionary<string, string>
    {
        ["AWS_DEPLOY_ROLE_ARN"] = "arn:aws:iam::123456789012:role/sessionapp-deploy-production",
        ["AWS_REGION"] = "eu-west-1",
        ["CERTIFICATE_ARN"] = "arn:aws:acm:eu-west-1:123456789012:certificate/9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
        ["APP_URL"] = ProductionUrl,
    };

    internal static string Workflow => Path.Combine(RepositoryRoot.Path, ".github", "workflows", "deploy.yml");

    internal LocalRegistry Registry => Images.Registry;

    internal string CommitA { get; private set; } = string.Empty;

    internal string CommitB { get; private set; } = string.Empty;

    internal string BaseImage => Images.BaseImage;

    internal RehearsalRecord Push => _push ?? throw new InvalidOperationException("The push was not rehearsed.");

    internal RehearsalRecord Rollback => _rollback ?? throw new InvalidOperationException("The rollback was not rehearsed.");

    internal RehearsalRecord PartialRerun => _partialRerun ?? throw new InvalidOperationException("The re-run was not rehearsed.");

    /// <summary>The digest of B's api image as the earlier, partial attempt pushed it.</summary>
    internal string ApiDigestBeforeRerun { get; private set; } = string.Empty;

    private BaseImageRegistry Images => _images ?? throw new InvalidOperationException("The registry has not started.");

    public async ValueTask InitializeAsync()
    {
        _images = await BaseImageRegistry.StartAsync("sessionapp-rehearsal-");
        _source = await SourceRepository.FromWorkingTreeAsync(RepositoryRoot.Path, Path.Combine(Images.Work, "source"));
        CommitA = await _source.HeadAsync();
        CommitB = await _source.CommitEditAsync(
            "SessionApp.Aws/Stack/SessionStore.cs",
            $"SnapshotRetentionDays = {SessionStore.SnapshotRetentionDays};",
            $"SnapshotRetentionDays = {RetentionDaysAtB};",
            "Rehearsal: MemoryDB snapshots are kept longer");

        _push = await RehearseAsync("push", Workflow, RehearsalEvent.Push("main", CommitA) with { Vars = StagingVars });
        var inputs = new Dictionary<string, string> { ["environment"] = "production", ["image-tag"] = CommitA };
        _rollback = await RehearseAsync("rollback", Workflow, RehearsalEvent.Dispatch("main", CommitB, inputs) with { Vars = ProductionVars });

        // An earlier attempt at B pushed its api image (A's bytes under B's tag will do) and stopped before web.
        await ToolRun.RunOrThrowAsync(
            "skopeo",
            ["copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
             $"docker://{Registry.Host}/sessionapp-api:{CommitA}", $"docker://{Registry.Host}/sessionapp-api:{CommitB}"],
            RunTimeout);
        using (var manifest = await Registry.GetManifestAsync("sessionapp-api", CommitB))
        {
            ApiDigestBeforeRerun = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
        }

        _partialRerun = await RehearseAsync("partial-rerun", Workflow, RehearsalEvent.Push("main", CommitB) with { Vars = StagingVars });
    }

    public async ValueTask DisposeAsync()
    {
        if (_images is not null)
        {
            await _images.DisposeAsync();
        }
    }

    /// <summary>Rehearses <paramref name="workflow"/>'s deploy job against this fixture's registry and source repository.</summary>
    internal async Task<RehearsalRecord> RehearseAsync(string name, string workflow, RehearsalEvent trigger)
    {
        var logs = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", "deploy-rehearsal")).FullName;
        var log = Path.Combine(logs, name + ".log");
        File.Delete(log);
        var setup = new RehearsalSetup
        {
            Workflow = workflow,
            SourceRepository = (_source ?? throw new InvalidOperationException("No source repository.")).Path,
            RegistryHost = Registry.Host,
            BaseImage = BaseImage,
            Directory = Path.Combine(Images.Work, name),
            Account = Path.Combine(Images.Work, "account"),
            Log = line => File.AppendAllText(log, line + "\n"),
        };
        var watch = Stopwatch.StartNew();
        var record = await WorkflowRehearsal.RunAsync(setup, trigger).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        File.AppendAllText(log, $"{record.Describe()}\n(rehearsed in {watch.Elapsed.TotalSeconds:F0} s)\n");
        return record;
    }
}
