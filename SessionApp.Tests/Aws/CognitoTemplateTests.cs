using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SessionApp.Aws.Stack;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Sign-in with Amazon Cognito in the template, in both environments: the user pool, its domain with the classic hosted
/// UI, the confidential app client, the admin group, the client secret copied into Secrets Manager, and what the deploy
/// workflow's smoke-test user needs.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class CognitoTemplateTests(SynthesizedStackFixture stack)
{
    private static JsonNode Properties(SynthesizedStackFixture template, string type) =>
        template.Resources(type).Single().Value["Properties"]!;

    private static JsonObject Ref(string name) => new() { ["Ref"] = name };

    /// <summary>The <c>Fn::Equals</c> of the condition <paramref name="logicalId"/>: (parameter, value).</summary>
    private static (string? Parameter, string? Value) ConditionOf(SynthesizedStackFixture template, string logicalId)
    {
        var equals = template.Document["Conditions"]![logicalId]!["Fn::Equals"]!.AsArray();
        return ((string?)equals[0]!["Ref"], (string?)equals[1]);
    }

    [Fact]
    public void UserPool_OnlyAdministratorsAddUsers_WithAStrongPasswordPolicy_InBothEnvironments()
    {
        // Arrange
        var environments = stack.Environments;

        // Act
        var pools = environments.Select(e => Properties(e, "AWS::Cognito::UserPool")).ToList();

        // Assert
        Assert.All(pools, pool =>
        {
            Assert.True((bool)pool["AdminCreateUserConfig"]!["AllowAdminCreateUserOnly"]!);
            var policy = pool["Policies"]!["PasswordPolicy"]!;
            Assert.True((int)policy["MinimumLength"]! >= 12);
            Assert.All(new[] { "RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols" }, rule => Assert.True((bool)policy[rule]!, rule));
            Assert.InRange((int)policy["TemporaryPasswordValidityDays"]!, 1, 3);
            Assert.Equal("verified_email", (string)pool["AccountRecoverySetting"]!["RecoveryMechanisms"]![0]!["Name"]!);
            Assert.Null(pool["SmsConfiguration"]);
        });
        Assert.Equal(["sessionapp-production", "sessionapp-staging"], pools.Select(p => (string)p["UserPoolName"]!));
    }

    [Fact]
    public void UserPool_MfaFromItsParameter_AuthenticatorAppsOnly()
    {
        // Arrange: SMS would need an SNS role; Cognito takes no EnabledMfas while MFA is off.
        var pool = Properties(stack, "AWS::Cognito::UserPool");

        // Act
        var enabled = pool["EnabledMfas"]!["Fn::If"]!.AsArray();

        // Assert
        Assert.True(JsonNode.DeepEquals(Ref("CognitoMfa"), pool["MfaConfiguration"]));
        Assert.Equal(("CognitoMfa", "OFF"), ConditionOf(stack, (string)enabled[0]!));
        Assert.True(JsonNode.DeepEquals(Ref("AWS::NoValue"), enabled[1]));
        Assert.True(JsonNode.DeepEquals(new JsonArray("SOFTWARE_TOKEN_MFA"), enabled[2]));
    }

    [Fact]
    public void UserPool_ThreatProtectionFromItsParameter_OnThePlusPlanUnlessItIsOff()
    {
        // Arrange
        var pool = Properties(stack, "AWS::Cognito::UserPool");

        // Act
        var tier = pool["UserPoolTier"]!["Fn::If"]!.AsArray();

        // Assert
        Assert.True(JsonNode.DeepEquals(Ref("CognitoThreatProtection"), pool["UserPoolAddOns"]!["AdvancedSecurityMode"]));
        Assert.Equal(("CognitoThreatProtection", "OFF"), ConditionOf(stack, (string)tier[0]!));
        Assert.Equal(["ESSENTIALS", "PLUS"], tier.Skip(1).Select(t => (string)t!));
    }

    [Theory]
    [InlineData("production", "OPTIONAL", "ENFORCED", "ACTIVE")]
    [InlineData("staging", "OPTIONAL", "OFF", "INACTIVE")]
    public void UserPool_MfaThreatProtectionAndDeletionProtection_FollowTheEnvironmentsPreset(string environment, string mfa, string threatProtection, string deletionProtection)
    {
        // Arrange
        var template = environment == "production" ? stack : stack.Staging;

        // Act
        var parameters = template.Document["Parameters"]!;

        // Assert
        Assert.Equal(mfa, (string)parameters["CognitoMfa"]!["Default"]!);
        Assert.Equal(["OFF", "OPTIONAL", "ON"], parameters["CognitoMfa"]!["AllowedValues"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(threatProtection, (string)parameters["CognitoThreatProtection"]!["Default"]!);
        Assert.Equal(["OFF", "AUDIT", "ENFORCED"], parameters["CognitoThreatProtection"]!["AllowedValues"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(deletionProtection, (string)Properties(template, "AWS::Cognito::UserPool")["DeletionProtection"]!);
    }

    [Fact]
    public void Domain_IsTheEnvironmentsPrefixWithTheAccountId_WithTheClassicHostedUi()
    {
        // Arrange
        var domains = stack.Environments.Select(e => (e, Properties(e, "AWS::Cognito::UserPoolDomain"))).ToList();

        // Act
        var prefixes = domains.Select(d => string.Concat(d.Item2["Domain"]!["Fn::Join"]![1]!.AsArray()
            .Select(p => p is JsonValue v ? (string)v! : (string)p!["Ref"]! == "AWS::AccountId" ? "123456789012" : "?"))).ToList();

        // Assert: Cognito's prefix pattern, none of its reserved words, and managed login version 1 (the classic form)
        Assert.Equal(["sessionapp-production-123456789012", "sessionapp-staging-123456789012"], prefixes);
        Assert.All(prefixes, p => Assert.Matches("^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$", p));
        Assert.All(prefixes, p => Assert.DoesNotMatch("aws|amazon|cognito", p));
        Assert.All(domains, d =>
        {
            Assert.Equal(1, (int)d.Item2["ManagedLoginVersion"]!);
            Assert.Equal(d.e.Resources("AWS::Cognito::UserPool").Single().Key, TemplateJson.Target(d.Item2["UserPoolId"]));
        });
    }

    [Fact]
    public void Client_ConfidentialAuthorizationCodeOnly_BackToTheSitesCallbackPaths()
    {
        // Arrange
        var client = Properties(stack, "AWS::Cognito::UserPoolClient");

        // Act
        string Joined(JsonNode? node) =>
            string.Concat(node!["Fn::Join"]![1]!.AsArray().Select(p => p is JsonValue v ? (string)v! : "{" + (string)p!["Ref"]! + "}"));

        // Assert
        Assert.True((bool)client["GenerateSecret"]!);
        Assert.True((bool)client["AllowedOAuthFlowsUserPoolClient"]!);
        Assert.Equal(["code"], client["AllowedOAuthFlows"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(["openid", "profile", "email"], client["AllowedOAuthScopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["ALLOW_REFRESH_TOKEN_AUTH"], client["ExplicitAuthFlows"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(["COGNITO"], client["SupportedIdentityProviders"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(["{SiteUrl}/signin-oidc"], client["CallbackURLs"]!.AsArray().Select(Joined));
        Assert.Equal(["{SiteUrl}/signout-callback-oidc"], client["LogoutURLs"]!.AsArray().Select(Joined));
        Assert.Equal("ENABLED", (string)client["PreventUserExistenceErrors"]!);
        Assert.True((bool)client["EnableTokenRevocation"]!);
        Assert.Equal(stack.Resources("AWS::Cognito::UserPool").Single().Key, TemplateJson.Target(client["UserPoolId"]));
    }

    [Fact]
    public void Client_TokenValidities_FitTheSessionsEightHourAbsoluteTimeout()
    {
        // Arrange
        var client = Properties(stack, "AWS::Cognito::UserPoolClient");
        var absolute = TimeSpan.Parse((string)stack.Resources("AWS::SSM::Parameter").Values.Select(p => p["Properties"]!)
            .Single(p => (string)p["Name"]! == "/sessionapp/production/Sessions/AbsoluteTimeout")["Value"]!, System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var units = client["TokenValidityUnits"]!;
        var access = TimeSpan.FromMinutes((int)client["AccessTokenValidity"]!);
        var id = TimeSpan.FromMinutes((int)client["IdTokenValidity"]!);
        var refresh = TimeSpan.FromHours((int)client["RefreshTokenValidity"]!);

        // Assert: short access and ID tokens, and no refresh token outliving the session it belongs to
        Assert.Equal(("minutes", "minutes", "hours"), ((string)units["AccessToken"]!, (string)units["IdToken"]!, (string)units["RefreshToken"]!));
        Assert.Equal((TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)), (access, id));
        Assert.Equal(absolute, refresh);
    }

    [Theory]
    [InlineData("https://www.example.com", true)]
    [InlineData("https://staging.example.test", true)]
    [InlineData("https://sessions.eu-west-1.example.co.uk", true)]
    [InlineData("https://www.example.com/", false)]
    [InlineData("https://www.example.com/app", false)]
    [InlineData("https://www.example.com:8443", false)]
    [InlineData("http://www.example.com", false)]
    [InlineData("https://WWW.example.com", false)]
    [InlineData("https://localhost", false)]
    public void SiteUrl_IsRequiredAndAcceptsOnlyHttpsAndAHostName(string value, bool accepted)
    {
        // Arrange: CloudFormation matches AllowedPattern against the whole value.
        var parameter = stack.Document["Parameters"]!["SiteUrl"]!;

        // Act
        var matches = Regex.IsMatch(value, $"^(?:{(string)parameter["AllowedPattern"]!})$", RegexOptions.None, TimeSpan.FromSeconds(1));

        // Assert
        Assert.Null(parameter["Default"]);
        Assert.Equal(accepted, matches);
    }

    [Fact]
    public void AdminGroup_IsInTheUserPool()
    {
        // Arrange
        var pool = stack.Resources("AWS::Cognito::UserPool").Single().Key;

        // Act
        var group = Properties(stack, "AWS::Cognito::UserPoolGroup");

        // Assert
        Assert.Equal("admin", (string)group["GroupName"]!);
        Assert.Equal(pool, TemplateJson.Target(group["UserPoolId"]));
    }

    [Fact]
    public void ClientSecret_IsCopiedFromTheClientIntoSecretsManagerUnderTheStacksKey()
    {
        // Arrange
        var client = stack.Resources("AWS::Cognito::UserPoolClient").Single().Key;

        // Act
        var secret = stack.Resources("AWS::SecretsManager::Secret").Values.Select(s => s["Properties"]!)
            .Single(s => (string)s["Name"]! == "sessionapp/production/oidc-client-secret");

        // Assert: Fn::GetAtt ClientSecret at deploy time; the template holds no value and asks for no generated one.
        Assert.Equal([client, "ClientSecret"], secret["SecretString"]!["Fn::GetAtt"]!.AsArray().Select(p => (string)p!));
        Assert.Null(secret["GenerateSecretString"]);
        Assert.Equal(stack.SecretsKey().Key, TemplateJson.Target(secret["KmsKeyId"]));
    }

    [Fact]
    public void SmokeTestUser_HasAGeneratedPasswordSecret_AndTheOutputsTheDeployWorkflowReads()
    {
        // Arrange
        var outputs = stack.Document["Outputs"]!;

        // Act
        var secret = stack.Resources("AWS::SecretsManager::Secret").Values.Select(s => s["Properties"]!)
            .Single(s => (string)s["Name"]! == "sessionapp/production/smoke-test-user");

        // Assert: generated (never a default password), and nothing the services read
        Assert.True((int)secret["GenerateSecretString"]!["PasswordLength"]! >= 32);
        Assert.True((bool)secret["GenerateSecretString"]!["RequireEachIncludedType"]!);
        Assert.Null(secret["SecretString"]);
        Assert.DoesNotContain(stack.Resources("AWS::SSM::Parameter").Values, p => p["Properties"]!["Value"]!.ToJsonString().Contains("smoke-test", StringComparison.Ordinal));
        Assert.Equal("smoke-test", (string)outputs["SmokeTestUser"]!["Value"]!);
        Assert.Equal("sessionapp/production/smoke-test-user", (string)outputs["SmokeTestPasswordSecret"]!["Value"]!);
        Assert.Equal(stack.Resources("AWS::Cognito::UserPool").Single().Key, TemplateJson.Target(outputs["CognitoUserPoolId"]!["Value"]));
        Assert.Equal(stack.Resources("AWS::Cognito::UserPoolClient").Single().Key, TemplateJson.Target(outputs["CognitoClientId"]!["Value"]));
        Assert.Equal(
            "https://sessionapp-production-{AWS::AccountId}.auth.{AWS::Region}.amazoncognito.com",
            string.Concat(outputs["CognitoDomain"]!["Value"]!["Fn::Join"]![1]!.AsArray().Select(p => p is JsonValue v ? (string)v! : "{" + (string)p!["Ref"]! + "}")));
    }

    [Theory]
    [InlineData("aws-preview")]
    [InlineData("amazon")]
    [InlineData("cognito-test")]
    [InlineData("a-very-long-preview-environment-name-x40")]
    public void Validate_EnvironmentTheCognitoDomainCannotCarry_IsRefusedNamingIt(string environment)
    {
        // Arrange
        var topology = TestTopologies.SessionApp(environment);

        // Act
        var error = Assert.Throws<ArgumentException>(() => TopologyValidator.Validate(topology));

        // Assert
        Assert.Contains($"Environment '{environment}' must be at most 39 characters and contain none of aws, amazon, cognito", error.Message, StringComparison.Ordinal);
    }
}
