using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using SessionApp.Sessions.Storage;
using SessionApp.Sessions.Telemetry;
using SessionApp.Tests.Infrastructure;
using StackExchange.Redis;

namespace SessionApp.Tests.Sessions;

/// <summary>
/// One request counts one session load in <c>sessionapp.sessions.loads</c>, and a stale id costs one lookup. The meter
/// is process-wide, so these run alone, after the tests that run in parallel.
/// </summary>
[Collection(Name)]
public sealed class LoadCountTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    public const string Name = "Load counts";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownId_CountsOneMiss_AndCostsOneLookup()
    {
        // Arrange: a well-formed id that no session has
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        var cookies = new CookieContainer();
        cookies.Add(app.Address, new Cookie("sessionapp.sid", SessionIds.NewId()));
        using var client = app.CreateClient(cookies);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = connection.GetServers().Single();
        await server.ConfigResetStatisticsAsync();
        using var loads = new LoadCounter();

        // Act
        using var response = await client.GetAsync("/values/k", Token);

        // Assert
        Assert.Equal(new Dictionary<string, long> { ["miss"] = 1 }, loads.ByResult);
        var stats = (await server.InfoAsync("commandstats")).SelectMany(static group => group).ToDictionary(static stat => stat.Key, static stat => stat.Value);
        Assert.StartsWith("calls=1,", stats["cmdstat_hgetall"], StringComparison.Ordinal);
    }

    /// <summary>Counts <c>sessionapp.sessions.loads</c> by its <c>result</c> tag while it lives.</summary>
    private sealed class LoadCounter : IDisposable
    {
        private readonly ConcurrentDictionary<string, long> _counts = new();
        private readonly MeterListener _listener = new();

        public LoadCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SessionTelemetry.Name && instrument.Name == "sessionapp.sessions.loads")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "result")
                    {
                        _counts.AddOrUpdate((string)tag.Value!, value, (_, total) => total + value);
                    }
                }
            });
            _listener.Start();
        }

        public Dictionary<string, long> ByResult => new(_counts);

        public void Dispose() => _listener.Dispose();
    }
}

[CollectionDefinition(LoadCountTests.Name, DisableParallelization = true)]
public sealed class LoadCountGroup;
