using Microsoft.Extensions.Options;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

public sealed class OptionsValidationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task StartUp_WithWrongSettings_FailsNamingEveryWrongKey()
    {
        // Arrange
        void Wrong(SessionApp.Sessions.Configuration.RedisSessionOptions o)
        {
            o.IdleTimeout = TimeSpan.Zero;
            o.AbsoluteTimeout = TimeSpan.FromMinutes(-1);
            o.MaxKeys = 0;
            o.CookieName = "bad name;";
            o.HeaderName = "Set-Cookie";
            o.KeyPrefix = "{tag}";
            o.EncryptionKeys.Add("k1:not-base64!");
        }

        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SessionTestApp.StartAsync(redis.ConnectionString, Wrong));

        // Assert
        foreach (var key in new[] { "Sessions:IdleTimeout", "Sessions:AbsoluteTimeout", "Sessions:MaxKeys", "Sessions:CookieName", "Sessions:HeaderName", "Sessions:KeyPrefix", "Sessions:EncryptionKeys:0" })
        {
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Session")]
    [InlineData("X-Session:Id")]
    [InlineData("cookie")]
    public async Task StartUp_WithAHeaderNameThatIsNoUsableHeader_FailsNamingTheSetting(string header)
    {
        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SessionTestApp.StartAsync(redis.ConnectionString, o => o.HeaderName = header));

        // Assert
        Assert.Contains("Sessions:HeaderName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_OutsideDevelopment_WithoutAUserHashKey_FailsNamingTheSetting()
    {
        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SessionTestApp.StartAsync(redis.ConnectionString, environment: "Production"));

        // Assert
        Assert.Contains("Sessions:UserHashKey is required outside the Development environment", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task StartUp_WithAUserHashKeyThatIsNotBase64OfAtLeast32Bytes_FailsNamingTheSetting(string key)
    {
        // Act
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SessionTestApp.StartAsync(redis.ConnectionString, o => o.UserHashKey = key));

        // Assert
        Assert.Contains("Sessions:UserHashKey must be base64 of at least 32 random bytes", error.Message, StringComparison.Ordinal);
    }
}
