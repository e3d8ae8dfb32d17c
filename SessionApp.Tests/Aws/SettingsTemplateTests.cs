using System.Text.Json.Nodes;
using SessionApp.ServiceDefaults.Configuration;
using SessionApp.ServiceDefaults.SignIn;

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
    public void Template_Anywhere_NeverSetsThePasswordListOrTheDemoSwitch()
    {
        // Arrange: Production refuses a Users list unless InsecureDemoPasswords=true; the stack must set neither, in
        // SSM or in a task definition's environment.
        var environment = stack.Resources("AWS::ECS::TaskDefinition").Values
            .SelectMany(t => t["Properties"]!["ContainerDefinitions"]!.AsArray())
            .SelectMany(c => c!["Environment"]?.AsArray() ?? [])
            .Select(e => (string)e!["Name"]!)
            .ToList();

        // Act
        var parameters = Parameters();

        // Assert
        Assert.NotEmpty(environment);
        Assert.DoesNotContain(parameters.Keys, name => name.Contains("InsecureDemoPasswords", StringComparison.OrdinalIgnoreCase) || name.Contains("/Users/", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, name => name.StartsWith("InsecureDemoPasswords", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Users__", StringComparison.Ordinal));
        Assert.DoesNotContain("InsecureDemoPasswords", stack.Json, StringComparison.OrdinalIgnoreCase);
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
        var missing = SsmParameterNames.Required.Append(SsmParameterNames.MemoryDbConnectionName)
            .Concat(SsmParameterNames.SecretSettings.Select(s => s.NameParameter))
            .Where(name => !names.Contains("/sessionapp/production/" + name))
            .ToList();

        // Assert
        Assert.Empty(missing);
    }

    [Fact]
    public void Parameters_DescribeCognitoSignIn_TheClientSecretOnlyByItsSecretsName()
    {
        // Arrange
        const string Path = "/sessionapp/production/Authentication/Oidc/";
        var pool = stack.Resources("AWS::Cognito::UserPool").Single().Key;
        var client = stack.Resources("AWS::Cognito::UserPoolClient").Single().Key;
        static string Joined(JsonNode node) =>
            string.Concat(node["Fn::Join"]![1]!.AsArray().Select(p => p is JsonValue v ? (string)v! : "{" + ((string?)p!["Ref"] ?? "?") + "}"));

        // Act
        var parameters = Parameters().Where(p => p.Key.StartsWith(Path, StringComparison.Ordinal)).ToDictionary(p => p.Key[Path.Length..], p => p.Value);

        // Assert
        Assert.Equal(["Authority", "ClientId", "ClientSecretSecret", "CognitoDomain", "Provider", "RoleClaim", "Scope"], parameters.Keys.Order());
        Assert.Equal($"https://cognito-idp.{{AWS::Region}}.amazonaws.com/{{{pool}}}", Joined(parameters["Authority"]));
        Assert.Equal([client, "ClientId"], parameters["ClientId"]["Fn::GetAtt"]!.AsArray().Select(p => (string)p!));
        Assert.Equal("sessionapp/production/oidc-client-secret", (string)parameters["ClientSecretSecret"]!);
        Assert.Equal("https://sessionapp-production-{AWS::AccountId}.auth.{AWS::Region}.amazoncognito.com", Joined(parameters["CognitoDomain"]));
        Assert.Equal(("Cognito", "cognito:groups", "openid profile email"), ((string)parameters["Provider"]!, (string)parameters["RoleClaim"]!, (string)parameters["Scope"]!));
        Assert.DoesNotContain("ClientSecret", parameters.Keys);
    }

    [Fact]
    public void Parameters_UnderAuthenticationOidc_AreEachASettingOfOidcSignInOptions()
    {
        // Arrange: ServiceDefaults binds Authentication:Oidc to OidcSignInOptions; a name it does not know would be ignored.
        var properties = typeof(OidcSignInOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToHashSet();
        var section = OidcSignInOptions.SectionName.Replace(':', '/') + "/";

        // Act
        var unknown = Parameters().Keys.Select(name => name["/sessionapp/production/".Length..])
            .Where(name => name.StartsWith(section, StringComparison.Ordinal))
            .Select(name => SsmParameterNames.SecretSettings.SingleOrDefault(s => s.NameParameter == name)?.Key.Replace(':', '/') ?? name)
            .Select(name => name[section.Length..])
            .Where(name => !properties.Contains(name))
            .ToList();

        // Assert
        Assert.Empty(unknown);
    }
}
