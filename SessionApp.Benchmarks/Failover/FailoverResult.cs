using System.Globalization;
using System.Text;

namespace SessionApp.Benchmarks.Failover;

/// <summary>The figures of one failover run.</summary>
internal sealed record FailoverResult
{
    public required FailoverSettings Settings { get; init; }

    public required IReadOnlyList<RequestRecord> Requests { get; init; }

    /// <summary>From the kill to the replica calling itself a primary, in ms; null if it never did within the run.</summary>
    public long? PromotedAfterMs { get; init; }

    /// <summary>From the kill to the first successful read or write of a session in the killed primary's slots, in ms.</summary>
    public long? ServedAgainAfterMs { get; init; }

    /// <summary>From the kill to the first successful write of a session in the killed primary's slots, in ms.</summary>
    public long? WrittenAgainAfterMs { get; init; }

    /// <summary>From the kill to a fresh node replacing the killed one being the new primary's replica with its link up, in ms.</summary>
    public long? RejoinedAfterMs { get; init; }

    public required long KillAtMs { get; init; }

    /// <summary>The slots the killed primary held.</summary>
    public required Func<int, bool> WasOnKilledPrimary { get; init; }

    public required int AcknowledgedWritesLost { get; init; }

    public required int RevocationsUndone { get; init; }

    public int Failures => Requests.Count(static r => !r.Succeeded);

    /// <summary>Failures that were not a 503 with Retry-After (a 500, another status, no response).</summary>
    public IReadOnlyList<RequestRecord> UnexpectedFailures => [.. Requests.Where(static r => !r.Succeeded && !(r.Status == 503 && r.HasRetryAfter))];

    /// <summary>Failed reads and writes of sessions whose slot lives on a primary that was not killed.</summary>
    public IReadOnlyList<RequestRecord> FailuresOnOtherPrimaries => [.. Requests.Where(r =>
        !r.Succeeded && r.Operation is LoadOperation.Read or LoadOperation.Write && r.Slot >= 0 && !WasOnKilledPrimary(r.Slot))];

    public string Describe()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"DurableWrites={Settings.DurableWrites}: {Requests.Count} requests from {Settings.Clients} clients over {Settings.Duration.TotalSeconds:0} s, primary killed at {KillAtMs} ms");
        text.AppendLine(inv, $"  after the kill: replica promoted {Ms(PromotedAfterMs)}; its slots' first successful read {Ms(ServedAgainAfterMs)}, first successful write {Ms(WrittenAgainAfterMs)}; a fresh replica linked {Ms(RejoinedAfterMs)}");
        foreach (var operation in Enum.GetValues<LoadOperation>())
        {
            var of = Requests.Where(r => r.Operation == operation).ToList();
            var statuses = string.Join(", ", of.Where(static r => !r.Succeeded).GroupBy(static r => r.Status).OrderBy(static g => g.Key).Select(g => string.Create(inv, $"{g.Key}×{g.Count()}")));
            text.AppendLine(inv, $"  {operation,-7} {of.Count,7} requests, {of.Count(static r => !r.Succeeded),5} failed{(statuses.Length > 0 ? $" ({statuses})" : "")}");
        }

        var unexpected = UnexpectedFailures;
        text.AppendLine(inv, $"  failures not 503 with Retry-After: {unexpected.Count}{(unexpected.Count > 0 ? " — " + string.Join(", ", unexpected.GroupBy(static r => r.Status).Select(g => string.Create(inv, $"{g.Key}×{g.Count()}"))) : "")}");
        text.AppendLine(inv, $"  failed reads/writes of sessions on the other primaries: {FailuresOnOtherPrimaries.Count}");
        foreach (var failure in FailuresOnOtherPrimaries.Take(10))
        {
            text.AppendLine(inv, $"    {failure}");
        }

        var failed = Requests.Where(static r => !r.Succeeded).ToList();
        if (failed.Count > 0)
        {
            text.AppendLine(inv, $"  failures between {failed.Min(static r => r.EndMs) - KillAtMs} ms and {failed.Max(static r => r.EndMs) - KillAtMs} ms after the kill");
        }

        text.AppendLine(inv, $"  acknowledged writes lost: {AcknowledgedWritesLost}; acknowledged revocations undone: {RevocationsUndone}");
        return text.ToString();
    }

    private static string Ms(long? value) => value is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms} ms") : "never";
}
