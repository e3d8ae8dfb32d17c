using System.Globalization;
using System.Text;

namespace SessionApp.Benchmarks.Scale;

/// <summary>The figures of one scale run.</summary>
internal sealed record ScaleResult
{
    public required ScaleSettings Settings { get; init; }

    public required double EngineBytesPerSession { get; init; }

    public double? BuiltinBytesPerSession { get; init; }

    public required double EngineSeedRate { get; init; }

    public double? BuiltinSeedRate { get; init; }

    public required ListCost ListAtSmall { get; init; }

    public required ListCost ListAtFull { get; init; }

    public required int SmallSize { get; init; }

    public required string SessionEncoding { get; init; }

    public required long SessionKeyBytes { get; init; }

    public required long IndexKeyBytes { get; init; }

    public required long IndexBytesBeforePrune { get; init; }

    public required long IndexBytesAfterPrune { get; init; }

    public required long StaleEntriesBeforePrune { get; init; }

    public required long StaleEntriesAfterPrune { get; init; }

    public required int ExpiringUsersListed { get; init; }

    public string Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var listpack = Settings.HashMaxListpackValue is { } value ? value.ToString(inv) : "64 (default)";
        text.AppendLine(inv, $"Scale: {Settings.Sessions:N0} sessions of a {(Settings.Payload == ScalePayload.Json ? "realistic JSON" : $"{ScaleServer.ValueBytes}-byte random")} value and a user id, {Settings.SessionsPerUser} per user, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, hash-max-listpack-value {listpack}, engine compression {Settings.Compression}");
        text.AppendLine(inv, $"  memory per session: engine {EngineBytesPerSession:0} bytes (sessions, user indexes and users set together; seeded at {EngineSeedRate:0}/s through the engine's own write path, POST → BindUserAsync)");
        if (BuiltinBytesPerSession is { } builtin)
        {
            text.AppendLine(inv, $"                      built-in AddSession + AddStackExchangeRedisCache {builtin:0} bytes (seeded at {BuiltinSeedRate:0}/s)");
        }

        text.AppendLine(inv, $"  one session key: encoding {SessionEncoding}, MEMORY USAGE {SessionKeyBytes} bytes; one user index of {Settings.SessionsPerUser}: {IndexKeyBytes} bytes");
        text.AppendLine(inv, $"  listing one user's {Settings.SessionsPerUser} sessions, {Settings.ListSamples} users timed: at {SmallSize:N0} sessions p50 {ListAtSmall.P50Ms:0.00} ms p99 {ListAtSmall.P99Ms:0.00} ms, {ListAtSmall.CommandsPerList:0.0} Redis commands per list; at {Settings.Sessions:N0} p50 {ListAtFull.P50Ms:0.00} ms p99 {ListAtFull.P99Ms:0.00} ms, {ListAtFull.CommandsPerList:0.0} commands per list");
        text.AppendLine(inv, $"  pruning: {Settings.Expiring:N0} bound sessions expired; index memory {IndexBytesBeforePrune:N0} bytes with {StaleEntriesBeforePrune:N0} handles of ended sessions; after one list per user ({ExpiringUsersListed:N0} users) {IndexBytesAfterPrune:N0} bytes with {StaleEntriesAfterPrune:N0}");
        return text.ToString();
    }
}

/// <summary>What listing one user's sessions cost: latency percentiles and Redis commands per list.</summary>
internal sealed record ListCost(double P50Ms, double P99Ms, double CommandsPerList);
