using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Sessions;

/// <summary>
/// The session's id and its life: whether the response must issue the id (cookie, and the session header when one
/// is configured) or withdraw a stale one, and rotation, binding to a user and revocation.
/// </summary>
internal sealed partial class RedisSession
{
    /// <summary>The secret id itself, which only the cookie or header that carries it to the client may hold.</summary>
    internal string SecretId { get; private set; }

    /// <summary>Whether the response must issue <see cref="SecretId"/>: a new session with data, or a rotated one.</summary>
    internal bool MustIssueId { get; private set; }

    /// <summary>
    /// Whether the response must withdraw the id the request presented (delete the cookie, or send the header
    /// empty): it names no live session, and no new id replaces it.
    /// </summary>
    internal bool MustWithdrawStaleId { get; private set; }

    /// <summary>
    /// A rotation under this request moved the stored session (and its user's index entry) to <see cref="SecretId"/>.
    /// </summary>
    private bool _moved;

    public async Task RegenerateIdAsync(CancellationToken cancellationToken = default)
    {
        if (HasChanges && !IsNew)
        {
            await CommitAsync(cancellationToken);
        }

        if (IsNew)
        {
            // An earlier create whose outcome is unknown stays behind under the old id, to expire unseen.
            SecretId = SessionIds.NewId();
            _record.Handle = SessionIds.ToHandle(SecretId);
            _createMayHaveRun = false;
            MustIssueId = HasChanges;
            return;
        }

        var oldHandle = Handle;
        using var activity = SessionTelemetry.StartActivity("rotate", oldHandle);
        var taken = await _engine.Store.TakeAsync(oldHandle, cancellationToken);
        var newId = SessionIds.NewId();
        if (taken is not null)
        {
            taken.Handle = SessionIds.ToHandle(newId);
            if (!await _engine.Store.PutAsync(taken, cancellationToken))
            {
                taken = null;
            }
        }

        if (taken is null)
        {
            activity?.SetTag("session.result", "ended");
            BecomeNew();
            return;
        }

        if (taken.UserId is not null)
        {
            await _engine.Users.ReplaceAsync(taken.UserId, oldHandle, taken.Handle, taken.CreatedMs, cancellationToken);
        }

        // The session now lives under the new id only: from here on the response hands it out, failure or not.
        _record = taken;
        SecretId = newId;
        MustIssueId = true;
        MustWithdrawStaleId = false;
        _moved = true;

        var keys = _engine.Store.Keys;
        await _engine.Store.ConfirmAsync(
            "rotate",
            identity: true,
            taken.UserId is null ? [keys.Session(oldHandle), keys.Session(taken.Handle)] : [keys.Session(oldHandle), keys.Session(taken.Handle), keys.User(taken.UserId)],
            cancellationToken);

        SessionTelemetry.Rotations.Add(1);
        Log.Rotated(_engine.Logger, SessionTelemetry.ShortHandle(oldHandle), SessionTelemetry.ShortHandle(taken.Handle));
    }

    public async Task BindUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var previous = _record.UserId;
        var wasNew = IsNew;
        _identityPending = (_identityPending ?? IdentityChanges.None) with
        {
            UserId = IdentityChange<string>.To(userId),
            Client = IdentityChange<SessionClient>.To(new(_client.IpAddress, _client.UserAgent)),
        };
        MarkChanged();
        await CommitAsync(cancellationToken);
        if (IsNew)
        {
            // The session ended under this request; bind the fresh one that replaced it.
            if (wasNew)
            {
                throw new InvalidOperationException("A new session could not be created.");
            }

            await BindUserAsync(userId, cancellationToken);
            return;
        }

        if (previous is not null && previous != userId)
        {
            await _engine.Users.RemoveAsync(previous, Handle, cancellationToken);
        }

        var evicted = await _engine.Users.AddAsync(userId, Handle, _record.CreatedMs, cancellationToken);
        Log.Bound(_engine.Logger, SessionTelemetry.ShortHandle(Handle), evicted);
    }

    public async Task RevokeAsync(CancellationToken cancellationToken = default)
    {
        if (!IsNew || _createMayHaveRun)
        {
            using var activity = SessionTelemetry.StartActivity("revoke", Handle);
            await _engine.Store.DeleteAsync(Handle, cancellationToken);
            if (UserId is not null)
            {
                await _engine.Users.RemoveAsync(UserId, Handle, cancellationToken);
            }

            await _engine.Store.ConfirmAsync("revoke", identity: true, [_engine.Store.Keys.Session(Handle)], cancellationToken);

            SessionTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("reason", "self"));
        }

        BecomeNew();
    }

    /// <summary>The id the request presented names no live session: the response withdraws it.</summary>
    internal void WithdrawStaleId() => MustWithdrawStaleId = true;

    /// <summary>
    /// After a failed request: leave the client's id (cookie or header) as it was, unless a rotation under this
    /// request has moved the session to a new id already (its old id names nothing now, even when the failure was the
    /// replica's acknowledgement of that very move): then the response still hands out the new one.
    /// </summary>
    internal void KeepIdAsItWas()
    {
        MustIssueId = _moved;
        MustWithdrawStaleId = false;
    }

    /// <summary>A change to a new session: the response must issue its id.</summary>
    private void MarkChanged()
    {
        if (IsNew)
        {
            MustIssueId = true;
        }
    }

    /// <summary>The session ended under this request: carry on with a fresh, empty one, and withdraw the old id.</summary>
    private void BecomeNew()
    {
        DiscardChanges();
        SecretId = SessionIds.NewId();
        _record = NewRecord(_engine, SessionIds.ToHandle(SecretId));
        IsNew = true;
        _createMayHaveRun = false;
        _moved = false;
        MustIssueId = false;
        MustWithdrawStaleId = true;
    }
}
