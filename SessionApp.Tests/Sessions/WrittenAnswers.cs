using System.Text;
using Microsoft.AspNetCore.Http;
using SessionApp.Sessions;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// The ways a handler writes its answer after changing the session, each a different path to the response's start:
/// ASP.NET Core's JSON writer, the body stream, an early flush, bytes left unflushed in the body writer, a body
/// larger than one buffer, and a handler that swallows the failure its write is given and carries on.
/// </summary>
internal static class WrittenAnswers
{
    public const int LargeBytes = 100_000;

    public static async Task WriteAsync(HttpResponse response, string how, string answer)
    {
        switch (how)
        {
            case "json":
                await response.WriteAsJsonAsync(new { answer });
                break;
            case "stream":
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer));
                break;
            case "flush":
                await response.WriteAsync(answer);
                await response.Body.FlushAsync();
                await response.WriteAsync(" and more");
                break;
            case "start":
                await response.StartAsync();
                await response.WriteAsync(answer);
                break;
            case "unflushed":
                var bytes = Encoding.UTF8.GetBytes(answer);
                bytes.CopyTo(response.BodyWriter.GetSpan(bytes.Length));
                response.BodyWriter.Advance(bytes.Length);
                break;
            case "large":
                for (var written = 0; written < LargeBytes; written += 1000)
                {
                    response.BodyWriter.GetSpan(1000)[..1000].Fill((byte)'x');
                    response.BodyWriter.Advance(1000);
                }

                await response.BodyWriter.FlushAsync();
                break;
            case "swallowed":
                await SwallowAsync(response.WriteAsync(answer));
                await SwallowAsync(response.WriteAsync(" all the same"));
                break;
            case "streamed":
                await response.WriteAsync(answer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, "No such way to write.");
        }
    }

    private static async Task SwallowAsync(Task write)
    {
        try
        {
            await write;
        }
        catch (SessionStoreUnavailableException)
        {
            // A handler that does not let the failure through: the middleware must still not let it answer a success.
        }
    }
}
