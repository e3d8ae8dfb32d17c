namespace SessionApp.Aws;

/// <summary>A path rule of the load balancer: requests whose path matches go to <paramref name="Service"/>.</summary>
/// <param name="PathPattern">An ALB path pattern, e.g. <c>/api/*</c>; <c>/*</c> makes this the default action.</param>
/// <param name="Service">The name of the <see cref="AwsService"/> that serves it.</param>
public sealed record AwsRoute(string PathPattern, string Service)
{
    /// <summary>The ALB pattern that matches every path: the listener's default action.</summary>
    public const string CatchAll = "/*";

    /// <summary>Whether this route is the listener's default action.</summary>
    public bool IsDefault => PathPattern == CatchAll;

    /// <summary>
    /// A route from a YARP route template, as the AppHost's gateway declares it: <c>/api/{**catch-all}</c> becomes
    /// <c>/api/*</c> and <c>/{**catch-all}</c> becomes <c>/*</c>.
    /// </summary>
    /// <param name="template">The route template.</param>
    /// <param name="service">The service that serves it.</param>
    /// <returns>The route.</returns>
    public static AwsRoute FromRouteTemplate(string template, string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        var start = template.IndexOf('{', StringComparison.Ordinal);
        if (start >= 0 && template.IndexOf("{**", StringComparison.Ordinal) != start)
        {
            throw new ArgumentException($"Route template '{template}' has a route parameter other than a trailing catch-all; an ALB path pattern cannot express it.", nameof(template));
        }

        var pattern = start < 0 ? template : template[..start] + "*";
        return new AwsRoute(pattern, service);
    }
}
