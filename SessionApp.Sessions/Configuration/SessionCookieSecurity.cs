namespace SessionApp.Sessions.Configuration;

/// <summary>When the session cookie carries the Secure flag.</summary>
public enum SessionCookieSecurity
{
    /// <summary>Secure always, except for plain-http requests from a loopback address.</summary>
    SecureExceptLoopbackHttp,

    /// <summary>Secure always; a plain-http site cannot hold a session.</summary>
    Always,

    /// <summary>Secure when the request came over https (as the load balancer reports it).</summary>
    SameAsRequest,
}
