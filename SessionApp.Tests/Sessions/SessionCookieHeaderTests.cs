using Microsoft.AspNetCore.Http;
using SessionApp.Sessions.Http;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// The middleware reads the session cookie straight from the Cookie header: a cookie named exactly once is the value
/// ASP.NET Core's own parser (<c>Request.Cookies</c>) finds, however the header is formed; a name in another case is
/// another cookie, and the exact name sent twice with a value is refused, where <c>Request.Cookies</c> ignores case and
/// keeps the last. (A comma right after a value makes the framework's parser drop the pairs around it: then neither
/// finds the cookie.)
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
    [InlineData("sessionapp.sid=first, sessionapp.sid=second")]
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
    public void TryRead_NameOnceInAnyHeader_FindsWhatRequestCookiesFinds(string header)
    {
        // Arrange
        var expected = WithCookieHeader(header).Request.Cookies[Name];
        var context = WithCookieHeader(header);

        // Act
        var unambiguous = SessionCookies.TryRead(context, Name, out var value);

        // Assert
        Assert.True(unambiguous);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("SessionApp.SID=upper")]
    [InlineData("SESSIONAPP.SID=upper; other=1")]
    [InlineData("sessionapp.SID=\"quoted\"")]
    [InlineData("Sessionapp.sid=upper, other=1")]
    public void TryRead_NameInAnotherCase_FindsNothing(string header)
    {
        // Arrange
        var context = WithCookieHeader(header);

        // Act
        var unambiguous = SessionCookies.TryRead(context, Name, out var value);

        // Assert
        Assert.True(unambiguous);
        Assert.Null(value);
    }

    [Theory]
    [InlineData("SessionApp.SID=upper; sessionapp.sid=lower")]
    [InlineData("sessionapp.sid=lower; SessionApp.SID=upper")]
    public void TryRead_ExactNameBesideAnotherCase_FindsTheExactOne(string header)
    {
        // Arrange
        var context = WithCookieHeader(header);

        // Act
        var unambiguous = SessionCookies.TryRead(context, Name, out var value);

        // Assert
        Assert.True(unambiguous);
        Assert.Equal("lower", value);
    }

    [Theory]
    [InlineData("sessionapp.sid=first; sessionapp.sid=second")]
    [InlineData("sessionapp.sid=same; sessionapp.sid=same")]
    [InlineData("sessionapp.sid=\"first\"; sessionapp.sid=second")]
    [InlineData("sessionapp.sid=a%2Db; other=1; sessionapp.sid=second")]
    public void TryRead_ExactNameTwice_IsAmbiguous(string header)
    {
        // Arrange
        var context = WithCookieHeader(header);

        // Act
        var unambiguous = SessionCookies.TryRead(context, Name, out _);

        // Assert
        Assert.False(unambiguous);
    }

    [Fact]
    public void TryRead_ExactNameInTwoCookieHeaders_IsAmbiguous()
    {
        // Arrange
        var context = WithCookieHeader("sessionapp.sid=one", "sessionapp.sid=two");

        // Act
        var unambiguous = SessionCookies.TryRead(context, Name, out _);

        // Assert
        Assert.False(unambiguous);
    }

    [Fact]
    public void TryRead_CookieCollectionAlreadyBuilt_StillMatchesTheExactName()
    {
        // Arrange: something earlier in the pipeline read Request.Cookies, which matches ignoring case
        var context = WithCookieHeader("SessionApp.SID=tossed");
        _ = context.Request.Cookies[Name];

        // Act
        var unambiguous = SessionCookies.TryRead(context, Name, out var value);

        // Assert
        Assert.True(unambiguous);
        Assert.Null(value);
    }

    private static DefaultHttpContext WithCookieHeader(params string[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = headers;
        return context;
    }
}
