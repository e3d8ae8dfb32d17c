using System.Buffers;
using System.IO.Pipelines;

namespace SessionApp.Sessions.Http;

/// <summary>
/// The response's <see cref="PipeWriter"/> in front of the server's. While the session has changes to commit, bytes
/// written are held in a pooled buffer of its own, not the server's (which would send them after any status,
/// a 503's included); the first flush, write or completion commits (<see cref="SessionResponseBody.BeforeStartAsync"/>)
/// and then passes them on. With nothing to commit it passes everything straight through.
/// </summary>
internal sealed class SessionResponseWriter(SessionResponseBody body, PipeWriter inner) : PipeWriter
{
    private const int MinimumHeldBytes = 4096;

    private byte[]? _held;
    private int _heldLength;

    // Whether the memory last handed out is the held buffer, so Advance counts into the right place.
    private bool _lentHeld;

    /// <summary>Whether bytes were written to the server's writer directly (the session had no changes then).</summary>
    public bool PassedBytesOn { get; private set; }

    /// <summary>Whether bytes are held for a commit.</summary>
    public bool IsHolding => _held is not null;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes + _heldLength;

    public override Memory<byte> GetMemory(int sizeHint = 0) =>
        Hold(sizeHint) ? _held.AsMemory(_heldLength) : inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) =>
        Hold(sizeHint) ? _held.AsSpan(_heldLength) : inner.GetSpan(sizeHint);

    public override void Advance(int bytes)
    {
        if (_lentHeld)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bytes);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, _held!.Length - _heldLength);
            _heldLength += bytes;
            return;
        }

        inner.Advance(bytes);
        PassedBytesOn |= bytes > 0;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        // Nothing to wait for (the usual case once the commit ran, and always for a request that changed nothing):
        // straight to the server, with no frame of this writer's own.
        var before = body.BeforeStartAsync();
        return before.IsCompletedSuccessfully ? inner.FlushAsync(cancellationToken) : FlushAfterAsync(before, cancellationToken);
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        var before = body.BeforeStartAsync();
        return before.IsCompletedSuccessfully ? inner.WriteAsync(source, cancellationToken) : WriteAfterAsync(before, source, cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        if (exception is null)
        {
            body.BeforeStartAsync().AsTask().GetAwaiter().GetResult();
        }
        else
        {
            DropHeld();
        }

        inner.Complete(exception);
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        if (exception is null)
        {
            await body.BeforeStartAsync();
        }
        else
        {
            DropHeld();
        }

        await inner.CompleteAsync(exception);
    }

    private async ValueTask<FlushResult> FlushAfterAsync(ValueTask before, CancellationToken cancellationToken)
    {
        await before;
        return await inner.FlushAsync(cancellationToken);
    }

    private async ValueTask<FlushResult> WriteAfterAsync(ValueTask before, ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        await before;
        return await inner.WriteAsync(source, cancellationToken);
    }

    /// <summary>Writes the held bytes to the server's writer (unflushed, as the handler left them) and stops holding.</summary>
    internal void PassOnHeld()
    {
        if (_held is null)
        {
            return;
        }

        if (_heldLength > 0)
        {
            inner.Write(_held.AsSpan(0, _heldLength));
            PassedBytesOn = true;
        }

        DropHeld();
    }

    /// <summary>Forgets the held bytes (the commit failed: they describe a success that was not saved).</summary>
    internal void DropHeld()
    {
        if (_held is { } held)
        {
            (_held, _heldLength, _lentHeld) = (null, 0, false);
            ArrayPool<byte>.Shared.Return(held);
        }
    }

    /// <summary>Whether the next bytes go into the held buffer (grown to take <paramref name="sizeHint"/> more) rather than the server's.</summary>
    private bool Hold(int sizeHint)
    {
        if (body.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        _lentHeld = _held is not null || body.MustHold;
        if (!_lentHeld)
        {
            return false;
        }

        var needed = _heldLength + Math.Max(sizeHint, 1);
        if (_held is null || _held.Length < needed)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(MinimumHeldBytes, (_held?.Length ?? 0) * 2)));
            if (_held is not null)
            {
                _held.AsSpan(0, _heldLength).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_held);
            }

            _held = grown;
        }

        return true;
    }
}
