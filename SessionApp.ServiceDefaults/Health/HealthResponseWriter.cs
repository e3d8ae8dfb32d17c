using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SessionApp.ServiceDefaults.Instance;

namespace SessionApp.ServiceDefaults.Health;

/// <summary>
/// Writes a small JSON body: the overall status, the instance name and each check's status.
/// Exception messages and descriptions stay in the logs; they can name hosts and are not for the outside.
/// </summary>
internal static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var instance = context.RequestServices.GetService<InstanceInfo>();

        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        if (instance is not null)
        {
            writer.WriteString("instance", instance.Name);
        }

        writer.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteString(name, entry.Status.ToString());
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
