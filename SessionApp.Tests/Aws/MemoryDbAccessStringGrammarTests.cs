using SessionApp.Aws;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Aws;

/// <summary>
/// MemoryDB's grammar for access strings, where it differs from Redis's ACL rules (its "Authenticating users with
/// Access Control Lists" and "Restricted commands" pages): a user is off unless its string says <c>on</c>; no
/// password rules, no <c>reset</c>, none of the restricted commands. The MemoryDB-like server applies the same: it adds
/// nothing to the string, so a string without <c>on</c> makes a user that cannot sign in there either.
/// </summary>
public sealed class MemoryDbAccessStringGrammarTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void PublishedAccessString_IsOnAndHoldsNothingMemoryDbRefuses()
    {
        // Arrange
        var accessString = MemoryDbAccessString.For("sessionapp");

        // Act
        var refused = MemoryDbAccessString.RefusedRules(accessString);

        // Assert
        Assert.StartsWith("on ", accessString, StringComparison.Ordinal);
        Assert.True(MemoryDbAccessString.IsOn(accessString));
        Assert.Empty(refused);
    }

    [Theory]
    [InlineData("~app:* -@all +get", false)]
    [InlineData("on ~app:* -@all +get", true)]
    [InlineData("on ~app:* -@all +get off", false)]
    [InlineData("off ~app:* on -@all +get", true)]
    public void IsOn_TheLastOfOnAndOff_DecidesAndNeitherMeansOff(string accessString, bool expected)
    {
        // Arrange, Act
        var on = MemoryDbAccessString.IsOn(accessString);

        // Assert
        Assert.Equal(expected, on);
    }

    [Theory]
    [InlineData("on >secret-password ~app:* +get", "password")]
    [InlineData("on nopass ~app:* +get", "password")]
    [InlineData("reset on ~app:* +get", "'reset'")]
    [InlineData("on ~app:* +config|get", "CONFIG")]
    [InlineData("on ~app:* +cluster", "CLUSTER ADDSLOT")]
    [InlineData("on ~app:* +cluster|setslot", "CLUSTER SETSLOT")]
    [InlineData("on ~app:* +acl", "ACL DELUSER")]
    [InlineData("on ~app:* +shutdown", "SHUTDOWN")]
    public void RefusedRules_WhatMemoryDbRefuses_IsNamedWithoutRepeatingAPassword(string accessString, string named)
    {
        // Arrange, Act
        var refused = MemoryDbAccessString.RefusedRules(accessString);

        // Assert
        var reason = Assert.Single(refused);
        Assert.Contains(named, reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedRules_ReadOnlyAclAndClusterSubcommands_AreAllowed()
    {
        // Arrange, Act
        var refused = MemoryDbAccessString.RefusedRules("on ~app:* -@all +cluster|nodes +acl|whoami +client|setname +script|load");

        // Assert
        Assert.Empty(refused);
    }

    [Fact]
    public void ToRedisAclRules_AStringMemoryDbRefuses_Throws()
    {
        // Arrange, Act
        var error = Assert.Throws<ArgumentException>(() => MemoryDbAccessString.ToRedisAclRules("reset on ~app:* +get", "a-password-of-sixteen"));

        // Assert
        Assert.Contains("'reset'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessStringWithoutOn_OnTheMemoryDbLikeServer_TheUserCannotSignIn()
    {
        // Arrange: the published string with its 'on' taken out, as the stack wrote it before.
        var withoutOn = MemoryDbAccessString.For("sessionapp")["on ".Length..];
        await using var redis = await MemoryDbLikeRedisProcess.StartAsync(new MemoryDbLikeUsers(withoutOn));

        // Act
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",abortConnect=false,connectTimeout=2000").WaitAsync(Timeout, Token);
        var read = await Record.ExceptionAsync(() => connection.GetDatabase().HashGetAllAsync("sessionapp:s:{abc}x"));
        var acl = await redis.AdminCliAsync(Timeout, "ACL", "GETUSER", redis.Users.AppUser);

        // Assert
        Assert.False(connection.IsConnected);
        Assert.NotNull(read);
        Assert.Contains("off", acl.Split('\n', StringSplitOptions.TrimEntries));
    }
}
