using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using SessionApp.Sessions.Telemetry;
using SessionApp.Tests.Infrastructure;

namespace SessionApp.Tests.Sessions;

/// <summary>The engine reports spans and metrics under SessionApp.Sessions, and never a session id.</summary>
public sealed class TelemetryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_EmitSpansAndMetrics_WithoutTheSessionId()
    {
        // Arrange
        var spans = new ConcurrentBag<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SessionTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new ConcurrentDictionary<string, long>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SessionTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        meterListener.SetMeasurementEventCallback<double>((instrument, _, _, _) => measurements.AddOrUpdate(instrument.Name, 1, (_, total) => total + 1));
        meterListener.Start();
        await using var app = await SessionTestApp.StartAsync(redis.ConnectionString);
        var cookies = new CookieContainer();
        using var client = app.CreateClient(cookies);

        // Act
        (await client.PutAsync("/values/k", new StringContent("v"), Token)).EnsureSuccessStatusCode();
        (await client.GetAsync("/values/k", Token)).EnsureSuccessStatusCode();
        (await client.PostAsync("/rotate", null, Token)).EnsureSuccessStatusCode();
        meterListener.RecordObservableInstruments();
        var id = cookies.GetCookies(app.Address)["sessionapp.sid"]!.Value;

        // Assert
        var names = spans.Select(s => s.OperationName).ToHashSet();
        Assert.Contains("session.load", names);
        Assert.Contains("session.commit", names);
        Assert.Contains("session.rotate", names);
        Assert.All(spans, s => Assert.Equal("redis", s.GetTagItem("db.system.name")));
        Assert.DoesNotContain(spans.SelectMany(s => s.Tags), tag => tag.Value?.Contains(id, StringComparison.Ordinal) == true);
        Assert.True(measurements.GetValueOrDefault("sessionapp.sessions.loads") >= 1);
        Assert.True(measurements.GetValueOrDefault("sessionapp.sessions.commits") >= 1);
        Assert.True(measurements.GetValueOrDefault("sessionapp.sessions.created") >= 1);
        Assert.True(measurements.GetValueOrDefault("sessionapp.sessions.rotations") >= 1);
        Assert.True(measurements.GetValueOrDefault("sessionapp.sessions.commit.duration") >= 1);
    }
}
