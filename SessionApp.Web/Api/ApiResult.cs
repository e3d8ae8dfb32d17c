using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace SessionApp.Web.Api;

/// <summary>What an API call answered: a value on success, else the status and the problem.</summary>
/// <typeparam name="T">The success body's type.</typeparam>
public sealed class ApiResult<T>
{
    internal ApiResult(HttpStatusCode status, T value)
    {
        Status = status;
        Value = value;
    }

    internal ApiResult(HttpStatusCode status, ApiProblem problem)
    {
        Status = status;
        Problem = problem;
    }

    public HttpStatusCode Status { get; }

    public T? Value { get; }

    public ApiProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;
}
