using System.Net;

namespace SessionApp.Tests.ServiceDefaults;

/// <summary>Bounded polling for states that arrive a little later, such as a reconnect.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Requests <paramref name="path"/> until it answers <paramref name="expected"/>; fails after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> UntilStatusAsync(HttpClient client, string path, HttpStatusCode expected, TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        HttpStatusCode? last = null;
        while (TimeProvider.System.GetElapsedTime(started) < timeout)
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            last = response.StatusCode;
            if (last == expected)
            {
                return TimeProvider.System.GetElapsedTime(started);
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{path} did not answer {(int)expected} within {timeout}; last answer was {(int?)last}.");
    }
}
