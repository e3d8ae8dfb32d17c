using Amazon.CDK.Assertions;
using SessionApp.Aws;

namespace SessionApp.Tests.Aws;

/// <summary>The session store in the template: MemoryDB with TLS, the published ACL user, a generated password, private subnets.</summary>
[Collection(AwsStackGroup.Name)]
public sealed class MemoryDbTemplateTests(SynthesizedStackFixture stack)
{
    [Fact]
    public void Cluster_IsTlsOnlyKeepsSnapshotsAndTakesItsSizeFromParameters()
    {
        // Arrange
        var template = stack.Template;

        // Act
        var clusters = stack.Resources("AWS::MemoryDB::Cluster");

        // Assert
        Assert.Single(clusters);
        template.HasResourceProperties("AWS::MemoryDB::Cluster", new Dictionary<string, object>
        {
            ["TLSEnabled"] = true,
            ["NumShards"] = new Dictionary<string, object> { ["Ref"] = "MemoryDbShards" },
            ["NumReplicasPerShard"] = new Dictionary<string, object> { ["Ref"] = "MemoryDbReplicasPerShard" },
            ["Port"] = 6379,
            ["NodeType"] = new Dictionary<string, object> { ["Ref"] = "MemoryDbNodeType" },
            ["ACLName"] = "sessionapp-production",
        });
        Assert.True((int)clusters.Single().Value["Properties"]!["SnapshotRetentionLimit"]! >= 1);
    }

    [Theory]
    [InlineData("production", "db.r6g.large", 2, 1)]
    [InlineData("staging", "db.t4g.small", 1, 1)]
    public void ClusterSize_DefaultsToTheEnvironmentsPreset(string environment, string nodeType, int shards, int replicas)
    {
        // Arrange
        var template = environment == "production" ? stack : stack.Staging;

        // Act
        var parameters = template.Document["Parameters"]!;

        // Assert: the seed's size in production, the smallest node type (TLS and ACLs run on every MemoryDB node type) in one shard elsewhere.
        Assert.Equal(nodeType, (string)parameters["MemoryDbNodeType"]!["Default"]!);
        Assert.Equal(shards, (int)parameters["MemoryDbShards"]!["Default"]!);
        Assert.Equal(replicas, (int)parameters["MemoryDbReplicasPerShard"]!["Default"]!);
        Assert.Equal(1, (int)parameters["MemoryDbShards"]!["MinValue"]!);
        Assert.Equal(0, (int)parameters["MemoryDbReplicasPerShard"]!["MinValue"]!);
    }

    [Fact]
    public void User_HasThePublishedAccessString_OnlyTheEnginesKeysAndCommands()
    {
        // Arrange
        var published = MemoryDbAccessString.For("sessionapp");

        // Act
        var user = Assert.Single(stack.Resources("AWS::MemoryDB::User")).Value;
        var accessString = (string)user["Properties"]!["AccessString"]!;

        // Assert
        Assert.Equal(published, accessString);
        var rules = accessString.Split(' ');
        Assert.Equal("on", rules[0]);
        Assert.True(MemoryDbAccessString.IsOn(accessString));
        Assert.Empty(MemoryDbAccessString.RefusedRules(accessString));
        Assert.DoesNotContain("+@all", rules);
        Assert.DoesNotContain("~*", rules);
        Assert.DoesNotContain("allkeys", rules);
        Assert.DoesNotContain(rules, r => r.StartsWith("+config", StringComparison.Ordinal) || r is "+keys" or "+scan" or "+flushall" or "+flushdb");
        Assert.All(rules.Where(r => r.StartsWith('~')), r => Assert.StartsWith("~sessionapp:", r, StringComparison.Ordinal));
        Assert.Contains("-@all", rules);
    }

    [Fact]
    public void User_IsTheOnlyUserOfTheClustersAcl()
    {
        // Arrange
        var template = stack.Template;

        // Act
        var user = Assert.Single(stack.Resources("AWS::MemoryDB::User")).Value;

        // Assert
        template.HasResourceProperties("AWS::MemoryDB::ACL", new Dictionary<string, object>
        {
            ["ACLName"] = "sessionapp-production",
            ["UserNames"] = Match.ArrayEquals(new object[] { (string)user["Properties"]!["UserName"]! }),
        });
    }

    [Fact]
    public void UserPassword_IsADynamicReferenceToTheGeneratedSecret()
    {
        // Arrange
        var secret = Assert.Single(stack.Resources("AWS::SecretsManager::Secret"), s => (string)s.Value["Properties"]!["Name"]! == "sessionapp/production/memorydb-password");

        // Act
        var user = Assert.Single(stack.Resources("AWS::MemoryDB::User")).Value;
        var mode = user["Properties"]!["AuthenticationMode"]!;
        var password = Assert.Single(mode["Passwords"]!.AsArray());
        var parts = password!["Fn::Join"]![1]!.AsArray();

        // Assert
        Assert.Equal("password", (string)mode["Type"]!);
        Assert.Equal("{{resolve:secretsmanager:", (string)parts[0]!);
        Assert.Equal(secret.Key, TemplateJson.Target(parts[1]));
        Assert.NotNull(secret.Value["Properties"]!["GenerateSecretString"]);
        Assert.Null(secret.Value["Properties"]!["SecretString"]);
    }

    [Fact]
    public void SubnetGroup_UsesOnlyThePrivateSubnets()
    {
        // Arrange
        var privateSubnets = stack.Resources("AWS::EC2::Subnet")
            .Where(s => s.Value["Properties"]!["MapPublicIpOnLaunch"]?.GetValue<bool>() != true)
            .Select(s => s.Key).ToHashSet();

        // Act
        var group = Assert.Single(stack.Resources("AWS::MemoryDB::SubnetGroup")).Value;
        var subnets = group["Properties"]!["SubnetIds"]!.AsArray().Select(TemplateJson.Target).ToList();

        // Assert
        Assert.Equal(2, subnets.Count);
        Assert.All(subnets, s => Assert.Contains(s!, privateSubnets));
    }

    [Fact]
    public void Port6379_IsOpenOnlyToTheTaskSecurityGroupsOfServicesThatReferenceTheStore()
    {
        // Arrange
        var storeGroup = stack.Resources("AWS::MemoryDB::Cluster").Single().Value["Properties"]!["SecurityGroupIds"]![0];
        var storeGroupId = TemplateJson.Target(storeGroup);
        var taskGroups = stack.Resources("AWS::ECS::Service")
            .Select(s => TemplateJson.Target(s.Value["Properties"]!["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]![0]))
            .ToHashSet();

        // Act
        var rules = stack.Resources("AWS::EC2::SecurityGroupIngress").Values
            .Where(r => TemplateJson.Target(r["Properties"]!["GroupId"]) == storeGroupId)
            .Select(r => r["Properties"]!)
            .ToList();
        var inline = stack.Resources("AWS::EC2::SecurityGroup")[storeGroupId!]["Properties"]!["SecurityGroupIngress"];

        // Assert
        Assert.Null(inline);
        Assert.Equal(2, rules.Count);
        Assert.All(rules, r =>
        {
            Assert.Equal(6379, (int)r["FromPort"]!);
            Assert.Equal(6379, (int)r["ToPort"]!);
            Assert.Null(r["CidrIp"]);
            Assert.Contains(TemplateJson.Target(r["SourceSecurityGroupId"]), taskGroups);
        });
    }
}
