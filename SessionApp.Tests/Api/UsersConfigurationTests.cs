using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SessionApp.Api.Users;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Api;

/// <summary>The users from configuration: validated with messages that name the key, and only hashes kept.</summary>
[Collection(InProcessServicesGroup.Name)]
public sealed class UsersConfigurationTests
{
    [Fact]
    public void Validate_BadEntries_ReportsEveryErrorNamingItsKey()
    {
        // Arrange
        var options = new UsersOptions();
        options.Users.Add(new DemoUserOptions { UserName = "alice", DisplayName = "Alice", Password = "alice-pass-1" });
        options.Users.Add(new DemoUserOptions { UserName = "ALICE", DisplayName = "Again", Password = "alice-pass-2" });
        var bad = new DemoUserOptions { UserName = "no spaces", DisplayName = " ", Password = "short" };
        bad.Roles.Add("");
        options.Users.Add(bad);

        // Act
        var result = new UsersOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Users:1:UserName", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Users:2:UserName", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Users:2:DisplayName", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Users:2:Password", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Users:2:Roles:0", StringComparison.Ordinal));
        Assert.Equal(5, failures.Count);
    }

    [Fact]
    public void UserStore_Built_KeepsOnlyHashesAndValidatesIgnoringNameCase()
    {
        // Arrange
        var options = new UsersOptions();
        var entry = new DemoUserOptions { UserName = "bob", DisplayName = "Bob Buyer", Password = "bob-pass-1" };
        options.Users.Add(entry);

        // Act
        var store = new UserStore(Options.Create(options));

        // Assert
        Assert.Null(entry.Password);
        var user = store.Validate("BOB", "bob-pass-1");
        Assert.NotNull(user);
        Assert.Equal("bob", user.UserName);
        Assert.DoesNotContain("bob-pass-1", user.PasswordHash, StringComparison.Ordinal);
        Assert.Null(store.Validate("bob", "bob-pass-2"));
        Assert.Null(store.Validate("nobody", "bob-pass-1"));
    }

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Production", "false", true)]
    [InlineData("Production", "true", false)]
    [InlineData("Staging", null, true)]
    [InlineData("Development", null, false)]
    public void DemoPasswords_AListOutsideDevelopment_IsRefusedUnlessTheLoudSwitchIsSet(string environment, string? insecureDemoPasswords, bool refused)
    {
        // Arrange
        var options = new UsersOptions();
        options.Users.Add(new DemoUserOptions { UserName = "alice", DisplayName = "Alice", Password = "alice-pass-1" });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["InsecureDemoPasswords"] = insecureDemoPasswords })
            .Build();
        var host = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment };

        // Act
        var result = new DemoPasswordsValidator(host, configuration).Validate(null, options);
        var empty = new DemoPasswordsValidator(host, configuration).Validate(null, new UsersOptions());

        // Assert
        Assert.Equal(refused, result.Failed);
        Assert.True(empty.Succeeded, "no password list is never refused");
        if (refused)
        {
            Assert.Contains("InsecureDemoPasswords=true", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("Authentication:Oidc", result.FailureMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("alice-pass-1", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ApiStart_ProductionWithAPasswordListWithoutTheSwitch_ExitsNamingIt()
    {
        // Arrange: the demo users without the switch the tests' instances are given
        var api = ApiProcess.StartInfo(new Dictionary<string, string>
        {
            ["ConnectionStrings__sessions"] = "127.0.0.1:1",
            ["InsecureDemoPasswords"] = "false",
        });

        // Act
        var (exited, exitCode, output) = await BuiltServiceProcess.RunUntilExitAsync(api, TimeSpan.FromSeconds(60));

        // Assert
        Assert.True(exited, "the API stopped on its own");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("InsecureDemoPasswords=true", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiStart_InvalidUsersSection_ExitsNamingTheKey()
    {
        // Arrange: the real service as a process with the demo users (DemoUsers), one password overridden
        var api = ApiProcess.StartInfo(new Dictionary<string, string>
        {
            ["ConnectionStrings__sessions"] = "127.0.0.1:1",
            ["Users__0__Password"] = "x",
        });

        // Act
        var (exited, exitCode, output) = await BuiltServiceProcess.RunUntilExitAsync(api, TimeSpan.FromSeconds(60));

        // Assert
        Assert.True(exited, "the API stopped on its own");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Users:0:Password", output, StringComparison.Ordinal);
    }
}
