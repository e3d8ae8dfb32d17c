using Microsoft.AspNetCore.Http;
using SessionApp.Web.Api;

namespace SessionApp.Tests.Web;

/// <summary>The cookies a Web request forwards to the API: the browser's, kept raw, as later changed by the API's Set-Cookie answers.</summary>
public sealed class ApiCookieJarTests
{
    [Fact]
    public void ToHeader_BrowserCookies_ForwardedRawInOrder()
    {
        // Arrange
        var context = Context("sessionapp.sid=abc%2Bdef; sessionapp.auth=CfDJ8x_y-z; .AspNetCore.Antiforgery.k=t1");

        // Act
        var header = ApiCookieJar.For(context).ToHeader();

        // Assert
        Assert.Equal("sessionapp.sid=abc%2Bdef; sessionapp.auth=CfDJ8x_y-z; .AspNetCore.Antiforgery.k=t1", header);
    }

    [Fact]
    public void Apply_RotatedSessionCookie_ReplacesTheOldValue()
    {
        // Arrange
        var context = Context("sessionapp.sid=old; other=1");
        var jar = ApiCookieJar.For(context);

        // Act
        jar.Apply("sessionapp.sid=new; path=/; samesite=lax; httponly");

        // Assert
        Assert.Equal("other=1; sessionapp.sid=new", ApiCookieJar.For(context).ToHeader());
    }

    [Theory]
    [InlineData("sessionapp.auth=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/")]
    [InlineData("sessionapp.auth=gone; max-age=0; path=/")]
    public void Apply_DeletedCookie_NoLongerForwarded(string setCookie)
    {
        // Arrange
        var context = Context("sessionapp.auth=ticket; sessionapp.sid=s");
        var jar = ApiCookieJar.For(context);

        // Act
        jar.Apply(setCookie);

        // Assert
        Assert.Equal("sessionapp.sid=s", jar.ToHeader());
    }

    [Fact]
    public void ToHeader_NoCookies_IsNull()
    {
        // Arrange
        var context = new DefaultHttpContext();

        // Act
        var header = ApiCookieJar.For(context).ToHeader();

        // Assert
        Assert.Null(header);
    }

    private static DefaultHttpContext Context(string cookieHeader)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = cookieHeader;
        return context;
    }
}
