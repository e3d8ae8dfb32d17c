using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SessionApp.Aws.Stack;

namespace SessionApp.Tests.Aws;

/// <summary>
/// Every security group and rule description is one EC2 accepts (cfn-lint checks group descriptions; EC2 refuses a bad
/// rule description just the same, which the linter does not look at).
/// </summary>
[Collection(AwsStackGroup.Name)]
public sealed partial class SecurityGroupDescriptionTests(SynthesizedStackFixture stack)
{
    /// <summary>EC2's characters for a rule description (its group descriptions also allow <c>&amp;</c>).</summary>
    [GeneratedRegex(@"^[a-zA-Z0-9 ._\-:/()#,@\[\]+=;{}!$*]{0,255}$")]
    private static partial Regex Ec2Text();

    private static IEnumerable<string> Descriptions(SynthesizedStackFixture template)
    {
        foreach (var group in template.Resources("AWS::EC2::SecurityGroup").Values.Select(g => g["Properties"]!))
        {
            yield return (string)group["GroupDescription"]!;
            foreach (var rule in new[] { "SecurityGroupIngress", "SecurityGroupEgress" }.SelectMany(k => TemplateJson.AsList(group[k]).OfType<JsonObject>()))
            {
                yield return (string?)rule["Description"] ?? "";
            }
        }

        foreach (var rule in new[] { "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress" }.SelectMany(t => template.Resources(t).Values))
        {
            yield return (string?)rule["Properties"]!["Description"] ?? "";
        }
    }

    [Fact]
    public void Descriptions_OfEveryGroupAndRule_UseOnlyCharactersEc2Accepts()
    {
        // Arrange
        var environments = stack.Environments;

        // Act
        var descriptions = environments.SelectMany(Descriptions).ToList();

        // Assert
        Assert.True(descriptions.Count > 10, $"only {descriptions.Count} descriptions found");
        Assert.All(descriptions, d => Assert.Matches(Ec2Text(), d));
    }

    [Theory]
    [InlineData("'api' tasks: port 8080", '\'')]
    [InlineData("api & web", '&')]
    [InlineData("café", 'é')]
    public void Ec2Description_CharacterEc2Refuses_ThrowsNamingIt(string text, char refused)
    {
        // Arrange, Act
        var error = Assert.Throws<ArgumentException>(() => Ec2Description.Of(text));

        // Assert
        Assert.Contains($"'{refused}'", error.Message, StringComparison.Ordinal);
    }
}
