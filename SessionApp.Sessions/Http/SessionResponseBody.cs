using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SessionApp.Sessions.Http;

/// <summary>
/// The response body in front of the server's while the session has changes to commit: the response's start is
/// held until the commit answers, so a commit that fails leaves the response unstarted and the middleware answers
/// 503 (or 413) rather than resetting the connection. A write or flush through <see cref="Stream"/>, and
/// <see cref="StartAsync"/>, <see cref="SendFileAsync"/> and <see cref="CompleteAsync"/>, commit first; bytes
/// written to <see cref="Writer"/> while there are changes are held until it flushes (<see cref="SessionResponseWriter"/>).
/// A failed commit is kept in <see cref="Failure"/> and thrown to the handler, and to every later write, so a
/// handler that catches it cannot go on to send a success. Bytes the handler put in the server's own writer before
/// changing the session are already in the server's hands: for them the commit runs as the response starts
/// (<see cref="SessionResponse"/>) and a failure there still aborts the response.
/// </summary>
internal sealed class SessionResponseBody : Stream, IHttpResponseBodyFeature
{
    private readonly HttpContext _context;
    private readonly RedisSession _session;
    private readonly IHttpResponseBodyFeature _inner;

    // Made on first use: a response without a body, or one written through the stream, needs none.
    private SessionResponseWriter? _writer;

    public SessionResponseBody(HttpContext context, RedisSession session, IHttpResponseBodyFeature inner)
    {
        _context = context;
        _session = session;
        _inner = inner;
    }

    /// <summary>The server's body, which this one stands in front of and which the middleware puts back.</summary>
    public IHttpResponseBodyFeature Inner => _inner;

    /// <summary>The commit failure that held the response back, if there was one.</summary>
    public Exception? Failure { get; private set; }

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => _writer ??= new SessionResponseWriter(this, _inner.Writer);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Whether bytes written now must wait for a commit: the session has changes, the response has not started, and
    /// none of the body is in the server's hands yet.
    /// </summary>
    internal bool MustHold => _session.HasChanges && !_context.Response.HasStarted && _writer is not { PassedBytesOn: true };

    /// <summary>
    /// Commits the session's changes if the response's start must wait for them, then passes on the bytes held so
    /// far; throws the commit's failure, and keeps it for every later write.
    /// </summary>
    internal ValueTask BeforeStartAsync()
    {
        if (Failure is not null)
        {
            ExceptionDispatchInfo.Throw(Failure);
        }

        if (!MustHold)
        {
            _writer?.PassOnHeld();
            return default;
        }

        return CommitThenPassOnAsync();
    }

    public void DisableBuffering() => _inner.DisableBuffering();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await BeforeStartAsync();
        await _inner.StartAsync(cancellationToken);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await BeforeStartAsync();
        await _inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    public async Task CompleteAsync()
    {
        await BeforeStartAsync();
        await _inner.CompleteAsync();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var before = BeforeStartAsync();
        return before.IsCompletedSuccessfully ? _inner.Stream.WriteAsync(buffer, cancellationToken) : WriteAfterAsync(before, buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await BeforeStartAsync();
        await _inner.Stream.FlushAsync(cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Synchronous writes are the server's choice to allow (AllowSynchronousIO); the commit is waited for as they are.
        BeforeStartAsync().AsTask().GetAwaiter().GetResult();
        _inner.Stream.Write(buffer);
    }

    public override void Flush()
    {
        BeforeStartAsync().AsTask().GetAwaiter().GetResult();
        _inner.Stream.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask WriteAfterAsync(ValueTask before, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        await before;
        await _inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    private async ValueTask CommitThenPassOnAsync()
    {
        try
        {
            // As the response's start would (SessionResponse): even when the client has gone, under the store's budget.
            await _session.CommitPendingAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is SessionLimitExceededException or SessionStoreUnavailableException)
        {
            Failure = ex;
            _writer?.DropHeld();
            throw;
        }

        _writer?.PassOnHeld();
    }
}
