using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SessionApp.Sessions.Telemetry;

/// <summary>
/// The engine's one ActivitySource and one Meter, both named <c>SessionApp.Sessions</c>. Spans carry the
/// handle's first characters at most, never a session id.
/// </summary>
public static class SessionTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter: <c>SessionApp.Sessions</c>.</summary>
    public const string Name = "SessionApp.Sessions";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Loads = Meter.CreateCounter<long>(
        "sessionapp.sessions.loads", "{load}", "Session loads by result: hit, miss (unknown or ended) or none (no cookie).");

    internal static readonly Histogram<double> LoadDuration = Meter.CreateHistogram<double>(
        "sessionapp.sessions.load.duration", "s", "Time to load and touch a session in Redis.");

    internal static readonly Counter<long> Commits = Meter.CreateCounter<long>(
        "sessionapp.sessions.commits", "{commit}", "Session commits by result.");

    internal static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "sessionapp.sessions.commit.duration", "s", "Time to commit a session's changes to Redis.");

    internal static readonly Counter<long> Created = Meter.CreateCounter<long>(
        "sessionapp.sessions.created", "{session}", "Sessions created.");

    internal static readonly Counter<long> Rotations = Meter.CreateCounter<long>(
        "sessionapp.sessions.rotations", "{rotation}", "Session id rotations.");

    internal static readonly Counter<long> Revocations = Meter.CreateCounter<long>(
        "sessionapp.sessions.revocations", "{session}", "Sessions revoked, by reason: user, others, all, cap, admin.");

    internal static readonly Counter<long> Unavailable = Meter.CreateCounter<long>(
        "sessionapp.sessions.unavailable", "{response}", "Requests answered 503 because the session store could not be reached or did not confirm in time.");

    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "sessionapp.sessions.errors", "{error}", "Failed session operations by error.type.");

    internal static readonly Histogram<long> ValueRawBytes = Meter.CreateHistogram<long>(
        "sessionapp.sessions.value.raw_bytes", "By", "Size of each value (or authentication ticket) written, as the application gave it, by sessionapp.sessions.value.compression (zstd or none).");

    internal static readonly Histogram<long> ValueStoredBytes = Meter.CreateHistogram<long>(
        "sessionapp.sessions.value.stored_bytes", "By", "Size of each value (or authentication ticket) written, as stored after compression and encryption (without its 8-byte version), by sessionapp.sessions.value.compression (zstd or none).");

    /// <summary>Records one written value's size before and after encoding; the only attribute is whether it was compressed.</summary>
    internal static void RecordValueBytes(int raw, int stored, bool compressed)
    {
        if (!ValueRawBytes.Enabled && !ValueStoredBytes.Enabled)
        {
            return;
        }

        var compression = new KeyValuePair<string, object?>("sessionapp.sessions.value.compression", compressed ? "zstd" : "none");
        ValueRawBytes.Record(raw, compression);
        ValueStoredBytes.Record(stored, compression);
    }

    internal static Activity? StartActivity(string operation, string? handle)
    {
        if (!Source.HasListeners())
        {
            // Nothing records spans: not even the span's name is worth building.
            return null;
        }

        var activity = Source.StartActivity($"session.{operation}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("db.operation.name", operation);
            if (handle is not null)
            {
                activity.SetTag("session.handle.prefix", ShortHandle(handle));
            }
        }

        return activity;
    }

    /// <summary>The first eight characters of a handle: enough to correlate logs, useless as a token.</summary>
    internal static string ShortHandle(string handle) => handle.Length > 8 ? handle[..8] : handle;
}
