using Microsoft.Extensions.Options;
using SessionApp.Identity.Configuration;
using SessionApp.Identity.Users;

namespace SessionApp.Tests.Identity;

/// <summary>The provider's settings and users, without a host.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Validate_BadSettings_ReportsEveryProblemNamingItsKey()
    {
        // Arrange
        var options = new IdentityProviderOptions { Issuer = "issuer", AccessTokenLifetime = TimeSpan.Zero };
        var client = new IdentityClientOptions { ClientId = "web", ClientSecret = "short" };
        client.RedirectUris.Add("http://localhost:5080/signin-oidc#fragment");
        client.PostLogoutRedirectUris.Add("ftp://localhost/");
        options.Clients.Add(client);
        options.Clients.Add(new IdentityClientOptions { ClientId = "web", ClientSecret = new string('s', 32), RedirectUris = { "http://localhost/" } });
        var user = new IdentityUserOptions { UserName = "alice", Password = "1234567", DisplayName = " ", Email = "alice" };
        user.Groups.Add("two words");
        options.Users.Add(user);
        options.Users.Add(new IdentityUserOptions { UserName = "ALICE", Password = "long-enough", DisplayName = "Alice", Email = "alice@example.com" });

        // Act
        var result = new IdentityProviderOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Identity:Issuer", "Identity:AccessTokenLifetime", "Identity:Clients:0:ClientSecret",
                "Identity:Clients:0:RedirectUris:0", "Identity:Clients:0:PostLogoutRedirectUris:0", "Identity:Clients:1:ClientId",
                "Identity:Users:0:Password", "Identity:Users:0:DisplayName", "Identity:Users:0:Email", "Identity:Users:0:Groups:0",
                "Identity:Users:1:UserName",
            ],
            result.Failures!.Select(static failure => failure.Split(' ')[0]));
        Assert.DoesNotContain(result.Failures!, static failure => failure.Contains("1234567", StringComparison.Ordinal));
    }

    [Fact]
    public void NameBased_RfcExample_GivesTheRfcUuid()
    {
        // Arrange: RFC 9562, appendix A.4: "www.example.com" in the DNS namespace
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        // Act
        var uuid = SubjectIdentifier.NameBased(dns, "www.example.com");

        // Assert
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), uuid);
    }

    [Fact]
    public void For_SameNameInAnyCase_GivesTheSameSubject()
    {
        // Act
        var subjects = new[] { "alice", "Alice", "ALICE" }.Select(SubjectIdentifier.For).Distinct().ToList();

        // Assert
        var subject = Assert.Single(subjects);
        Assert.NotEqual(SubjectIdentifier.For("bob"), subject);
        Assert.Equal('5', subject[14]);
    }

    [Fact]
    public void UserDirectory_Built_ClearsPasswordsAndChecksThemIgnoringNameCase()
    {
        // Arrange
        var options = new IdentityProviderOptions();
        var entry = new IdentityUserOptions { UserName = "bob", Password = "bob-pass-1", DisplayName = "Bob Buyer", Email = "bob@example.com" };
        options.Users.Add(entry);

        // Act
        var users = new UserDirectory(Options.Create(options));

        // Assert
        Assert.Null(entry.Password);
        Assert.Equal("bob", users.Check("BOB", "bob-pass-1")?.UserName);
        Assert.Null(users.Check("bob", "bob-pass-2"));
        Assert.Null(users.Check("nobody", "bob-pass-1"));
        Assert.Equal("Bob Buyer", users.FindBySubject(SubjectIdentifier.For("bob"))?.DisplayName);
    }
}
