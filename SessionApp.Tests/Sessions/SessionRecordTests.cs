using System.Text;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

/// <summary>The packed fields of a session record: <c>_m</c> (its numbers) and <c>_w</c> (IP address and user agent).</summary>
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

    [Fact]
    public void Metadata_FormattedThenParsed_GivesBackAllSixNumbers()
    {
        // Arrange
        var field = SessionRecord.FormatMetadata(1_700_000_000_123, 1_700_000_060_456, 1_700_086_400_123, 1_200_000, 4_096, 17);

        // Act
        var parsed = SessionRecord.TryParseMetadata(Encoding.ASCII.GetBytes(field), out var metadata);

        // Assert
        Assert.Equal("1700000000123:1700000060456:1700086400123:1200000:4096:17", field);
        Assert.True(parsed);
        Assert.Equal((1_700_000_000_123L, 1_700_000_060_456L, 1_700_086_400_123L, 1_200_000L, 4_096L, 17L), metadata);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1:2:3:4:5")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("1:2:3:4:5:")]
    [InlineData(":1:2:3:4:5")]
    [InlineData("1:2:-3:4:5:6")]
    [InlineData("1:2:+3:4:5:6")]
    [InlineData("1:2:3.5:4:5:6")]
    [InlineData("1:2:x:4:5:6")]
    [InlineData("1 :2:3:4:5:6")]
    [InlineData("99999999999999999999:2:3:4:5:6")]
    public void Metadata_NotSixColonSeparatedNumbers_IsRefused(string field)
    {
        // Act
        var parsed = SessionRecord.TryParseMetadata(Encoding.ASCII.GetBytes(field), out var metadata);

        // Assert
        Assert.False(parsed);
        Assert.Equal(default, metadata);
    }

    [Theory]
    [InlineData("alice", "203.0.113.7\nMozilla/5.0 (X11; Linux x86_64)")]
    [InlineData("a|b|12|c", "2001:db8::1\ncurl/8.5.0")]
    [InlineData("josé 张", null)]
    [InlineData(null, "127.0.0.1\n")]
    public void Owner_FollowingTheNumbers_GivesBackTheUserAndClientAndAllSixNumbers(string? userId, string? client)
    {
        // Arrange
        var field = SessionRecord.FormatMetadata(1_700_000_000_123, 1_700_000_060_456, 1_700_086_400_123, 1_200_000, 4_096, 17) + SessionRecord.FormatOwner(userId, client);

        // Act
        var parsed = SessionRecord.TryParseMetadataField(Encoding.UTF8.GetBytes(field), out var metadata, out var owner);

        // Assert
        Assert.True(parsed);
        Assert.Equal((1_700_000_000_123L, 1_700_000_060_456L, 1_700_086_400_123L, 1_200_000L, 4_096L, 17L), metadata);
        Assert.Equal((userId, client), owner);
    }

    [Fact]
    public void Owner_WithNeitherUserNorClient_AddsNothing_AndReadsAsNoOwner()
    {
        // Arrange
        var field = SessionRecord.FormatMetadata(1, 2, 3, 4, 5, 6) + SessionRecord.FormatOwner(null, null);

        // Act
        var parsed = SessionRecord.TryParseMetadataField(Encoding.ASCII.GetBytes(field), out _, out var owner);

        // Assert
        Assert.Equal("1:2:3:4:5:6", field);
        Assert.True(parsed);
        Assert.Null(owner);
    }

    [Theory]
    [InlineData("1:2:3:4:5:6|")]
    [InlineData("1:2:3:4:5:6||alice")]
    [InlineData("1:2:3:4:5:6|6|alice")]
    [InlineData("1:2:3:4:5:6|x|alice")]
    [InlineData("1:2:3:4:5:6|-1|alice")]
    [InlineData("1:2:3:4:5|5|alice")]
    public void Owner_Malformed_IsRefused(string field)
    {
        // Act
        var parsed = SessionRecord.TryParseMetadataField(Encoding.ASCII.GetBytes(field), out var metadata, out var owner);

        // Assert
        Assert.False(parsed);
        Assert.Equal(default, metadata);
        Assert.Null(owner);
    }
}
