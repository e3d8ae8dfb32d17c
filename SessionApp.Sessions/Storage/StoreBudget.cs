using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace SessionApp.Sessions.Storage;

/// <summary>
/// Bounds a call to Redis by the store's time budget as <see cref="Task{TResult}.WaitAsync(TimeSpan, CancellationToken)"/>
/// does, without its cost: WaitAsync makes a promise, a timer and a completion invoker per call (~230 B on every load
/// and commit). A call already complete is returned as it is; any other is awaited through a pooled
/// <see cref="IValueTaskSource{TResult}"/> completed by whichever comes first: the Redis task, one shared timer that
/// ticks every <see cref="TickMs"/> ms while calls are in flight, or the token.
/// It guarantees what WaitAsync does: the task's result or exception when it completes in time; a
/// <see cref="TimeoutException"/> at most one tick after the budget otherwise; an <see cref="OperationCanceledException"/>
/// when the token is cancelled first. A task given up on is observed when it completes, so its fault is never unobserved.
/// </summary>
internal static class StoreBudget
{
    private const int TickMs = 10;

    private static readonly List<Wait> InFlight = [];
    private static readonly Timer Ticker = CreateTimer();
    private static bool _ticking;

    /// <summary>The task's outcome, a <see cref="TimeoutException"/> once <paramref name="budget"/> has passed, or an <see cref="OperationCanceledException"/>.</summary>
    public static ValueTask<T> WithinAsync<T>(this Task<T> task, TimeSpan budget, CancellationToken cancellationToken) =>
        task.IsCompleted || (budget == Timeout.InfiniteTimeSpan && !cancellationToken.CanBeCanceled)
            ? new ValueTask<T>(task)
            : Wait<T>.Start(task, budget, cancellationToken);

    private static Timer CreateTimer()
    {
        // The timer outlives whichever request first creates it: it must not hold on to that request's context.
        using (ExecutionContext.SuppressFlow())
        {
            return new Timer(static _ => Tick(), null, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>Completes the waits past their deadline with a timeout; stops ticking when none is left.</summary>
    private static void Tick()
    {
        var now = Stopwatch.GetTimestamp();
        lock (InFlight)
        {
            // Backwards, so the wait swapped into a removed slot has already been seen.
            for (var i = InFlight.Count - 1; i >= 0; i--)
            {
                var wait = InFlight[i];
                if (wait.Deadline <= now && wait.TryClaim())
                {
                    Wait.Untrack(wait);
                    wait.TimeOut();
                }
            }

            if (InFlight.Count == 0 && _ticking)
            {
                _ticking = false;
                Ticker.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }
    }

    /// <summary>One call in flight: its deadline, its place among <see cref="InFlight"/>, and who completed it.</summary>
    private abstract class Wait
    {
        private int _claimed;

        public long Deadline { get; protected set; }

        public int Slot { get; set; } = -1;

        /// <summary>Completes the wait with a <see cref="TimeoutException"/>; called by the ticker once it has claimed it.</summary>
        public abstract void TimeOut();

        /// <summary>True for exactly one of the task, the ticker and the token: the one that completes the wait.</summary>
        public bool TryClaim() => Interlocked.CompareExchange(ref _claimed, 1, 0) == 0;

        protected void Reset() => _claimed = 0;

        /// <summary>Lists the wait for the ticker, unless it was already claimed (a token cancelled at the start).</summary>
        protected void Track()
        {
            lock (InFlight)
            {
                if (Volatile.Read(ref _claimed) != 0)
                {
                    return;
                }

                Slot = InFlight.Count;
                InFlight.Add(this);
                if (!_ticking)
                {
                    _ticking = true;
                    Ticker.Change(TickMs, TickMs);
                }
            }
        }

        /// <summary>Takes the wait off the list, under the lock, by moving the last one into its slot.</summary>
        public static void Untrack(Wait wait)
        {
            if (wait.Slot < 0)
            {
                return;
            }

            var last = InFlight[^1];
            InFlight[wait.Slot] = last;
            last.Slot = wait.Slot;
            InFlight.RemoveAt(InFlight.Count - 1);
            wait.Slot = -1;
        }

        protected void Finish()
        {
            lock (InFlight)
            {
                Untrack(this);
            }
        }
    }

    /// <summary>
    /// The pooled awaitable. It goes back to the pool once both the awaiter has taken its result and the Redis task
    /// has completed, so neither a late task nor a stale awaiter can touch a later call.
    /// </summary>
    private sealed class Wait<T> : Wait, IValueTaskSource<T>
    {
        private static readonly Wait<T>?[] Pool = new Wait<T>?[64];
        private static readonly Action<object?> OnCancelled = static state => ((Wait<T>)state!).Cancel();

        private readonly Action _onTaskCompleted;
        private ManualResetValueTaskSourceCore<T> _core = new() { RunContinuationsAsynchronously = true };
        private Task<T>? _task;
        private CancellationToken _token;
        private CancellationTokenRegistration _registration;
        private int _holders;

        private Wait() => _onTaskCompleted = OnTaskCompleted;

        public static ValueTask<T> Start(Task<T> task, TimeSpan budget, CancellationToken cancellationToken)
        {
            var wait = Rent();
            wait._task = task;
            wait._token = cancellationToken;
            wait._holders = 2;
            wait.Deadline = Stopwatch.GetTimestamp() + (long)Math.Min(budget.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);
            var version = wait._core.Version;
            // In this order: only the token can complete the wait before its registration is stored.
            if (cancellationToken.CanBeCanceled)
            {
                wait._registration = cancellationToken.UnsafeRegister(OnCancelled, wait);
            }

            if (budget != Timeout.InfiniteTimeSpan)
            {
                wait.Track();
            }

            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(wait._onTaskCompleted);
            return new ValueTask<T>(wait, version);
        }

        public override void TimeOut()
        {
            _registration.Dispose();
            _core.SetException(new TimeoutException());
        }

        public T GetResult(short token)
        {
            try
            {
                return _core.GetResult(token);
            }
            finally
            {
                Release();
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private static Wait<T> Rent()
        {
            for (var i = 0; i < Pool.Length; i++)
            {
                if (Volatile.Read(ref Pool[i]) is not null && Interlocked.Exchange(ref Pool[i], null) is { } wait)
                {
                    return wait;
                }
            }

            return new Wait<T>();
        }

        private void OnTaskCompleted()
        {
            var task = _task!;
            if (TryClaim())
            {
                Finish();
                _registration.Dispose();

                // StackExchange.Redis runs its tasks' continuations asynchronously, so this is a pool thread already:
                // the caller may go on right here, as after WaitAsync, rather than hop to another thread. The ticker
                // (under its lock) and the token (on the canceller's thread) still complete asynchronously.
                _core.RunContinuationsAsynchronously = false;
                if (task.IsCompletedSuccessfully)
                {
                    _core.SetResult(task.Result);
                }
                else
                {
                    _core.SetException(task.IsCanceled ? new TaskCanceledException(task) : task.Exception!.InnerException!);
                }
            }
            else if (task.IsFaulted)
            {
                // Given up on: reading the fault marks it observed, as nothing else will.
                _ = task.Exception;
            }

            Release();
        }

        private void Cancel()
        {
            if (TryClaim())
            {
                Finish();
                _core.SetException(new OperationCanceledException(_token));
            }
        }

        private void Release()
        {
            if (Interlocked.Decrement(ref _holders) != 0)
            {
                return;
            }

            _task = null;
            _token = default;
            _registration = default;
            _core.Reset();
            _core.RunContinuationsAsynchronously = true;
            Reset();
            for (var i = 0; i < Pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref Pool[i], this, null) is null)
                {
                    return;
                }
            }
        }
    }
}
