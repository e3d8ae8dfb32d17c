using System.Net;
using System.Text;

namespace SessionApp.Tests.Api;

/// <summary>A JSON body sent without Content-Length (chunked), so only the server's body size limit can stop it.</summary>
internal sealed class ChunkedJsonContent : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedJsonContent(string json)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        try
        {
            await stream.WriteAsync(_bytes);
        }
        catch (HttpRequestException)
        {
            // The server may answer 413 and close before the whole body is sent.
        }
        catch (IOException)
        {
            // As above.
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
