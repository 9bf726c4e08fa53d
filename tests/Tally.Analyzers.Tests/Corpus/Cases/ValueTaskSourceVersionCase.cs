namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Fresh-sample false-alarm family V (clean): a lease pool hands out a reusable waiter per lease, a hand-written
/// <c>IValueTaskSource&lt;bool&gt;</c>. Producers (the pool's release path, a timer expiring leases) complete it only
/// through Interlocked transitions of its continuation field; its <c>GetResult</c>, called once per operation by the one
/// awaiter of the <c>ValueTask</c>, clears the state and bumps the operation's version. Interlocked in most of the
/// waiter's methods says that producers meet there, not that two awaiters take one result. Expected: nothing reported.
/// </summary>
internal static class ValueTaskSourceVersionCase
{
    public static CorpusCase Case { get; } = new("ValueTaskSourceVersion", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Sources;

        namespace Corpus.Leasing
        {
            /// <summary>Waits for one lease to come back; reused for the lease's next wait once the result was taken.</summary>
            internal sealed class ReturnWaiter : IValueTaskSource<bool>, IThreadPoolWorkItem
            {
                private static readonly Action<object?> Returned = static _ => { };
                private static readonly Action<object?> Expired = static _ => { };

                private Action<object?>? _continuation;
                private object? _continuationState;
                private short _version = short.MinValue;

                public ValueTask<bool> WaitAsync() => new ValueTask<bool>(this, _version);

                /// <summary>The lease came back: run the awaiter's continuation, once.</summary>
                public void Complete()
                {
                    var current = Volatile.Read(ref _continuation);
                    while (current != Returned && current != Expired)
                    {
                        var seen = Interlocked.CompareExchange(ref _continuation, Returned, current);
                        if (seen == current)
                        {
                            current?.Invoke(_continuationState);
                            return;
                        }

                        current = seen;
                    }
                }

                public void Expire()
                {
                    var current = Interlocked.Exchange(ref _continuation, Expired);
                    if (current != null && current != Returned && current != Expired)
                    {
                        current(_continuationState);
                    }
                }

                void IThreadPoolWorkItem.Execute() => Complete();

                bool IValueTaskSource<bool>.GetResult(short token)
                {
                    if (token != _version)
                    {
                        throw new InvalidOperationException("The waiter was awaited twice.");
                    }

                    _continuationState = null;
                    _version++;
                    return Interlocked.Exchange(ref _continuation, null) == Returned;
                }

                ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token)
                {
                    var current = Volatile.Read(ref _continuation);
                    return current == Returned || current == Expired ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;
                }

                void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
                {
                    _continuationState = state;
                    if (Interlocked.CompareExchange(ref _continuation, continuation, null) != null)
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(continuation, state, preferLocal: false);
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ValueTaskSourceConsumer,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Leasing
            {
                /// <summary>One leased resource: who waits for it to come back.</summary>
                internal sealed class Lease
                {
                    private readonly ReturnWaiter _waiter = new ReturnWaiter();
                    private long _expiresAt;

                    public Lease(long expiresAt) => _expiresAt = expiresAt;

                    public bool IsExpired(long now) => Volatile.Read(ref _expiresAt) <= now;

                    public void Extend(long until) => Interlocked.Exchange(ref _expiresAt, until);

                    public ValueTask<bool> WaitForReturnAsync() => _waiter.WaitAsync();

                    public void Returned() => _waiter.Complete();

                    public void Expire() => _waiter.Expire();
                }
            }
            """,
            """
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Leasing
            {
                /// <summary>Hands out leases to many callers; a timer expires the stale ones.</summary>
                public sealed class LeasePool : IDisposable
                {
                    private readonly ConcurrentDictionary<int, Lease> _leases = new ConcurrentDictionary<int, Lease>();
                    private readonly Timer _sweeper;
                    private int _nextId;

                    public LeasePool() => _sweeper = new Timer(_ => Sweep(), null, 1000, 1000);

                    public int Take(long until)
                    {
                        var id = Interlocked.Increment(ref _nextId);
                        _leases[id] = new Lease(until);
                        return id;
                    }

                    public async Task<bool> WaitForReturnAsync(int id)
                        => _leases.TryGetValue(id, out var lease) && await lease.WaitForReturnAsync().ConfigureAwait(false);

                    public void Return(int id)
                    {
                        if (_leases.TryRemove(id, out var lease))
                        {
                            lease.Returned();
                        }
                    }

                    private void Sweep()
                    {
                        var now = Environment.TickCount64;
                        foreach (var pair in _leases)
                        {
                            if (pair.Value.IsExpired(now) && _leases.TryRemove(pair.Key, out var lease))
                            {
                                lease.Expire();
                            }
                        }
                    }

                    public void Dispose() => _sweeper.Dispose();
                }
            }
            """,
        },
    };
}
