using System.Text.Json.Nodes;

namespace SessionApp.Tests.Aws;

/// <summary>
/// What holds data or opens it survives a stack deletion and a replacement, as CloudFormation's guidance for stateful
/// resources says, and a failed first create can simply be run again: nothing is kept from a rolled-back create.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class StatefulResourcesTemplateTests(SynthesizedStackFixture stack)
{
    /// <summary>
    /// The sessions and the sign-in key ring (the MemoryDB cluster, and the ACL, user and subnet group it needs), the
    /// secrets that open them, the KMS keys that decrypt those secrets, the key ring and the logs, the logs (the
    /// services', the metrics' and the load balancer's access logs), and the Cognito user pool, which holds the users.
    /// </summary>
    private static readonly string[] StatefulTypes =
    [
        "AWS::MemoryDB::Cluster", "AWS::MemoryDB::ACL", "AWS::MemoryDB::User", "AWS::MemoryDB::SubnetGroup",
        "AWS::SecretsManager::Secret", "AWS::KMS::Key", "AWS::Logs::LogGroup", "AWS::Cognito::UserPool", "AWS::S3::Bucket",
    ];

    private static IEnumerable<(string Id, JsonObject Resource)> AllResources(SynthesizedStackFixture template) =>
        template.Document["Resources"]!.AsObject().Select(r => (r.Key, r.Value!.AsObject()));

    [Fact]
    public void StatefulResources_AreKeptOnStackDeletionAndReplacement_ButNotFromARolledBackCreate()
    {
        // Arrange
        var environments = stack.Environments;

        // Act
        var stateful = environments.SelectMany(e => AllResources(e).Where(r => StatefulTypes.Contains((string)r.Resource["Type"]!))).ToList();

        // Assert: per environment the four MemoryDB resources, four secrets (the MemoryDB password, the user hash key, the
        // Cognito client secret, the smoke-test user's password), three keys, a log group per service and the metrics'
        // log group, the user pool and the access log bucket.
        Assert.Equal(environments.Count * (4 + 4 + 3 + TestTopologies.SessionApp().Services.Count + 1 + 1 + 1), stateful.Count);
        Assert.All(stateful, r =>
        {
            Assert.Equal("RetainExceptOnCreate", (string?)r.Resource["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)r.Resource["UpdateReplacePolicy"]);
        });
    }

    [Fact]
    public void NoResource_IsKeptFromARolledBackCreate_SoAFailedFirstDeploymentCanBeRunAgain()
    {
        // Arrange: a plain Retain keeps what a failed create made; with a fixed name (the log groups, the secrets, the
        // MemoryDB names) the next attempt then fails with AlreadyExists, and each attempt leaves KMS keys behind.
        var environments = stack.Environments;

        // Act
        var kept = environments.SelectMany(AllResources)
            .Where(r => (string?)r.Resource["DeletionPolicy"] is "Retain" or "Snapshot")
            .Select(r => r.Id)
            .ToList();

        // Assert
        Assert.Empty(kept);
    }

    [Fact]
    public void MemoryDbCluster_HasNoFinalSnapshotName()
    {
        // Arrange: CloudFormation never deletes the retained cluster; only a rolled-back create deletes it, empty, and
        // a fixed final snapshot name would then make the next attempt fail on the snapshot left by the first.
        var environments = stack.Environments;

        // Act
        var clusters = environments.Select(e => e.Resources("AWS::MemoryDB::Cluster").Single().Value["Properties"]!).ToList();

        // Assert
        Assert.All(clusters, c => Assert.Null(c["FinalSnapshotName"]));
    }

    [Fact]
    public void ProductionStack_HasTerminationProtection_StagingDoesNot()
    {
        // Arrange
        JsonNode Manifest(SynthesizedStackFixture template) =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(template.Result.OutputDirectory, "manifest.json")))!;

        // Act: the CDK CLI sets the stack's termination protection from the cloud assembly's manifest.
        var production = Manifest(stack)["artifacts"]!["SessionApp-production"]!["properties"]!["terminationProtection"];
        var staging = Manifest(stack.Staging)["artifacts"]!["SessionApp-staging"]!["properties"]!["terminationProtection"];

        // Assert
        Assert.True((bool)production!);
        Assert.False((bool?)staging ?? false);
    }
}
