using Microsoft.Extensions.Options;
using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.SignIn;

/// <summary><c>Authentication:Oidc</c> checked at start: every problem reported at once, each naming its key, never a secret.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class OidcSettingsTests
{
    private const string Secret = "a-client-secret-that-must-never-be-logged";

    [Theory]
    [InlineData("Authority", "ftp://idp.example", "Authentication:Oidc:Authority must be an absolute http(s) URI")]
    [InlineData("Authority", "http://idp.example", "Authentication:Oidc:Authority must use https while Authentication:Oidc:RequireHttpsMetadata is true")]
    [InlineData("ClientId", "", "Authentication:Oidc:ClientId is required")]
    [InlineData("ClientSecret", " ", "Authentication:Oidc:ClientSecret is required")]
    [InlineData("Scope", "profile email", "Authentication:Oidc:Scope must include 'openid'")]
    [InlineData("RoleClaim", "", "Authentication:Oidc:RoleClaim must not be empty")]
    [InlineData("Provider", "Cognito", "Authentication:Oidc:CognitoDomain must be the user pool domain's https URI")]
    [InlineData("RefreshBefore", "02:00:00", "Authentication:Oidc:RefreshBefore must lie between")]
    public void Validate_OneBadSetting_FailsNamingIt(string key, string value, string expected)
    {
        // Arrange
        var options = Valid();
        switch (key)
        {
            case "Authority": options.Authority = new Uri(value); break;
            case "ClientId": options.ClientId = value; break;
            case "ClientSecret": options.ClientSecret = value; break;
            case "Scope": options.Scope = value; break;
            case "RoleClaim": options.RoleClaim = value; break;
            case "Provider": options.Provider = Enum.Parse<OidcProviderKind>(value); break;
            default: options.RefreshBefore = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        // Act
        var result = new OidcSignInOptionsValidator().Validate(null, options);

        // Assert
        var failure = Assert.Single(result.Failures ?? []);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClientWithoutAuthority_FailsNamingTheAuthority()
    {
        // Arrange
        var options = new OidcSignInOptions { ClientId = "web", ClientSecret = Secret };

        // Act
        var result = new OidcSignInOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal("Authentication:Oidc:Authority is required when Authentication:Oidc:ClientId or Authentication:Oidc:ClientSecret is set.", Assert.Single(result.Failures ?? []));
    }

    [Fact]
    public void Validate_CognitoWithItsDomain_Succeeds()
    {
        // Arrange
        var options = Valid();
        options.Provider = OidcProviderKind.Cognito;
        options.CognitoDomain = new Uri("https://shop.auth.eu-west-1.amazoncognito.com");
        options.RoleClaim = "cognito:groups";

        // Act
        var result = new OidcSignInOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Fact]
    public async Task Start_WebWithAPlainHttpProviderAndNoSecret_RefusesToStartNamingBothKeys()
    {
        // Arrange
        await using var redis = await RedisServerProcess.StartAsync();

        // Act
        var exception = await Record.ExceptionAsync(() => WebInstance.StartAsync(redis.ConnectionString, "web-1", "oidc-settings", new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = "http://idp.example",
            ["Authentication:Oidc:ClientId"] = "web",
        }));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Equal(2, validation.Failures.Count());
        Assert.Contains(validation.Failures, static f => f.StartsWith("Authentication:Oidc:Authority must use https", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, static f => f.StartsWith("Authentication:Oidc:ClientSecret is required", StringComparison.Ordinal));
    }

    private static OidcSignInOptions Valid() => new()
    {
        Authority = new Uri("https://idp.example"),
        ClientId = "web",
        ClientSecret = Secret,
    };
}
