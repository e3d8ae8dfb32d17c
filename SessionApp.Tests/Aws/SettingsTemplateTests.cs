using System.Text.Json.Nodes;
using SessionApp.ServiceDefaults.Configuration;

namespace SessionApp.Tests.Aws;

/// <summary>The services' settings in SSM Parameter Store under /sessionapp/{environment}/.</summary>
[Collection(AwsStackGroup.Name)]
public sealed class SettingsTemplateTests(SynthesizedStackFixture stack)
{
    private Dictionary<string, JsonNode> Parameters() =>
        stack.Resources("AWS::SSM::Parameter").Values.Select(p => p["Properties"]!)
            .ToDictionary(p => (string)p["Name"]!, p => p["Value"]!);

    [Fact]
    public void Parameters_LiveUnderTheEnvironmentsPathAndDescribeMemoryDb()
    {
        // Arrange
        const string Path = "/sessionapp/production/";

        // Act
        var parameters = Parameters();

        // Assert
        Assert.All(parameters.Keys, name => Assert.StartsWith(Path, name, StringComparison.Ordinal));
        Assert.Equal("sessions", (string)parameters[Path + "MemoryDb/ConnectionName"]!);
        Assert.Equal(stack.Resources("AWS::MemoryDB::Cluster").Single().Key, TemplateJson.Target(parameters[Path + "MemoryDb/Endpoint"]));
        Assert.Equal("ClusterEndpoint.Address", (string)parameters[Path + "MemoryDb/Endpoint"]!["Fn::GetAtt"]![1]!);
        // A string, the port the cluster is created with: an SSM value is a string, the endpoint's port attribute a number.
        Assert.Equal("6379", (string)parameters[Path + "MemoryDb/Port"]!);
        Assert.Equal(6379, (int)stack.Resources("AWS::MemoryDB::Cluster").Single().Value["Properties"]!["Port"]!);
        Assert.Equal("sessionapp-production-app", (string)parameters[Path + "MemoryDb/User"]!);
        Assert.Equal("true", (string)parameters[Path + "MemoryDb/Tls"]!);
        Assert.Equal("sessionapp/production/memorydb-password", (string)parameters[Path + "MemoryDb/PasswordSecret"]!);
        Assert.Equal("sessionapp", (string)parameters[Path + "Sessions/KeyPrefix"]!);
        Assert.Equal("sessionapp:dataprotection-keys", (string)parameters[Path + "DataProtection/RedisKey"]!);
        Assert.Equal("http://api:8080", (string)parameters[Path + "services/api/http/0"]!);
        Assert.True(parameters.ContainsKey(Path + "Sessions/IdleTimeout"));
        Assert.True(parameters.ContainsKey(Path + "Sessions/AbsoluteTimeout"));
    }

    [Fact]
    public void Parameters_ProtectTheDataProtectionKeyRingWithTheStacksOwnKmsKey()
    {
        // Arrange: Production refuses to start without DataProtection:KmsKeyId (or a certificate), unless it is told
        // to keep the ring unencrypted, which the stack no longer does.
        const string Path = "/sessionapp/production/";
        var key = stack.DataProtectionKey();

        // Act
        var parameters = Parameters();

        // Assert
        Assert.Equal(key.Key, TemplateJson.Target(parameters[Path + "DataProtection/KmsKeyId"]));
        Assert.Equal("Arn", (string)parameters[Path + "DataProtection/KmsKeyId"]!["Fn::GetAtt"]![1]!);
        Assert.DoesNotContain(parameters.Keys, name => name.Contains("AllowUnprotectedKeys", StringComparison.Ordinal));
        Assert.DoesNotContain(parameters.Keys, name => name.Contains("DataProtection/Certificate", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_AreStandardStringsWithStringValues()
    {
        // Arrange
        var resources = stack.Environments.SelectMany(e => e.Resources("AWS::SSM::Parameter").Values).Select(p => p["Properties"]!).ToList();

        // Act
        var types = resources.Select(p => (string)p["Type"]!).Distinct().ToList();

        // Assert: each value is a string, or a reference or attribute that yields one.
        Assert.Equal(["String"], types);
        Assert.All(resources, p => Assert.Equal("Standard", (string)p["Tier"]!));
        Assert.All(resources, p => Assert.True(
            p["Value"] is JsonValue value ? value.GetValueKind() == System.Text.Json.JsonValueKind.String : p["Value"]!["Fn::GetAtt"] is null || !((string)p["Value"]!["Fn::GetAtt"]![1]!).EndsWith(".Port", StringComparison.Ordinal),
            $"{p["Name"]} has a value that is not a string: {p["Value"]!.ToJsonString()}"));
    }

    [Fact]
    public void Parameters_IncludeEveryNameServiceDefaultsRequires()
    {
        // Arrange
        var names = Parameters().Keys.ToHashSet();

        // Act
        var missing = SsmParameterNames.Required.Append(SsmParameterNames.MemoryDbConnectionName).Append(SsmParameterNames.SessionsUserHashKeySecret)
            .Where(name => !names.Contains("/sessionapp/production/" + name))
            .ToList();

        // Assert
        Assert.Empty(missing);
    }
}
