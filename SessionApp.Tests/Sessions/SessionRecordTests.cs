using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

/// <summary>The <c>_w</c> field that holds a session's IP address and user agent together.</summary>
public class SessionRecordTests
{
    [Theory]
    [InlineData("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)")]
    [InlineData("2001:db8::1", "curl/8.5.0")]
    [InlineData(null, "Phone/2.0")]
    [InlineData("127.0.0.1", null)]
    public void Client_PackedThenUnpacked_GivesBackTheIpAddressAndUserAgent(string? ipAddress, string? userAgent)
    {
        // Act
        var field = SessionRecord.Client(ipAddress, userAgent);
        var (ip, agent) = SessionRecord.Client(field);

        // Assert
        Assert.Equal(ipAddress, ip);
        Assert.Equal(userAgent, agent);
    }

    [Fact]
    public void Client_WithNeither_IsNoFieldAtAll()
    {
        // Act
        var field = SessionRecord.Client(null, "");

        // Assert
        Assert.Null(field);
        Assert.Equal((null, null), SessionRecord.Client(field));
    }
}
