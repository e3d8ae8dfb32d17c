using SessionApp.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using SessionApp.Api.Users;

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

    [Fact]
    public async Task ApiStart_InvalidUsersSection_FailsNamingTheKey()
    {
        // Arrange
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:sessions"] = "127.0.0.1:1",
            ["Users:0:Password"] = "x",
        };
        using var factory = new ApiFactory(settings);

        // Act
        var exception = await Record.ExceptionAsync(() => Task.Run(factory.StartServer, TestContext.Current.CancellationToken).WaitAsync(ApiInstance.StepTimeout, TestContext.Current.CancellationToken));

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(exception);
        Assert.Contains(validation.Failures, f => f.StartsWith("Users:0:Password", StringComparison.Ordinal));
    }
}
