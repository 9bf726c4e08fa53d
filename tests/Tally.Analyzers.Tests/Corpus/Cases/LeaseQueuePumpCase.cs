namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm (clean), in the shape of an event-loop connection pool with a bounded number of leases
/// (docs/real-code-wider.md, pattern 2): acquire and release hop onto the pool's executor, a single-threaded event loop,
/// and assert it there. Releasing decrements the lease count and pumps the waiter queue; each waiter it resumes takes a
/// lease, and a waiter whose connect fails gives it back through the same decrement-and-pump helper. The helper's
/// callers are the release (on the loop) and a waiter that only the pump resumes, so every way into it is on the loop.
/// Expected: nothing reported.
/// </summary>
internal static class LeaseQueuePumpCase
{
    public static CorpusCase Case { get; } = new("LeaseQueuePump", """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;

        namespace Corpus.Pooling
        {
            public sealed class BoundedLeasePool
            {
                private readonly IEventLoop _loop;
                private readonly IConnector _connector;
                private readonly Queue<PendingLease> _waiting = new Queue<PendingLease>();
                private readonly int _maxLeases;
                private int _leased;

                public BoundedLeasePool(IEventLoop loop, IConnector connector, int maxLeases)
                {
                    _loop = loop;
                    _connector = connector;
                    _maxLeases = maxLeases;
                }

                public Task<object> AcquireAsync()
                {
                    var promise = new TaskCompletionSource<object>();
                    if (_loop.InEventLoop)
                    {
                        DoAcquire(promise);
                    }
                    else
                    {
                        _loop.Execute(() => DoAcquire(promise));
                    }

                    return promise.Task;
                }

                public void Release(object connection)
                {
                    if (_loop.InEventLoop)
                    {
                        DoRelease(connection);
                    }
                    else
                    {
                        _loop.Execute(() => DoRelease(connection));
                    }
                }

                private void DoAcquire(TaskCompletionSource<object> promise)
                {
                    Debug.Assert(_loop.InEventLoop);
                    if (_leased < _maxLeases)
                    {
                        _leased++;
                        Connect(promise);
                    }
                    else
                    {
                        _waiting.Enqueue(new PendingLease(this, promise));
                    }
                }

                private void DoRelease(object connection)
                {
                    Debug.Assert(_loop.InEventLoop);
                    _connector.Close(connection);
                    DecrementAndPump();
                }

                private void Connect(TaskCompletionSource<object> promise)
                {
                    var connection = _connector.TryConnect();
                    if (connection != null)
                    {
                        promise.TrySetResult(connection);
                    }
                    else
                    {
                        promise.TrySetException(new InvalidOperationException("connect failed"));
                    }
                }

                private void DecrementAndPump()
                {
                    _leased--;
                    while (_leased < _maxLeases && _waiting.Count > 0)
                    {
                        _waiting.Dequeue().Resume();
                    }
                }

                private sealed class PendingLease
                {
                    private readonly BoundedLeasePool _pool;
                    private readonly TaskCompletionSource<object> _promise;

                    public PendingLease(BoundedLeasePool pool, TaskCompletionSource<object> promise)
                    {
                        _pool = pool;
                        _promise = promise;
                    }

                    public void Resume()
                    {
                        _pool._leased++;
                        var connection = _pool._connector.TryConnect();
                        if (connection == null)
                        {
                            _promise.TrySetException(new InvalidOperationException("connect failed"));
                            _pool.DecrementAndPump();
                            return;
                        }

                        _promise.TrySetResult(connection);
                    }
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;

            namespace Corpus.Pooling
            {
                public interface IEventLoop
                {
                    bool InEventLoop { get; }

                    void Execute(Action action);
                }

                public interface IConnector
                {
                    object? TryConnect();

                    void Close(object connection);
                }
            }
            """,
        },
        Pattern = Issue9Patterns.ExecutorConfinedState,
        Clean = true,
    };
}
