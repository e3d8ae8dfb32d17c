using System.Diagnostics;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

/// <summary>The store's time budget on a Redis call: the outcome, a timeout or a cancellation, never another call's.</summary>
public sealed class StoreBudgetTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithinAsync_TaskCompletesInTime_ReturnsItsResult()
    {
        // Arrange
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var completed = await Task.FromResult(1).WithinAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        var waiting = pending.Task.WithinAsync(TimeSpan.FromSeconds(5), CancellationToken.None).AsTask();
        pending.SetResult(2);
        var later = await waiting.WaitAsync(Bound, Token);

        // Assert
        Assert.Equal(1, completed);
        Assert.Equal(2, later);
    }

    [Fact]
    public async Task WithinAsync_TaskExceedsBudget_ThrowsTimeoutExceptionSoonAfterTheBudget()
    {
        // Arrange
        var never = new TaskCompletionSource<int>();
        var budget = TimeSpan.FromMilliseconds(200);
        var stopwatch = Stopwatch.StartNew();

        // Act
        await Assert.ThrowsAsync<TimeoutException>(() => never.Task.WithinAsync(budget, CancellationToken.None).AsTask().WaitAsync(Bound, Token));
        var elapsed = stopwatch.Elapsed;

        // Assert: one tick of slack, plus room for a busy shared machine
        Assert.InRange(elapsed, budget - TimeSpan.FromMilliseconds(5), budget + TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task WithinAsync_TokenCancelled_ThrowsOperationCanceledException()
    {
        // Arrange
        var never = new TaskCompletionSource<int>();
        using var cancellation = new CancellationTokenSource();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        var waiting = never.Task.WithinAsync(TimeSpan.FromSeconds(5), cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        var whileWaiting = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound, Token));
        var beforeStart = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never.Task.WithinAsync(TimeSpan.FromSeconds(5), cancelled.Token).AsTask().WaitAsync(Bound, Token));

        // Assert
        Assert.Equal(cancellation.Token, whileWaiting.CancellationToken);
        Assert.Equal(cancelled.Token, beforeStart.CancellationToken);
    }

    [Fact]
    public async Task WithinAsync_TaskFaults_ThrowsItsException()
    {
        // Arrange
        var failing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fault = new InvalidOperationException("redis said no");

        // Act
        var waiting = failing.Task.WithinAsync(TimeSpan.FromSeconds(5), CancellationToken.None).AsTask();
        failing.SetException(fault);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting.WaitAsync(Bound, Token));

        // Assert
        Assert.Same(fault, thrown);
    }

    [Fact]
    public async Task WithinAsync_ManyConcurrentCallsWithMixedOutcomes_EachSeesItsOwn()
    {
        // Arrange: four outcomes, interleaved, twice over so the second round runs on reused waits
        for (var round = 0; round < 2; round++)
        {
            var sources = Enumerable.Range(0, 400).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            using var cancellation = new CancellationTokenSource();
            var calls = sources
                .Select((source, i) => source.Task.WithinAsync(TimeSpan.FromMilliseconds(i % 4 == 2 ? 100 : 5000), i % 4 == 3 ? cancellation.Token : CancellationToken.None).AsTask())
                .ToArray();

            // Act
            Parallel.For(0, sources.Length, i =>
            {
                if (i % 4 == 0)
                {
                    sources[i].SetResult(i);
                }
                else if (i % 4 == 1)
                {
                    sources[i].SetException(new InvalidOperationException(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            });
            await cancellation.CancelAsync();
            await Task.WhenAny(Task.WhenAll(calls)).WaitAsync(Bound, Token);

            // Assert
            for (var i = 0; i < calls.Length; i++)
            {
                var exception = calls[i].Exception?.InnerException;
                switch (i % 4)
                {
                    case 0: Assert.Equal(i, await calls[i]); break;
                    case 1: Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<InvalidOperationException>(exception).Message); break;
                    case 2: Assert.IsType<TimeoutException>(exception); break;
                    default: Assert.True(calls[i].IsCanceled || exception is OperationCanceledException, $"call {i} was cancelled"); break;
                }
            }

            // The given-up tasks complete late, into waits that may have been reused already
            foreach (var source in sources.Where((_, i) => i % 4 >= 2))
            {
                source.SetResult(-1);
            }
        }
    }

    [Fact]
    public async Task WithinAsync_GivenUpTaskCompletesLater_LaterCallsSeeOnlyTheirOwnResults()
    {
        // Arrange: a call times out, its task completes after its wait went back to the pool
        var late = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Assert.ThrowsAsync<TimeoutException>(() => late.Task.WithinAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None).AsTask().WaitAsync(Bound, Token));

        // Act
        var results = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var source = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiting = source.Task.WithinAsync(TimeSpan.FromSeconds(5), CancellationToken.None).AsTask();
            if (i == 10)
            {
                late.SetResult("stale");
            }

            source.SetResult($"call {i}");
            results.Add(await waiting.WaitAsync(Bound, Token));
        }

        // Assert
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"call {i}"), results);
    }

    [Fact]
    public async Task WithinAsync_GivenUpTaskFaultsLater_ItsFaultIsObserved()
    {
        // Arrange
        var unobserved = new List<Exception>();
        void Record(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            lock (unobserved)
            {
                unobserved.AddRange(e.Exception.InnerExceptions);
            }
        }

        TaskScheduler.UnobservedTaskException += Record;
        try
        {
            // Act
            await GiveUpOnFaultingTaskAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            // Assert
            lock (unobserved)
            {
                Assert.DoesNotContain(unobserved, ex => ex.Message == "given up on");
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Record;
        }
    }

    private static async Task GiveUpOnFaultingTaskAsync()
    {
        var failing = new TaskCompletionSource<int>();
        await Assert.ThrowsAsync<TimeoutException>(() => failing.Task.WithinAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None).AsTask().WaitAsync(Bound, Token));
        failing.SetException(new InvalidOperationException("given up on"));
        await Task.Delay(50, Token);
    }
}
