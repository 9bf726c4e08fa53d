namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm (clean), in the shape of an event-loop connection pool (docs/real-code-wider.md, pattern 2): the pool's
/// counters belong to its executor, a single-threaded event loop. Public entry points hop onto the loop (run directly
/// when already there, else post to the same executor), the functions that change the counters assert they run on the
/// loop, a timeout task posted to the loop gives up pending leases, and a connect completion is continued without a
/// scheduler from loop code (so on the loop's own scheduler). Callers on any thread (a health checker's
/// <c>Task.Run</c>) only go through the hop. Expected: nothing reported.
/// </summary>
internal static class ExecutorConfinedPoolCase
{
    public static CorpusCase Case { get; } = new("ExecutorConfinedPool", """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;

        namespace Corpus.Loops
        {
            /// <summary>A lease of one connection from the pool.</summary>
            public sealed class Lease
            {
                public Lease(int id) => Id = id;

                public int Id { get; }
            }

            public sealed class LeasePool
            {
                private readonly ILoopExecutor _loop;
                private readonly Queue<TaskCompletionSource<Lease>> _waiting = new Queue<TaskCompletionSource<Lease>>();
                private readonly int _max;
                private int _leased;
                private int _pending;
                private int _nextId;

                public LeasePool(ILoopExecutor loop, int max)
                {
                    _loop = loop;
                    _max = max;
                }

                public Task<Lease> AcquireAsync()
                {
                    var promise = new TaskCompletionSource<Lease>();
                    if (_loop.InEventLoop)
                    {
                        DoAcquire(promise);
                    }
                    else
                    {
                        _loop.Execute(state => DoAcquire((TaskCompletionSource<Lease>)state), promise);
                    }

                    return promise.Task;
                }

                public void Release(Lease lease)
                {
                    if (!_loop.InEventLoop)
                    {
                        _loop.Execute(() => Release(lease));
                        return;
                    }

                    DoRelease();
                }

                public void ScheduleTimeout(TimeSpan after) => _loop.Schedule(ExpireWaiters, after);

                private void DoAcquire(TaskCompletionSource<Lease> promise)
                {
                    Debug.Assert(_loop.InEventLoop);
                    if (_leased < _max)
                    {
                        _leased++;
                        Connect(promise);
                        return;
                    }

                    _pending++;
                    _waiting.Enqueue(promise);
                }

                private void Connect(TaskCompletionSource<Lease> promise)
                {
                    Dial().ContinueWith(t =>
                    {
                        if (t.IsFaulted)
                        {
                            _leased--;
                            promise.TrySetException(t.Exception!);
                        }
                        else
                        {
                            promise.TrySetResult(new Lease(_nextId++));
                        }
                    });
                }

                private void DoRelease()
                {
                    _leased--;
                    if (_waiting.Count > 0)
                    {
                        _pending--;
                        DoAcquire(_waiting.Dequeue());
                    }
                }

                private void ExpireWaiters()
                {
                    Debug.Assert(_loop.InEventLoop, "timeouts run on the pool's loop");
                    while (_waiting.Count > 0)
                    {
                        _pending--;
                        _waiting.Dequeue().TrySetCanceled();
                    }
                }

                private static Task Dial() => Task.Delay(5);
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading.Tasks;

            namespace Corpus.Loops
            {
                /// <summary>A single-threaded event loop: it runs what it is given, one item at a time, on its one thread.</summary>
                public interface ILoopExecutor
                {
                    /// <summary>Whether the current thread is the loop's thread.</summary>
                    bool InEventLoop { get; }

                    void Execute(Action action);

                    void Execute(Action<object> action, object state);

                    void Schedule(Action action, TimeSpan delay);
                }

                /// <summary>Checks the pool from the thread pool now and then.</summary>
                public sealed class PoolHealthChecker
                {
                    private readonly LeasePool _pool;

                    public PoolHealthChecker(LeasePool pool) => _pool = pool;

                    public Task ProbeAsync() => Task.Run(async () =>
                    {
                        var lease = await _pool.AcquireAsync();
                        _pool.Release(lease);
                        _pool.ScheduleTimeout(TimeSpan.FromSeconds(1));
                    });
                }
            }
            """,
        },
        Pattern = Issue9Patterns.ExecutorConfinedState,
        Clean = true,
    };
}
