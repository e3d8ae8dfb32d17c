using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SessionApp.Sessions.Http;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// The middleware reads the session cookie straight from the Cookie header; whatever the header holds, it must find
/// the value ASP.NET Core's own parser (<c>Request.Cookies</c>) finds.
/// </summary>
public sealed class SessionCookieHeaderTests
{
    private const string Name = "sessionapp.sid";

    [Theory]
    [InlineData("sessionapp.sid=abc")]
    [InlineData("other=1; sessionapp.sid=abc; third=x")]
    [InlineData("  sessionapp.sid=abc ;  ")]
    [InlineData("a=1,sessionapp.sid=abc;;b=2")]
    [InlineData("a=1;;b=2; sessionapp.sid=abc")]
    [InlineData("sessionapp.sid=abc, other=1")]
    [InlineData("sessionapp.sid=first; sessionapp.sid=second")]
    [InlineData("SessionApp.SID=upper; sessionapp.sid=lower")]
    [InlineData("sessionapp.sid=abc; sessionapp.sid=")]
    [InlineData("sessionapp.sid=")]
    [InlineData("sessionapp.sid=\"quoted\"")]
    [InlineData("sessionapp.sid=a%2Db")]
    [InlineData("sessionapp.sid=a b")]
    [InlineData("broken; sessionapp.sid=abc")]
    [InlineData("sessionapp.sid=abc; =x")]
    [InlineData("x=\"unclosed; sessionapp.sid=abc")]
    [InlineData("sessionapp.sid=a=b")]
    [InlineData("other=1")]
    [InlineData("")]
    public void Read_AnyHeader_FindsWhatRequestCookiesFinds(string header)
    {
        // Arrange
        var expected = WithCookieHeader(header).Request.Cookies[Name];
        var context = WithCookieHeader(header);

        // Act
        var value = SessionCookies.Read(context, Name);

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Read_TwoCookieHeaders_FindsWhatRequestCookiesFinds()
    {
        // Arrange
        var expected = WithCookieHeader("sessionapp.sid=one", "sessionapp.sid=two").Request.Cookies[Name];
        var context = WithCookieHeader("sessionapp.sid=one", "sessionapp.sid=two");

        // Act
        var value = SessionCookies.Read(context, Name);

        // Assert
        Assert.Equal("two", expected);
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Read_CookiesReplacedByAnotherFeature_ReadsThoseCookies()
    {
        // Arrange: a middleware earlier in the pipeline put its own cookie feature in place
        var context = WithCookieHeader("sessionapp.sid=from-header");
        var cookies = WithCookieHeader("sessionapp.sid=from-feature").Request.Cookies;
        context.Features.Set<IRequestCookiesFeature>(new RequestCookiesFeature(cookies));

        // Act
        var value = SessionCookies.Read(context, Name);

        // Assert
        Assert.Equal("from-feature", value);
    }

    private static DefaultHttpContext WithCookieHeader(params string[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = headers;
        return context;
    }
}
