namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 6 (clean): a hashed wheel timer's worker thread, created in the timer's constructor and started once
/// behind a CompareExchange, advances its tick after waiting for the next one with <c>Task.Delay(...).Wait()</c>.
/// Waiting on a task is not taking a lock, so the wait helper is no evidence that the worker's state is shared, and
/// only the one worker thread changes the tick. Expected: nothing reported.
/// </summary>
internal static class WheelTimerWaitCase
{
    public static CorpusCase Case { get; } = new("WheelTimerWait", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Timers
        {
            public sealed class WheelTimer : IDisposable
            {
                private readonly Thread _thread;
                private readonly WheelWorker _worker;
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private readonly ConcurrentQueue<(Action Action, TimeSpan Delay)> _pending = new ConcurrentQueue<(Action, TimeSpan)>();
                private int _state;

                public WheelTimer(TimeSpan tickDuration, int wheelSize)
                {
                    _worker = new WheelWorker(this, tickDuration, wheelSize, _stop.Token);
                    _thread = new Thread(_worker.Run) { IsBackground = true, Name = "wheel-timer" };
                }

                public void Schedule(Action action, TimeSpan delay)
                {
                    if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
                    {
                        _thread.Start();
                    }

                    _pending.Enqueue((action, delay));
                }

                internal bool TryTakePending(out (Action Action, TimeSpan Delay) pending) => _pending.TryDequeue(out pending);

                public void Dispose() => _stop.Cancel();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.TaskWaitHelper,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Timers
            {
                internal sealed class WheelWorker
                {
                    private readonly WheelTimer _owner;
                    private readonly TimeSpan _tickDuration;
                    private readonly (Action Action, long Deadline)?[] _wheel;
                    private readonly CancellationToken _stopping;
                    private readonly ManualResetEventSlim _started = new ManualResetEventSlim();
                    private long _tick;
                    private long _fired;

                    public WheelWorker(WheelTimer owner, TimeSpan tickDuration, int wheelSize, CancellationToken stopping)
                    {
                        _owner = owner;
                        _tickDuration = tickDuration;
                        _wheel = new (Action, long)?[wheelSize];
                        _stopping = stopping;
                    }

                    public long Fired => Volatile.Read(ref _fired);

                    public void Run()
                    {
                        _started.Set();
                        while (!_stopping.IsCancellationRequested)
                        {
                            if (!WaitForNextTick())
                            {
                                return;
                            }

                            while (_owner.TryTakePending(out var pending))
                            {
                                long deadline = _tick + Math.Max(1, (long)(pending.Delay.Ticks / _tickDuration.Ticks));
                                _wheel[deadline % _wheel.Length] = (pending.Action, deadline);
                            }

                            var slot = _wheel[_tick % _wheel.Length];
                            if (slot is { } due && due.Deadline <= _tick)
                            {
                                _wheel[_tick % _wheel.Length] = null;
                                due.Action();
                                _fired = _fired + 1;
                            }

                            _tick++;
                        }
                    }

                    public void WaitUntilStarted() => _started.Wait();

                    private bool WaitForNextTick()
                    {
                        Task delay = Task.Delay(_tickDuration, _stopping);
                        try
                        {
                            delay.Wait();
                            return true;
                        }
                        catch (AggregateException) when (delay.IsCanceled)
                        {
                            return false;
                        }
                    }
                }
            }
            """,
        },
    };
}
