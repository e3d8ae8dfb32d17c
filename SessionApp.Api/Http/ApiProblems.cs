using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SessionApp.Api.Http;

/// <summary>The API's RFC 9457 problem details, in one place so every endpoint words them alike.</summary>
public static class ApiProblems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");

    /// <summary>Writes a problem outside an endpoint (middleware, authentication events).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        WriteAsync(context, new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>Writes a request the API cannot read: a validation problem naming the field when one is known.</summary>
    public static Task WriteAsync(HttpContext context, RequestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return WriteAsync(context, problem.Field is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [problem.Detail] }) { Status = problem.Status, Title = problem.Title, Detail = problem.Detail }
            : new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail });
    }

    private static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await TypedResults.Problem(problem).ExecuteAsync(context);
        }
    }
}
