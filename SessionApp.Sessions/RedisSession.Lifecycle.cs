using System.Text;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;

namespace SessionApp.Sessions;

/// <summary>Committing, rotating, binding and revoking.</summary>
internal sealed partial class RedisSession
{
    public async Task RegenerateIdAsync(CancellationToken cancellationToken = default)
    {
        if (HasChanges && !IsNew)
        {
            await CommitAsync(cancellationToken);
        }

        if (IsNew)
        {
            CookieId = SessionIds.NewId();
            _record.Handle = SessionIds.ToHandle(CookieId);
            CookieNeedsIssuing = HasChanges;
            return;
        }

        var oldHandle = Id;
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

        _record = taken;
        _decoded?.Clear();
        CookieId = newId;
        CookieNeedsIssuing = true;
        CookieNeedsDeleting = false;
        SessionTelemetry.Rotations.Add(1);
        Log.Rotated(_engine.Logger, SessionTelemetry.ShortHandle(oldHandle), SessionTelemetry.ShortHandle(taken.Handle));
    }

    public async Task BindUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var previous = _record.UserId;
        var wasNew = IsNew;
        SetMetadata("_u", userId);
        SetMetadata("_w", SessionRecord.Client(_client.IpAddress, _client.UserAgent));
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
            await _engine.Users.RemoveAsync(previous, Id, cancellationToken);
        }

        var evicted = await _engine.Users.AddAsync(userId, Id, _record.CreatedMs, cancellationToken);
        Log.Bound(_engine.Logger, SessionTelemetry.ShortHandle(Id), evicted);
    }

    public async Task RevokeAsync(CancellationToken cancellationToken = default)
    {
        if (!IsNew)
        {
            using var activity = SessionTelemetry.StartActivity("revoke", Id);
            await _engine.Store.DeleteAsync(Id, cancellationToken);
            if (UserId is not null)
            {
                await _engine.Users.RemoveAsync(UserId, Id, cancellationToken);
            }

            SessionTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("reason", "self"));
        }

        BecomeNew();
    }

    /// <summary>After a failed request: leave the client's cookie as it was.</summary>
    internal void KeepCookieAsItWas()
    {
        CookieNeedsIssuing = false;
        CookieNeedsDeleting = false;
    }

    /// <summary>Stores the (already protected) authentication ticket under its key with the session's next commit.</summary>
    internal void SetTicket(string ticketKey, byte[] ticket)
    {
        SetMetadata("_k", ticketKey);
        MetadataPending["_t"] = ticket;
        MarkChanged();
    }

    private async Task<SessionWriteResult> CompareAndCommitAsync(string key, long expectedVersion, CancellationToken cancellationToken)
    {
        var delta = BuildDelta();
        delta.ExpectedVersions.Add(new(key, expectedVersion));
        var outcome = await CommitDeltaAsync(delta, cancellationToken);
        if (outcome.Status == CommitStatus.Conflict)
        {
            _pending.Remove(key);
            _decoded?.Remove(key);
            if (outcome.Conflicting is { } current)
            {
                _record.Values[key] = current;
            }
            else
            {
                _record.Values.Remove(key);
            }

            return new SessionWriteResult(false, outcome.ConflictVersion);
        }

        return new SessionWriteResult(outcome.Status == CommitStatus.Committed, GetVersion(key));
    }

    private SessionDelta BuildDelta()
    {
        var delta = new SessionDelta { Clear = _clear, IdleMs = _idlePending };
        foreach (var (name, value) in _pending)
        {
            if (value is null)
            {
                delta.Removes.Add(name);
            }
            else
            {
                delta.Sets.Add(new(name, StoredValue.Create(_engine.Codec, name, value)));
            }
        }

        if (_metadataPending is not null)
        {
            foreach (var (field, value) in _metadataPending)
            {
                delta.Metadata.Add(new(field, value));
            }
        }

        return delta;
    }

    private async Task<CommitOutcome> CommitDeltaAsync(SessionDelta delta, CancellationToken cancellationToken)
    {
        var outcome = OnlyReplaces(delta)
            ? await _engine.Store.ReplaceAsync(_record, delta.Sets, cancellationToken)
            : await _engine.Store.CommitAsync(Id, IsNew, delta, cancellationToken);
        switch (outcome.Status)
        {
            case CommitStatus.Committed:
                Apply(delta, outcome);
                break;
            case CommitStatus.Ended:
                Log.SessionEndedBeforeCommit(_engine.Logger, SessionTelemetry.ShortHandle(Id));
                BecomeNew();
                break;
            case CommitStatus.TooManyKeys:
                DiscardChanges();
                throw Refuse(new SessionLimitExceededException(SessionLimit.KeyCount, _engine.Store.Options.MaxKeys, outcome.Over));
            case CommitStatus.TooManyBytes:
                DiscardChanges();
                throw Refuse(new SessionLimitExceededException(SessionLimit.SessionBytes, _engine.Store.Options.MaxSessionBytes, outcome.Over));
            case CommitStatus.AlreadyExists:
                throw new InvalidOperationException("A freshly generated session id collided with a live session; refusing to overwrite it.");
            case CommitStatus.Conflict:
                break;
        }

        return outcome;
    }

    /// <summary>
    /// Whether the delta only replaces values this request read with values of the same stored length (and
    /// changes nothing else): such a commit cannot pass a limit or change the stored counts, and takes the plain
    /// replace path.
    /// </summary>
    private bool OnlyReplaces(SessionDelta delta)
    {
        if (IsNew || delta.Clear || delta.IdleMs is not null || delta.Sets.Count == 0 || delta.Removes.Count > 0 || delta.Metadata.Count > 0 || delta.ExpectedVersions.Count > 0)
        {
            return false;
        }

        foreach (var write in delta.Sets)
        {
            if (!_record.Values.TryGetValue(write.Name, out var seen) || seen.Bytes.Length != write.Value.Bytes.Length)
            {
                return false;
            }
        }

        return true;
    }

    private void Apply(SessionDelta delta, CommitOutcome outcome)
    {
        if (delta.Clear)
        {
            _record.Values.Clear();
            _decoded?.Clear();
        }

        foreach (var (name, value) in delta.Sets)
        {
            _record.Values[name] = value;
            Decoded[name] = _pending[name]!;
        }

        foreach (var name in delta.Removes)
        {
            _record.Values.Remove(name);
            _decoded?.Remove(name);
        }

        foreach (var (field, value) in delta.Metadata)
        {
            var text = value.Length == 0 ? null : Encoding.UTF8.GetString(value);
            switch (field)
            {
                case "_u": _record.UserId = text; break;
                case "_w": (_record.IpAddress, _record.UserAgent) = SessionRecord.Client(text); break;
                case "_t": _record.Ticket = value.Length == 0 ? null : value; break;
                case "_k": _record.TicketKey = text; break;
            }
        }

        if (delta.IdleMs is { } idleMs)
        {
            _record.IdleMs = idleMs;
        }

        if (IsNew)
        {
            _record.CreatedMs = outcome.NowMs;
            _record.AbsoluteExpiryMs = outcome.NowMs + (long)_engine.Store.Options.AbsoluteTimeout.TotalMilliseconds;
            IsNew = false;
        }

        _record.LastSeenMs = outcome.NowMs;
        _record.StoredBytes = outcome.StoredBytes;
        DiscardChanges();
    }

    private void DiscardChanges()
    {
        _pending.Clear();
        _metadataPending?.Clear();
        _idlePending = null;
        _clear = false;
    }

    private void BecomeNew()
    {
        DiscardChanges();
        _decoded?.Clear();
        CookieId = SessionIds.NewId();
        _record = NewRecord(_engine, SessionIds.ToHandle(CookieId));
        IsNew = true;
        CookieNeedsIssuing = false;
        CookieNeedsDeleting = true;
    }
}
