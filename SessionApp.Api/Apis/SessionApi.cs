using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionApp.Api.Contracts;
using SessionApp.Api.Http;
using SessionApp.ServiceDefaults.Instance;

namespace SessionApp.Api.Apis;

/// <summary>The current session and its free-form items: <c>/api/session</c>.</summary>
public static partial class SessionApi
{
    /// <summary>Items are stored under this prefix, so no item key can clobber the cart or the sign-in ticket.</summary>
    public const string ItemPrefix = "items:";

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("api/session").WithTags("Session");

        api.MapGet("/", GetSession)
            .WithName("GetSession")
            .WithSummary("The current session: its opaque id, timestamps, expiry, user and the instance that answered.");
        api.MapGet("/items/{key}", GetItem)
            .WithName("GetSessionItem")
            .WithSummary("One item of the session, as the JSON value it was stored with.");
        api.MapPut("/items/{key}", PutItem)
            .WithName("PutSessionItem")
            .WithSummary("Stores any JSON value under the key (^[A-Za-z0-9._-]{1,64}$); 413 over the size limit.");
        api.MapDelete("/items/{key}", DeleteItem)
            .WithName("DeleteSessionItem")
            .WithSummary("Removes the item.");

        return app;
    }

    public static Ok<SessionResponse> GetSession(HttpContext context, InstanceInfo instance)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(instance);
        var metadata = context.GetServerSession().Metadata;
        return TypedResults.Ok(new SessionResponse(
            metadata.Handle,
            metadata.IsNew,
            metadata.CreatedAt,
            metadata.LastSeenAt,
            metadata.ExpiresAt,
            metadata.AbsoluteExpiresAt,
            (int)metadata.IdleTimeout.TotalSeconds,
            context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null,
            instance.Name));
    }

    public static Results<Ok<SessionItemResponse>, ValidationProblem, ProblemHttpResult> GetItem(string key, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsValidKey(key))
        {
            return InvalidKey();
        }

        if (!context.Session.TryGetValue(ItemPrefix + key, out var stored))
        {
            return ApiProblems.NotFound($"The session has no item '{key}'.");
        }

        return TypedResults.Ok(new SessionItemResponse(key, ToJson(stored)));
    }

    public static Results<NoContent, ValidationProblem> PutItem(string key, JsonElement value, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsValidKey(key))
        {
            return InvalidKey();
        }

        if (!JsonText.IsReadable(value))
        {
            return ApiProblems.Field("value", "The value must be JSON whose strings are valid UTF-8 text, without unpaired surrogates such as \\ud800.");
        }

        context.Session.Set(ItemPrefix + key, Encoding.UTF8.GetBytes(value.GetRawText()));
        return TypedResults.NoContent();
    }

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> DeleteItem(string key, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsValidKey(key))
        {
            return InvalidKey();
        }

        if (!context.Session.TryGetValue(ItemPrefix + key, out _))
        {
            return ApiProblems.NotFound($"The session has no item '{key}'.");
        }

        context.Session.Remove(ItemPrefix + key);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The stored JSON; a value something else wrote under the prefix that is not readable JSON (not JSON at all, or
    /// stored before unreadable text was refused) comes back as a string of its bytes, never as a 500.
    /// </summary>
    private static JsonElement ToJson(byte[] stored)
    {
        try
        {
            using var document = JsonDocument.Parse(stored);
            if (JsonText.IsReadable(document.RootElement))
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Not JSON: answered as a string below.
        }

        return JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(stored));
    }

    private static bool IsValidKey(string key) => KeyPattern().IsMatch(key);

    private static ValidationProblem InvalidKey() =>
        ApiProblems.Field("key", "The key must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
