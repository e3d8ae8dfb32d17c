using SessionApp.Web.Pages;

namespace SessionApp.Tests.Web;

/// <summary>How the pages word times, money and devices.</summary>
public sealed class PageTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, "just now")]
    [InlineData(90, "1 minute ago")]
    [InlineData(3600 * 3 + 60 * 5, "3 hours 5 minutes ago")]
    [InlineData(86400 * 2, "2 days ago")]
    public void Ago_PastMoments_ReadAsAPersonWouldSayThem(int secondsAgo, string expected)
    {
        // Arrange
        var moment = Now.AddSeconds(-secondsAgo);

        // Act
        var text = PageText.Ago(moment, Now);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Until_FutureAndPastMoments_InOrNow()
    {
        // Arrange, Act
        var future = PageText.Until(Now.AddMinutes(20), Now);
        var past = PageText.Until(Now.AddMinutes(-1), Now);

        // Assert
        Assert.Equal("in 20 minutes", future);
        Assert.Equal("now", past);
    }

    [Fact]
    public void Money_Amount_TwoDecimalsWithDollarSign()
    {
        // Arrange, Act
        var text = PageText.Money(13.2m);

        // Assert
        Assert.Equal("$13.20", text);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox on Windows")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36", "Headless Chrome on Linux")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1", "Safari on iPhone")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData(null, "Unknown device")]
    [InlineData("", "Unknown device")]
    public void Describe_UserAgent_ShortDeviceName(string? userAgent, string expected)
    {
        // Arrange, Act
        var name = DeviceNames.Describe(userAgent);

        // Assert
        Assert.Equal(expected, name);
    }
}
