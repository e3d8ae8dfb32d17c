using Microsoft.AspNetCore.Http.HttpResults;

namespace SessionApp.Benchmarks.Serving;

/// <summary>
/// The benchmark endpoints over <see cref="ISession"/>, shared by the engine and the built-in session so that
/// both run the very same handler code. It awaits <c>LoadAsync</c> first, the documented async pattern.
/// </summary>
internal static class SessionWorkApi
{
    public static IEndpointRouteBuilder MapSessionWorkApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/seed", Seed);
        app.MapGet("/work", Work);
        app.MapGet("/read", Read);
        app.MapGet("/state", State);
        return app;
    }

    /// <summary>Creates a session holding the three read keys; answers with its cookie.</summary>
    public static async Task<ContentHttpResult> Seed(HttpContext context, BenchmarkPayload payload, CancellationToken cancellationToken)
    {
        var session = context.Session;
        await session.LoadAsync(cancellationToken);
        foreach (var key in SessionValues.ReadKeys)
        {
            session.Set(key, payload.Seed(key));
        }

        return TypedResults.Text("seeded");
    }

    /// <summary>Reads keys a, b and c and writes the counter d.</summary>
    public static async Task<Results<ContentHttpResult, NotFound>> Work(HttpContext context, WorkCounter counter, BenchmarkPayload payload, CancellationToken cancellationToken)
    {
        var session = context.Session;
        await session.LoadAsync(cancellationToken);
        if (BytesRead(session) is not { } bytesRead)
        {
            return TypedResults.NotFound();
        }

        var number = counter.Next();
        session.Set(SessionValues.CounterKey, payload.Written(number));
        return TypedResults.Text(SessionValues.WorkResponse(bytesRead, number));
    }

    /// <summary>
    /// Reads keys a, b and c and changes nothing: the read-only endpoint. The engine writes nothing back (no
    /// commit; its sliding touch runs on its own schedule); the built-in session refreshes the entry's expiry.
    /// </summary>
    public static async Task<Results<ContentHttpResult, NotFound>> Read(HttpContext context, CancellationToken cancellationToken)
    {
        var session = context.Session;
        await session.LoadAsync(cancellationToken);
        if (BytesRead(session) is not { } bytesRead)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Text(SessionValues.ReadResponse(bytesRead));
    }

    /// <summary>How many bytes the session's a, b and c hold; null when one of them is missing.</summary>
    private static int? BytesRead(ISession session)
    {
        var bytesRead = 0;
        var keys = SessionValues.ReadKeys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (!session.TryGetValue(keys[i], out var value))
            {
                return null;
            }

            bytesRead += value.Length;
        }

        return bytesRead;
    }

    /// <summary>Describes the session's four keys; for the correctness test, never measured.</summary>
    public static async Task<ContentHttpResult> State(HttpContext context, CancellationToken cancellationToken)
    {
        var session = context.Session;
        await session.LoadAsync(cancellationToken);
        var reads = SessionValues.ReadKeys.Select(key => session.TryGetValue(key, out var value) ? value : null).ToList();
        session.TryGetValue(SessionValues.CounterKey, out var counter);
        return TypedResults.Text(SessionValues.State(reads, counter));
    }
}
