using System.Text.Json.Nodes;

namespace SessionApp.Tests.Aws;

/// <summary>Least privilege in the template: no wildcard where AWS does not demand one, roles scoped to their own resources, no secret in plain text.</summary>
[Collection(AwsStackGroup.Name)]
public sealed class IamTemplateTests(SynthesizedStackFixture stack)
{
    private IEnumerable<(string Owner, JsonNode Statement)> Statements(string type, string documentProperty) =>
        stack.Resources(type).SelectMany(r => r.Value["Properties"]![documentProperty]!["Statement"]!.AsArray().Select(s => (r.Key, s!)));

    private static List<string> Strings(JsonNode? node) =>
        TemplateJson.AsList(node).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "").ToList();

    [Fact]
    public void IamPolicies_HaveNoWildcardActionOrResource_ExceptWhereAwsDemandsOne()
    {
        // Arrange
        var statements = Statements("AWS::IAM::Policy", "PolicyDocument").ToList();

        // Act
        var wildcards = statements
            .Where(s => Strings(s.Statement["Action"]).Any(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal)) || Strings(s.Statement["Resource"]).Contains("*"))
            .Select(s => Strings(s.Statement["Action"]))
            .ToList();

        // Assert
        Assert.NotEmpty(statements);
        // ecr:GetAuthorizationToken and X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level
        // permissions: AWS requires "*" for them.
        Assert.All(wildcards, actions => Assert.Contains(actions, new List<string>[] { ["ecr:GetAuthorizationToken"], ["xray:PutTraceSegments", "xray:PutTelemetryRecords"] }));
        Assert.All(statements, s => Assert.Equal("Allow", (string)s.Statement["Effect"]!));
        Assert.DoesNotContain(stack.Resources("AWS::IAM::Role").Values, r => r["Properties"]!["ManagedPolicyArns"] is not null);
    }

    [Fact]
    public void KeyPolicy_LetsTheTaskRolesDecryptOnlyThroughSecretsManager()
    {
        // Arrange
        var taskRoles = stack.Resources("AWS::ECS::TaskDefinition").Values.Select(t => TemplateJson.Target(t["Properties"]!["TaskRoleArn"])).ToHashSet();

        // Act
        var grants = Statements("AWS::KMS::Key", "KeyPolicy")
            .Where(s => taskRoles.Contains(TemplateJson.Target(s.Statement["Principal"]!["AWS"])))
            .Select(s => s.Statement)
            .ToList();

        // Assert
        Assert.Equal(taskRoles.Count, grants.Count);
        Assert.All(grants, g =>
        {
            Assert.Equal(["kms:Decrypt"], Strings(g["Action"]));
            var via = g["Condition"]!["StringEquals"]!["kms:ViaService"]!["Fn::Join"]![1]!.AsArray();
            Assert.Equal("secretsmanager.", (string)via[0]!);
        });
    }

    [Fact]
    public void TaskRoles_EncryptAndDecryptWithTheDataProtectionKeyOnlyUnderTheKeyRingsContext()
    {
        // Arrange
        var taskRoles = stack.Resources("AWS::ECS::TaskDefinition").Values.Select(t => TemplateJson.Target(t["Properties"]!["TaskRoleArn"])).ToHashSet();
        var key = stack.DataProtectionKey();

        // Act
        var grants = stack.Resources("AWS::IAM::Policy").Values
            .SelectMany(p => p["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
                .Select(statement => (Roles: TemplateJson.AsList(p["Properties"]!["Roles"]).Select(TemplateJson.Target).ToList(), Statement: statement!)))
            .Where(g => Strings(g.Statement["Action"]).Any(a => a is "kms:Encrypt" or "kms:Decrypt"))
            .ToList();

        // Assert: one statement per task role, on that key only, bound to the context ServiceDefaults encrypts under
        Assert.Equal(taskRoles.Order(), grants.SelectMany(g => g.Roles).Order());
        Assert.All(grants, g =>
        {
            Assert.Equal(["kms:Encrypt", "kms:Decrypt"], Strings(g.Statement["Action"]));
            Assert.Equal(key.Key, TemplateJson.Target(g.Statement["Resource"]));
            Assert.Equal("data-protection-key-ring", (string)g.Statement["Condition"]!["StringEquals"]!["kms:EncryptionContext:sessionapp:purpose"]!);
        });
    }

    [Fact]
    public void DataProtectionKey_IsRotatedAliasedAndKeptWhenTheStackGoes()
    {
        // Arrange
        var key = stack.DataProtectionKey();

        // Act
        var alias = stack.Resources("AWS::KMS::Alias").Values.Select(a => a["Properties"]!).Single(a => TemplateJson.Target(a["TargetKeyId"]) == key.Key);

        // Assert
        Assert.True((bool)key.Value["Properties"]!["EnableKeyRotation"]!);
        Assert.Equal("RetainExceptOnCreate", (string)key.Value["DeletionPolicy"]!);
        Assert.Equal("alias/sessionapp-production-data-protection", (string)alias["AliasName"]!);
    }

    [Fact]
    public void TaskRoles_ReadOnlyTheAppsSsmPathAndItsThreeSecrets_AndUseOnlyTheKeyRingsKey()
    {
        // Arrange: the MemoryDB password, the user hash key and the Cognito client secret; not the smoke-test user's.
        var all = stack.Resources("AWS::SecretsManager::Secret").ToDictionary(s => (string)s.Value["Properties"]!["Name"]!, s => s.Key);
        var secrets = all.Where(s => !s.Key.EndsWith("/smoke-test-user", StringComparison.Ordinal)).ToDictionary();
        var taskRoles = stack.Resources("AWS::ECS::TaskDefinition").Values.Select(t => TemplateJson.Target(t["Properties"]!["TaskRoleArn"])).ToHashSet();

        // Act
        var policies = stack.Resources("AWS::IAM::Policy").Values.Select(p => p["Properties"]!)
            .Where(p => taskRoles.Contains(TemplateJson.Target(p["Roles"]![0])))
            // The collector's telemetry grants have their own test (TelemetryTemplateTests).
            .Select(p => p["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!).Where(s => (string?)s["Sid"] is not ("SendTracesToXRay" or "WriteMetricsAsEmf")).ToList())
            .ToList();

        // Assert
        Assert.Equal(
            ["sessionapp/production/memorydb-password", "sessionapp/production/oidc-client-secret", "sessionapp/production/smoke-test-user", "sessionapp/production/user-hash-key"],
            all.Keys.Order());
        Assert.Equal(2, policies.Count);
        Assert.All(policies, statements =>
        {
            var actions = statements.SelectMany(s => Strings(s["Action"])).Distinct().Order().ToList();
            // kms:Encrypt and kms:Decrypt are for the data protection key ring, on its key only (the test above).
            Assert.Equal(["kms:Decrypt", "kms:Encrypt", "secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], actions);
            var ssmResources = statements.Where(s => Strings(s["Action"]).Any(a => a.StartsWith("ssm:", StringComparison.Ordinal)))
                .SelectMany(s => TemplateJson.AsList(s["Resource"]))
                .Select(r => string.Concat(r!["Fn::Join"]![1]!.AsArray().Select(p => p is JsonValue v ? (string)v! : "")))
                .Order()
                .ToList();
            Assert.Equal(
                [
                    "arn::ssm:::parameter/aws/reference/secretsmanager/sessionapp/production/memorydb-password",
                    "arn::ssm:::parameter/aws/reference/secretsmanager/sessionapp/production/oidc-client-secret",
                    "arn::ssm:::parameter/aws/reference/secretsmanager/sessionapp/production/user-hash-key",
                    "arn::ssm:::parameter/sessionapp/production",
                    "arn::ssm:::parameter/sessionapp/production/*",
                ],
                ssmResources);
            var secretResources = statements.Where(s => Strings(s["Action"]).Any(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal)))
                .SelectMany(s => TemplateJson.AsList(s["Resource"])).Select(TemplateJson.Target).Distinct().Order();
            Assert.Equal(secrets.Values.Order(), secretResources);
        });
    }

    [Fact]
    public void ExecutionRoles_PullOnlyTheirOwnRepositoryAndWriteOnlyTheirOwnLogGroup()
    {
        // Arrange
        var definitions = stack.Resources("AWS::ECS::TaskDefinition").Values.Select(t => t["Properties"]!).ToList();

        // Act
        var byService = definitions.ToDictionary(
            d => (string)d["ContainerDefinitions"]![0]!["Name"]!,
            d =>
            {
                var role = TemplateJson.Target(d["ExecutionRoleArn"]);
                var policy = stack.Resources("AWS::IAM::Policy").Values.Select(p => p["Properties"]!).Single(p => TemplateJson.Target(p["Roles"]![0]) == role);
                return (Role: policy, Container: d["ContainerDefinitions"]![0]!);
            });

        // Assert
        Assert.All(byService, entry =>
        {
            var statements = entry.Value.Role["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!).ToList();
            var pull = statements.Single(s => Strings(s["Action"]).Contains("ecr:BatchGetImage"));
            var repository = pull["Resource"]!["Fn::Join"]![1]!.AsArray().Select(p => (p as JsonObject)?["Ref"]?.ToString()).Last(r => r is not null);
            Assert.Equal(char.ToUpperInvariant(entry.Key[0]) + entry.Key[1..] + "ImageRepository", repository);
            var logs = statements.Single(s => Strings(s["Action"]).Contains("logs:PutLogEvents"));
            Assert.Equal(TemplateJson.Target(entry.Value.Container["LogConfiguration"]!["Options"]!["awslogs-group"]), TemplateJson.Target(logs["Resource"]));
            Assert.Equal(3, statements.Count);
        });
    }

    [Fact]
    public void Template_HoldsNoSecretInPlainText()
    {
        // Arrange
        var strings = TemplateJson.Strings(stack.Document).ToList();

        // Act
        var passwordProperties = strings.Where(s => s.Name.Contains("password", StringComparison.OrdinalIgnoreCase)).ToList();
        var secretLooking = strings.Where(s => s.Value.Contains("password=", StringComparison.OrdinalIgnoreCase) || s.Name is "SecretString").ToList();
        var environment = stack.Resources("AWS::ECS::TaskDefinition").Values
            .SelectMany(t => t["Properties"]!["ContainerDefinitions"]![0]!["Environment"]!.AsArray()).Select(e => (string)e!["Name"]!).ToList();

        // Assert
        // The only string under a property named like a password is the opening of the {{resolve:secretsmanager:…}} reference.
        Assert.All(passwordProperties, p => Assert.Equal("{{resolve:secretsmanager:", p.Value));
        Assert.Empty(secretLooking);
        Assert.DoesNotContain(environment, e => e.Contains("password", StringComparison.OrdinalIgnoreCase) || e.Contains("ConnectionStrings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(stack.Resources("AWS::SSM::Parameter").Values, p => ((string)p["Properties"]!["Name"]!).EndsWith("/Password", StringComparison.Ordinal));
        // Every secret generated by Secrets Manager, or (the Cognito client secret) read from Cognito at deploy time:
        // never a value in the template, SSM or a container's environment.
        Assert.All(stack.Resources("AWS::SecretsManager::Secret").Values, s => Assert.True(
            s["Properties"]!["GenerateSecretString"] is not null && s["Properties"]!["SecretString"] is null
            || (string?)s["Properties"]!["SecretString"]?["Fn::GetAtt"]?[1] == "ClientSecret",
            $"{s["Properties"]!["Name"]} holds a value: {s["Properties"]!.ToJsonString()}"));
        Assert.DoesNotContain(stack.Resources("AWS::SSM::Parameter").Values, p => ((string)p["Properties"]!["Name"]!).EndsWith("/UserHashKey", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, e => e.Contains("UserHashKey", StringComparison.OrdinalIgnoreCase));
    }
}
