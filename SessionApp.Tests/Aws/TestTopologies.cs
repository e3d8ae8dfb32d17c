using SessionApp.Aws;

namespace SessionApp.Tests.Aws;

/// <summary>The topology the AppHost describes (sessions, api, web, the gateway's two routes), as the publish step hands it over.</summary>
internal static class TestTopologies
{
    public static AwsTopology SessionApp(params AwsService[] extraServices) => SessionApp("production", extraServices);

    /// <summary>The same topology published to another environment (e.g. <c>staging</c>, which gets the small preset).</summary>
    public static AwsTopology SessionApp(string environment, params AwsService[] extraServices) => new(
        environment,
        new AwsSessionStore("sessions", "sessionapp"),
        [
            new AwsService("api", 2, 8080, "/alive", ["sessions"]),
            new AwsService("web", 3, 8080, "/alive", ["sessions", "api"]),
            .. extraServices,
        ],
        [
            AwsRoute.FromRouteTemplate("/api/{**catch-all}", "api"),
            AwsRoute.FromRouteTemplate("/{**catch-all}", "web"),
        ]);
}
