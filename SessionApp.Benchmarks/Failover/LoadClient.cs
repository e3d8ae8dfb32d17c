using System.Globalization;
using System.Net;

namespace SessionApp.Benchmarks.Failover;

/// <summary>
/// One virtual user: a loop of reads, writes, sign-ins and revocations on its own session, one request at a time,
/// keeping the checker's record of what was acknowledged. Each write sends a number larger than any before it, so
/// the value read back must be at least the last acknowledged one; a sign-in acknowledged carries the value to the
/// new id; a revocation acknowledged must stay revoked. A request that failed leaves its outcome unknown: the
/// checker then expects nothing of that session beyond what was acknowledged before.
/// </summary>
internal sealed class LoadClient(int index, HttpClient http, Func<long> clock)
{
    private readonly List<RequestRecord> _records = [];
    private readonly List<string> _revoked = [];
    private readonly Random _random = new(index);
    private string? _id;
    private string? _handle;
    private long _attempt;
    private long _acknowledged;

    /// <summary>Whether the checker may hold the current session to <see cref="_acknowledged"/>.</summary>
    private bool _known = true;

    public IReadOnlyList<RequestRecord> Records => _records;

    /// <summary>Acknowledged writes found missing while the load ran (a value older than acknowledged, or the session gone).</summary>
    public int LostDuringRun { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var roll = _random.Next(100);
            var operation = _id is null ? LoadOperation.Write : roll switch
            {
                < 55 => LoadOperation.Read,
                < 85 => LoadOperation.Write,
                < 95 => LoadOperation.SignIn,
                _ => LoadOperation.Revoke,
            };
            await SendAsync(operation);
        }
    }

    /// <summary>Reads back what this client was acknowledged: returns (acknowledged writes lost, revocations undone).</summary>
    public async Task<(int Lost, int Resurrected)> CheckAsync(CancellationToken cancellationToken)
    {
        var lost = 0;
        if (_id is not null && _known && _acknowledged > 0)
        {
            var (status, value) = await ReadWithRetriesAsync(_id, cancellationToken);
            lost += status == HttpStatusCode.OK && value >= _acknowledged ? 0 : 1;
        }

        var resurrected = 0;
        foreach (var id in _revoked)
        {
            var (status, _) = await ReadWithRetriesAsync(id, cancellationToken);
            resurrected += status == HttpStatusCode.OK ? 1 : 0;
        }

        return (lost, resurrected);
    }

    private async Task SendAsync(LoadOperation operation)
    {
        var slot = _handle is null ? -1 : HashSlot.OfSession(_handle);
        using var request = operation switch
        {
            LoadOperation.Read => new HttpRequestMessage(HttpMethod.Get, "/f/value"),
            LoadOperation.Write => new HttpRequestMessage(HttpMethod.Put, "/f/value") { Content = new StringContent((++_attempt).ToString(CultureInfo.InvariantCulture)) },
            LoadOperation.SignIn => new HttpRequestMessage(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"/f/signin/user{index}")),
            _ => new HttpRequestMessage(HttpMethod.Post, "/f/revoke"),
        };
        if (_id is not null)
        {
            request.Headers.Add(FailoverServer.IdHeader, _id);
        }

        var started = clock();
        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.Headers.TryGetValues(FailoverServer.HandleHeader, out var worked))
            {
                // The session the request worked on: a write may have started a new one, in another slot.
                slot = HashSlot.OfSession(worked.First()!);
            }

            Record(operation, started, (int)response.StatusCode, response.Headers.RetryAfter is not null, slot);
            if ((int)response.StatusCode is >= 200 and < 300 or 404)
            {
                Acknowledged(operation, response, body);
            }
            else
            {
                Failed(operation);
            }
        }
        catch (HttpRequestException)
        {
            Record(operation, started, 0, false, slot);
            Failed(operation);
        }
        catch (TaskCanceledException)
        {
            Record(operation, started, 0, false, slot);
            Failed(operation);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private void Record(LoadOperation operation, long started, int status, bool retryAfter, int slot) =>
        _records.Add(new RequestRecord(operation, started, clock(), status, retryAfter, slot));

    private void Acknowledged(LoadOperation operation, HttpResponseMessage response, string body)
    {
        var previousId = _id;
        if (response.Headers.TryGetValues(FailoverServer.IdHeader, out var ids))
        {
            // An id issued (a new session, or a rotation), or withdrawn (sent empty: the session named has ended).
            var id = ids.FirstOrDefault();
            _id = string.IsNullOrEmpty(id) ? null : id;
        }

        if (response.Headers.TryGetValues(FailoverServer.HandleHeader, out var handles) && operation != LoadOperation.Revoke)
        {
            _handle = handles.FirstOrDefault();
        }

        // Every operation but a sign-in keeps the id; a changed one means the session named had ended.
        if (previousId is not null && _id != previousId && operation != LoadOperation.SignIn && operation != LoadOperation.Revoke)
        {
            NoteGone();
        }

        switch (operation)
        {
            case LoadOperation.Read when response.StatusCode == HttpStatusCode.OK:
                var value = long.Parse(body, CultureInfo.InvariantCulture);
                if (_known && value < _acknowledged)
                {
                    LostDuringRun++;
                    _acknowledged = value;
                }

                break;
            case LoadOperation.Read:
                NoteGone();
                _id = null;
                break;
            case LoadOperation.Write:
                _known = true;
                _acknowledged = _attempt;
                break;
            case LoadOperation.SignIn when _id is null || _id == previousId:
                // The session had ended: the sign-in bound a fresh, empty one.
                NoteGone();
                break;
            case LoadOperation.Revoke:
                if (previousId is not null)
                {
                    _revoked.Add(previousId);
                }

                _id = null;
                _handle = null;
                _acknowledged = 0;
                _known = true;
                break;
        }
    }

    /// <summary>The session named has ended: a loss when an acknowledged write was expected in it.</summary>
    private void NoteGone()
    {
        if (_known && _acknowledged > 0)
        {
            LostDuringRun++;
        }

        _acknowledged = 0;
        _known = true;
    }

    private void Failed(LoadOperation operation)
    {
        // A write that failed may still land: the value read back may be larger, never smaller. A sign-in or
        // revocation that failed may have rotated or ended the session: nothing more is expected of it.
        if (operation is LoadOperation.SignIn or LoadOperation.Revoke)
        {
            _known = false;
        }
    }

    private async Task<(HttpStatusCode Status, long Value)> ReadWithRetriesAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/f/value");
            request.Headers.Add(FailoverServer.IdHeader, id);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt >= 20)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? long.Parse(body, CultureInfo.InvariantCulture) : 0);
            }

            await Task.Delay(250, cancellationToken);
        }
    }
}
