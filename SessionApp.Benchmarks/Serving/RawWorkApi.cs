using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using StackExchange.Redis;

namespace SessionApp.Benchmarks.Serving;

/// <summary>
/// The benchmark endpoints written by hand on StackExchange.Redis: the session is one hash, a /work request is
/// one HMGET and one HSET, a /read request one HMGET. No expiry, no concurrency control, no encryption: the practical limit of a
/// two-round-trip request, not a session implementation.
/// </summary>
internal static class RawWorkApi
{
    public const string CookieName = "raw.sid";

    private static readonly RedisValue[] ReadFields = [.. SessionValues.ReadKeys.Select(static key => (RedisValue)key)];

    private static readonly RedisValue[] AllFields = [.. ReadFields, SessionValues.CounterKey];

    public static IEndpointRouteBuilder MapRawWorkApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/seed", Seed);
        app.MapGet("/work", Work);
        app.MapGet("/read", Read);
        app.MapGet("/state", State);
        return app;
    }

    public static async Task<ContentHttpResult> Seed(HttpContext context, IConnectionMultiplexer redis, BenchmarkPayload payload)
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var entries = SessionValues.ReadKeys.Select(key => new HashEntry(key, payload.Seed(key))).ToArray();
        await redis.GetDatabase().HashSetAsync(Key(id), entries);
        context.Response.Cookies.Append(CookieName, id, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        return TypedResults.Text("seeded");
    }

    public static async Task<Results<ContentHttpResult, NotFound>> Work(HttpContext context, IConnectionMultiplexer redis, WorkCounter counter, BenchmarkPayload payload)
    {
        var id = context.Request.Cookies[CookieName];
        if (id is null)
        {
            return TypedResults.NotFound();
        }

        var database = redis.GetDatabase();
        var key = Key(id);
        if (BytesRead(await database.HashGetAsync(key, ReadFields)) is not { } bytesRead)
        {
            return TypedResults.NotFound();
        }

        var number = counter.Next();
        await database.HashSetAsync(key, SessionValues.CounterKey, payload.Written(number));
        return TypedResults.Text(SessionValues.WorkResponse(bytesRead, number));
    }

    /// <summary>The read-only endpoint: one HMGET of a, b and c.</summary>
    public static async Task<Results<ContentHttpResult, NotFound>> Read(HttpContext context, IConnectionMultiplexer redis)
    {
        var id = context.Request.Cookies[CookieName];
        if (id is null)
        {
            return TypedResults.NotFound();
        }

        if (BytesRead(await redis.GetDatabase().HashGetAsync(Key(id), ReadFields)) is not { } bytesRead)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Text(SessionValues.ReadResponse(bytesRead));
    }

    /// <summary>How many bytes a, b and c hold; null when one of them is missing.</summary>
    private static int? BytesRead(RedisValue[] values)
    {
        var bytesRead = 0;
        foreach (var value in values)
        {
            if (value.IsNull)
            {
                return null;
            }

            bytesRead += (int)value.Length();
        }

        return bytesRead;
    }

    public static async Task<ContentHttpResult> State(HttpContext context, IConnectionMultiplexer redis)
    {
        var id = context.Request.Cookies[CookieName];
        var values = id is null ? new RedisValue[AllFields.Length] : await redis.GetDatabase().HashGetAsync(Key(id), AllFields);
        var reads = values.Take(ReadFields.Length).Select(static value => value.IsNull ? null : (byte[]?)value).ToList();
        return TypedResults.Text(SessionValues.State(reads, values[^1].IsNull ? null : (byte[]?)values[^1]));
    }

    private static RedisKey Key(string id) => "raw:" + id;
}
