using SessionApp.Aws;

namespace SessionApp.Tests.Aws;

/// <summary>The topology the AppHost describes (sessions, api, web, the gateway's two routes), as the publish step hands it over.</summary>
internal static class TestTopologies
{
    public static AwsTopology SessionApp(params AwsService[] extraServices) => new(
        "production",
        new AwsSessionStore("sessions", "sessionapp"),
        [
            new AwsService("api", 2, 8080, "/health", "/alive", ["sessions"]),
            new AwsService("web", 3, 8080, "/health", "/alive", ["sessions", "api"]),
            .. extraServices,
        ],
        [
            AwsRoute.FromRouteTemplate("/api/{**catch-all}", "api"),
            AwsRoute.FromRouteTemplate("/{**catch-all}", "web"),
        ]);
}
