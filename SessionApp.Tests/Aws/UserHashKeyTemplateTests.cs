using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using SessionApp.Sessions.Configuration;

namespace SessionApp.Tests.Aws;

/// <summary>
/// <c>Sessions:UserHashKey</c> in the stack: a second generated Secrets Manager secret, named in SSM, whose values the
/// engine accepts in Production.
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed class UserHashKeyTemplateTests(SynthesizedStackFixture stack)
{
    private const string SecretName = "sessionapp/production/user-hash-key";

    private KeyValuePair<string, JsonObject> Secret() =>
        Assert.Single(stack.Resources("AWS::SecretsManager::Secret"), s => (string)s.Value["Properties"]!["Name"]! == SecretName);

    [Fact]
    public void UserHashKey_IsAGeneratedSecretOf44LettersAndDigitsUnderTheStacksKey()
    {
        // Arrange
        var key = stack.SecretsKey().Key;

        // Act
        var secret = Secret().Value["Properties"]!;

        // Assert
        stack.Template.HasResourceProperties("AWS::SecretsManager::Secret", new Dictionary<string, object>
        {
            ["Name"] = SecretName,
            ["GenerateSecretString"] = new Dictionary<string, object> { ["PasswordLength"] = 44, ["ExcludePunctuation"] = true, ["IncludeSpace"] = false },
        });
        Assert.Equal(key, TemplateJson.Target(secret["KmsKeyId"]));
        Assert.Null(secret["SecretString"]);
        Assert.Null(secret["GenerateSecretString"]!["SecretStringTemplate"]);
    }

    [Fact]
    public void UserHashKey_IsNamedInSsmWhereTheServicesReadIt()
    {
        // Arrange
        var parameters = stack.Resources("AWS::SSM::Parameter").Values.Select(p => p["Properties"]!)
            .ToDictionary(p => (string)p["Name"]!, p => p["Value"]!);

        // Act
        var named = (string?)parameters.GetValueOrDefault("/sessionapp/production/Sessions/UserHashKeySecret");

        // Assert
        Assert.Equal(SecretName, named);
        Assert.DoesNotContain("/sessionapp/production/Sessions/UserHashKey", parameters.Keys);
    }

    [Fact]
    public void UserHashKey_ValuesGeneratedAsTheTemplateAsks_PassTheEnginesProductionValidation()
    {
        // Arrange: what Secrets Manager generates for the template's GenerateSecretString (letters and digits, no space).
        var generator = Secret().Value["Properties"]!["GenerateSecretString"]!;
        var length = (int)generator["PasswordLength"]!;
        Assert.True((bool)generator["ExcludePunctuation"]!);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var values = Enumerable.Range(0, 200).Select(_ => RandomNumberGenerator.GetString(Alphabet, length)).ToList();
        var validator = new RedisSessionOptionsValidator(new HostingEnvironment { EnvironmentName = Environments.Production });

        // Act
        var failures = values
            .Select(value => (Value: value, Result: validator.Validate(null, new RedisSessionOptions { UserHashKey = value })))
            .Where(r => r.Result.Failed)
            .Select(r => $"{r.Value}: {r.Result.FailureMessage}")
            .ToList();

        // Assert
        Assert.Empty(failures);
        Assert.All(values, value => Assert.True(Convert.FromBase64String(value).Length >= RedisSessionOptionsValidator.MinUserHashKeyBytes));
    }
}
