using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SessionApp.Aws.Stack;
using SessionApp.Tests.Containers;
using SessionApp.Tests.Workflows.Rehearsal;

namespace SessionApp.Tests.Workflows;

/// <summary>
/// deploy.yml's deploy job run for real (<see cref="WorkflowRehearsal"/>): a push to main that builds, pushes and
/// deploys staging, gives the smoke-test user a new password and runs the smoke test as that user, and a rollback to
/// production that deploys an earlier commit's template and images.
/// </summary>
[Collection(DeployRehearsalGroup.Name)]
public sealed class DeployRehearsalTests(DeployRehearsalFixture rehearsal, ITestOutputHelper output) : IClassFixture<DeployRehearsalFixture>
{
    private const string PublishStep = "Build and push the images (dotnet publish /t:PublishContainer)";
    private const string RollbackCheckStep = "Check the images to roll back to are in ECR";
    private const string SmokeUserStep = "Smoke-test user with a new password";
    private static readonly string[] Repositories = ["sessionapp-api", "sessionapp-web"];

    [Fact]
    public void Rehearse_PushToMain_EveryStepButTheRollbackCheckSucceeds()
    {
        // Arrange
        var push = Show(rehearsal.Push);

        // Act
        var skipped = push.Steps.Where(s => s.Outcome == "skipped").Select(s => s.Name);

        // Assert
        Assert.Equal("success", push.Result);
        Assert.Equal("success", push.Needs["test"]);
        Assert.Equal("deploy to staging", push.JobName);
        Assert.Equal(("staging", DeployRehearsalFixture.StagingUrl), (push.Environment, push.EnvironmentUrl));
        Assert.Equal(("deploy-staging", "false"), push.Concurrency);
        Assert.Equal([RollbackCheckStep], skipped);
        Assert.All(push.Steps.Where(s => s.Outcome != "skipped"), s => Assert.Equal("success", s.Outcome));
        Assert.Equal(rehearsal.CommitA, push.Action("actions/checkout").Notes["commit"]);
    }

    [Fact]
    public async Task Rehearse_PushToMain_BothImagesInTheRegistryTaggedAndLabelledWithTheCommit()
    {
        // Arrange
        var push = Show(rehearsal.Push);
        var commit = rehearsal.CommitA;

        // Act
        var labels = new Dictionary<string, JsonNode>();
        foreach (var repository in Repositories)
        {
            using var manifest = await rehearsal.Registry.GetManifestAsync(repository, commit);
            using var config = await rehearsal.Registry.GetJsonBlobAsync(repository, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!);
            labels[repository] = JsonNode.Parse(config.RootElement.GetProperty("config").GetProperty("Labels").GetRawText())!;
        }

        // Assert: asked ECR first (not there yet), then built with publish-images.sh on the stand-in base image
        Assert.All(labels.Values, l => Assert.Equal(commit, (string?)l["org.opencontainers.image.revision"]));
        Assert.All(labels.Values, l => Assert.Equal(rehearsal.BaseImage, (string?)l["org.opencontainers.image.base.name"]));
        var describe = push.CallsOf("aws").First();
        Assert.Equal(["ecr", "describe-images", "--repository-name", "sessionapp-api", "--image-ids", $"imageTag={commit}"], describe.Arguments);
        Assert.Equal(254, describe.ExitCode);
        var publishes = push.CallsOf("dotnet").Where(c => c.Arguments.Contains("-t:PublishContainer")).ToList();
        Assert.Equal(2, publishes.Count);
        Assert.All(publishes, p => Assert.Contains($"-p:ContainerImageTag={commit}", p.Arguments));
        Assert.All(publishes, p => Assert.Contains($"-p:ContainerRegistry={rehearsal.Registry.Host}", p.Arguments));
        var images = await File.ReadAllLinesAsync(Path.Combine(push.Workspace, "artifacts", "images", "IMAGES.txt"), TestContext.Current.CancellationToken);
        Assert.Equal(Repositories.Select(r => $"{r} {commit}"), images.Select(l => string.Join(' ', l.Split(' ')[..2])));
    }

    [Fact]
    public async Task Rehearse_PushToMain_CdkDeployGetsTheAssemblyThePublishStepWroteAtTheProjectsCdkVersion()
    {
        // Arrange
        var push = Show(rehearsal.Push);
        var assembly = Path.Combine(push.Workspace, "artifacts", "aws");
        var cdkVersion = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == "Amazon.CDK.Lib").Attribute("Version")!.Value;

        // Act
        var deploy = Assert.Single(push.CallsOf("npx"));

        // Assert
        Assert.Equal(0, deploy.ExitCode);
        Assert.Equal(["--yes", $"aws-cdk@{cdkVersion}", "deploy", "SessionApp-staging"], deploy.Arguments.Take(4));
        Assert.Equal(assembly, push.JobEnvironment["ASSEMBLY_DIR"]);
        Assert.Equal(assembly, deploy.ExtraText("app"));
        Assert.Equal("never", deploy.ExtraText("requireApproval"));
        Assert.Equal(push.Workspace, deploy.WorkingDirectory);
        var handed = await File.ReadAllBytesAsync(Path.Combine(deploy.ExtraText("kept"), "SessionApp-staging.template.json"), TestContext.Current.CancellationToken);
        var written = await File.ReadAllBytesAsync(Path.Combine(assembly, "SessionApp-staging.template.json"), TestContext.Current.CancellationToken);
        Assert.Equal(written, handed);
        Assert.False(Directory.Exists(Path.Combine(push.Workspace, "SessionApp.AppHost", "artifacts")), "the publish step wrote under the AppHost's folder");
    }

    [Fact]
    public void Rehearse_PushToMain_EveryParameterIsTheTemplatesAndEveryRequiredOneIsPassed()
    {
        // Arrange
        var push = Show(rehearsal.Push);
        var deploy = Assert.Single(push.CallsOf("npx"));
        var template = Template(deploy, "SessionApp-staging");
        var declared = template["Parameters"]!.AsObject();

        // Act
        var passed = deploy.Extra.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()!.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

        // Assert
        Assert.All(passed.Keys, key => Assert.StartsWith("SessionApp-staging:", key, StringComparison.Ordinal));
        var names = passed.Keys.Select(k => k["SessionApp-staging:".Length..]).ToList();
        Assert.All(names, name => Assert.True(declared.ContainsKey(name), $"the template has no parameter {name}"));
        Assert.Subset(names.ToHashSet(), declared.Where(p => p.Value!["Default"] is null).Select(p => p.Key).ToHashSet());
        Assert.Equal(DeployRehearsalFixture.StagingCertificate, passed["SessionApp-staging:CertificateArn"]);
        Assert.Equal(DeployRehearsalFixture.StagingUrl, passed["SessionApp-staging:SiteUrl"]);
        Assert.Equal(rehearsal.CommitA, passed["SessionApp-staging:ImageTag"]);
        Assert.All(Repositories, repository =>
        {
            var parameter = repository == "sessionapp-api" ? "ApiImageRepository" : "WebImageRepository";
            Assert.Equal(repository, passed[$"SessionApp-staging:{parameter}"]);
            Assert.Equal(repository, (string?)declared[parameter]!["Default"]);
        });
    }

    [Fact]
    public async Task Rehearse_PushToMain_TheOutputsFileReadIsTheOneCdkWroteAndItsDnsNameIsInTheSummary()
    {
        // Arrange
        var push = Show(rehearsal.Push);
        var deploy = Assert.Single(push.CallsOf("npx"));

        // Act
        var outputs = JsonNode.Parse(await File.ReadAllTextAsync(deploy.ExtraText("outputsFile"), TestContext.Current.CancellationToken))!;

        // Assert
        Assert.Equal(Path.Combine(push.JobEnvironment["ASSEMBLY_DIR"], "outputs.json"), deploy.ExtraText("outputsFile"));
        var dns = (string)outputs["SessionApp-staging"]!["LoadBalancerDnsName"]!;
        Assert.EndsWith(".us-east-1.elb.amazonaws.com", dns, StringComparison.Ordinal);
        Assert.Equal(Template(deploy, "SessionApp-staging")["Outputs"]!.AsObject().Select(o => o.Key), outputs["SessionApp-staging"]!.AsObject().Select(o => o.Key));
        Assert.Contains($"Point the name of {DeployRehearsalFixture.StagingUrl} at {dns} (CNAME or Route 53 alias).", push.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Rehearse_PushToMain_SmokeTestLastAgainstTheEnvironmentsAppUrl()
    {
        // Arrange
        var push = Show(rehearsal.Push);

        // Act
        var order = push.Calls.Select(c => c.Tool == "npx" ? "deploy"
            : c.Arguments.Contains("SessionApp.Smoke") ? "smoke"
            : c.Arguments.Contains("SessionApp.AppHost") ? "synthesize"
            : c.Arguments.Contains("-t:PublishContainer") ? "images"
            : c.Tool == "aws" && c.Arguments[0] is "secretsmanager" or "cognito-idp" ? "smoke-test user"
            : null).OfType<string>().Distinct();

        // Assert
        Assert.Equal(["images", "synthesize", "deploy", "smoke-test user", "smoke"], order);
        var smoke = push.Calls.Single(c => c.Arguments.Contains("SessionApp.Smoke"));
        Assert.Equal(0, smoke.ExitCode);
        Assert.Equal(["--base-url", DeployRehearsalFixture.StagingUrl], smoke.Arguments.SkipWhile(a => a != "--base-url").Take(2));
    }

    [Fact]
    public void Rehearse_PushToMain_CredentialsFromTheEnvironmentsRoleAndEveryArtifactPathExists()
    {
        // Arrange
        var push = Show(rehearsal.Push);

        // Act
        var credentials = push.Action("aws-actions/configure-aws-credentials");
        var upload = push.Action("actions/upload-artifact");

        // Assert
        Assert.Equal((DeployRehearsalFixture.StagingRole, "us-east-1"), (credentials.Notes["role-to-assume"], credentials.Notes["aws-region"]));
        Assert.All(push.CallsOf("aws"), call => Assert.Equal("us-east-1", call.Environment["AWS_REGION"]));
        Assert.Equal(rehearsal.Registry.Host, push.Step("Log in to ECR").Outputs["registry"]);
        Assert.Equal("cloud-assembly-staging", upload.With["name"]);
        var paths = upload.Notes.Where(n => n.Key.StartsWith("path ", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"path {push.JobEnvironment["ASSEMBLY_DIR"]}", "path artifacts/images/IMAGES.txt"], paths.Select(p => p.Key));
        Assert.All(paths, p => Assert.Equal("exists", p.Value));
    }

    [Fact]
    public void Rehearse_RollbackToAnEarlierCommit_TestsSkippedNoImageBuiltBothAskedForInEcr()
    {
        // Arrange
        var rollback = Show(rehearsal.Rollback);

        // Act
        var describes = rollback.CallsOf("aws").Where(c => c.Arguments.Take(2).SequenceEqual(["ecr", "describe-images"])).ToList();

        // Assert
        Assert.Equal("skipped", rollback.Needs["test"]);
        Assert.Equal("success", rollback.Result);
        Assert.Equal("skipped", rollback.Step(PublishStep).Outcome);
        Assert.Equal("success", rollback.Step(RollbackCheckStep).Outcome);
        Assert.DoesNotContain(rollback.CallsOf("dotnet"), c => c.Arguments[0] == "publish" || c.Arguments.Contains("-t:PublishContainer"));
        Assert.False(File.Exists(Path.Combine(rollback.Workspace, "artifacts", "images", "IMAGES.txt")), "publish-images.sh ran");
        Assert.Equal(Repositories, describes.Select(d => d.Arguments[3]));
        Assert.All(describes, d => Assert.Equal((0, $"imageTag={rehearsal.CommitA}"), (d.ExitCode, d.Arguments[5])));
        Assert.Equal(rehearsal.CommitA, rollback.JobEnvironment["IMAGE_TAG"]);
    }

    [Fact]
    public void Rehearse_RollbackToAnEarlierCommit_DeploysThatCommitsTemplateToProduction()
    {
        // Arrange
        var rollback = Show(rehearsal.Rollback);
        var deploy = Assert.Single(rollback.CallsOf("npx"));

        // Act
        var template = Template(deploy, "SessionApp-production");

        // Assert: main is at B, the checkout and the template are A's
        Assert.Equal(rehearsal.CommitB, rollback.Event.Sha);
        Assert.Equal(rehearsal.CommitA, rollback.Action("actions/checkout").With["ref"]);
        Assert.Equal(rehearsal.CommitA, rollback.Action("actions/checkout").Notes["commit"]);
        Assert.Equal("SessionApp-production", deploy.ExtraText("stack"));
        var cluster = template["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == "AWS::MemoryDB::Cluster").Value!;
        Assert.Equal(SessionStore.SnapshotRetentionDays, (int)cluster["Properties"]!["SnapshotRetentionLimit"]!);
        Assert.NotEqual(DeployRehearsalFixture.RetentionDaysAtB, (int)cluster["Properties"]!["SnapshotRetentionLimit"]!);
        Assert.Contains($"SessionApp-production:ImageTag={rehearsal.CommitA}", deploy.Extra.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(("production", "deploy-production"), (rollback.Environment, rollback.Concurrency?.Group));
        Assert.Equal("eu-west-1", rollback.Action("aws-actions/configure-aws-credentials").Notes["aws-region"]);
        var smoke = rollback.Calls.Single(c => c.Arguments.Contains("SessionApp.Smoke"));
        Assert.Contains(DeployRehearsalFixture.ProductionUrl, smoke.Arguments);
        // The site's URL without the trailing slash the environment's APP_URL has: Cognito compares callback URLs exactly.
        Assert.Contains($"SessionApp-production:SiteUrl={DeployRehearsalFixture.ProductionUrl.TrimEnd('/')}", deploy.Extra.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("smoke-test", smoke.Environment["SMOKE_USER"]);
    }

    [Fact]
    public async Task Rehearse_RerunAfterAPartialPush_BuildsAndPushesOnlyTheMissingImage()
    {
        // Arrange: ECR's tags are immutable, so pushing B's api image again (a new build, a new digest) would be refused.
        var rerun = Show(rehearsal.PartialRerun);
        var commit = rehearsal.CommitB;

        // Act
        var describes = rerun.CallsOf("aws").Where(c => c.Arguments.Take(2).SequenceEqual(["ecr", "describe-images"])).ToList();
        var publishes = rerun.CallsOf("dotnet").Where(c => c.Arguments.Contains("-t:PublishContainer")).ToList();
        using var api = await rehearsal.Registry.GetManifestAsync("sessionapp-api", commit);
        using var web = await rehearsal.Registry.GetManifestAsync("sessionapp-web", commit);

        // Assert
        Assert.Equal("success", rerun.Result);
        Assert.Equal([0, 254], describes.Select(d => d.ExitCode));
        var publish = Assert.Single(publishes);
        Assert.Contains(publish.Arguments, a => a.EndsWith("SessionApp.Web.csproj", StringComparison.Ordinal));
        Assert.Equal(rehearsal.ApiDigestBeforeRerun, api.RootElement.GetProperty("config").GetProperty("digest").GetString());
        Assert.Equal(JsonValueKind.Object, web.RootElement.GetProperty("config").ValueKind);
        Assert.Single(rerun.CallsOf("npx"));
    }

    [Fact]
    public void Rehearse_PushToMain_SmokeTestUserCreatedWithANewPasswordBeforeTheSmokeTest_WhichGetsIt()
    {
        // Arrange
        var push = Show(rehearsal.Push);
        var outputs = Assert.Single(push.CallsOf("npx")).Extra.GetProperty("outputs");

        // Act
        var calls = push.CallsOf("aws").Where(c => c.Arguments[0] is "secretsmanager" or "cognito-idp").ToList();
        var smoke = push.Calls.Single(c => c.Arguments.Contains("SessionApp.Smoke"));

        // Assert: the password put in the stack's secret, the user found missing (as the real CLI says it), created
        // without an invitation and given that password for good, all in the pool the stack's outputs name
        Assert.Equal(
            [("put-secret-value", 0), ("admin-get-user", 254), ("admin-create-user", 0), ("admin-set-user-password", 0)],
            calls.Select(c => (c.Arguments[1], c.ExitCode ?? -1)));
        Assert.StartsWith("An error occurred (UserNotFoundException) when calling the AdminGetUser operation", calls[1].Message, StringComparison.Ordinal);
        Assert.Equal(outputs.GetProperty("SmokeTestPasswordSecret").GetString(), calls[0].ExtraText("secret"));
        Assert.Equal("sessionapp/staging/smoke-test-user", calls[0].ExtraText("secret"));
        Assert.All(calls.Skip(1), c => Assert.Equal(
            (outputs.GetProperty("CognitoUserPoolId").GetString(), "smoke-test"), (c.ExtraText("pool"), c.ExtraText("user"))));
        Assert.Equal(["--message-action", "SUPPRESS"], calls[2].Arguments.SkipWhile(a => a != "--message-action").Take(2));
        Assert.Equal("CONFIRMED", calls[3].ExtraText("status"));
        var password = calls[3].ExtraText("value");
        Assert.Equal(password, calls[0].ExtraText("value"));
        Assert.Equal(("smoke-test", password), (smoke.Environment["SMOKE_USER"], smoke.Environment["SMOKE_PASSWORD"]));
        Assert.Equal(40, password.Length);
        Assert.All(new[] { "[A-Z]", "[a-z]", "[0-9]", "[^A-Za-z0-9]" }, c => Assert.Matches(c, password));
        Assert.Equal("success", push.Step(SmokeUserStep).Outcome);
    }

    [Fact]
    public void Rehearse_PushToMain_TheSmokeTestPasswordIsMaskedAndNeverInALogASummaryOrACommandLine()
    {
        // Arrange
        var push = Show(rehearsal.Push);
        var password = push.CallsOf("aws").Single(c => c.Arguments[1] == "admin-set-user-password").ExtraText("value");

        // Act: what GitHub would show, and what any process could have seen on a command line
        var logs = push.Steps.Select(s => s.Output).Append(push.Log);
        var commandLines = push.Calls.SelectMany(c => c.Arguments);

        // Assert: masked (::add-mask::) before anything used it; handed to the aws CLI in a file it reads, since removed
        Assert.Equal([password], push.Masks.Values);
        Assert.All(logs, log => Assert.DoesNotContain(password, log, StringComparison.Ordinal));
        Assert.DoesNotContain(password, push.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(commandLines, a => a.Contains(password, StringComparison.Ordinal));
        Assert.All(push.CallsOf("aws").Where(c => c.Arguments.Contains("--password") || c.Arguments.Contains("--secret-string")),
            c => Assert.StartsWith($"file://{push.RunnerTemp}/smoke-password.", c.Arguments.SkipWhile(a => a is not ("--password" or "--secret-string")).ElementAt(1), StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(push.RunnerTemp, "smoke-password.*"));
    }

    [Fact]
    public void Rehearse_RerunOnTheSameAccount_FindsTheSmokeTestUserAndGivesItAnotherPassword()
    {
        // Arrange: the partial re-run deploys staging again, in the account where the push created the user.
        var first = rehearsal.Push.CallsOf("aws").Single(c => c.Arguments[1] == "admin-set-user-password").ExtraText("value");
        var rerun = Show(rehearsal.PartialRerun);

        // Act
        var calls = rerun.CallsOf("aws").Where(c => c.Arguments[0] is "secretsmanager" or "cognito-idp").ToList();

        // Assert
        Assert.Equal(
            [("put-secret-value", 0), ("admin-get-user", 0), ("admin-set-user-password", 0)],
            calls.Select(c => (c.Arguments[1], c.ExitCode ?? -1)));
        Assert.NotEqual(first, calls[^1].ExtraText("value"));
        Assert.Equal(calls[^1].ExtraText("value"), rerun.Calls.Single(c => c.Arguments.Contains("SessionApp.Smoke")).Environment["SMOKE_PASSWORD"]);
    }

    private static JsonNode Template(StandInCall deploy, string stack) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(deploy.ExtraText("kept"), stack + ".template.json")))!;

    /// <summary>Writes the run's steps and duration to the test output and hands the run back.</summary>
    private RehearsalRecord Show(RehearsalRecord run)
    {
        output.WriteLine($"{run.Event.EventName} of {run.Event.Ref} at {run.Event.Sha[..12]}, rehearsed in {run.Duration.TotalSeconds:F0} s:");
        output.WriteLine(run.Describe());
        return run;
    }
}
