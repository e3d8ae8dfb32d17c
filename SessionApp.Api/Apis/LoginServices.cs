using SessionApp.ServiceDefaults.SignIn;
using SessionApp.Api.Auth;
using SessionApp.Api.Users;
using SessionApp.ServiceDefaults.Instance;

namespace SessionApp.Api.Apis;

/// <summary>What the sign-in endpoints need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class LoginServices(HttpContext context, UserStore users, LoginThrottle throttle, InstanceInfo instance, AuditTrail audit)
{
    public HttpContext Context { get; } = context;

    public UserStore Users { get; } = users;

    public LoginThrottle Throttle { get; } = throttle;

    public InstanceInfo Instance { get; } = instance;

    public AuditTrail Audit { get; } = audit;
}
