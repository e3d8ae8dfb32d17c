using SessionApp.Api.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds <see cref="RequestProblemsMiddleware"/>.</summary>
public static class RequestProblemsExtensions
{
    public static IApplicationBuilder UseRequestProblems(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<RequestProblemsMiddleware>();
    }
}
