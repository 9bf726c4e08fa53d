namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real bug shape (reported): a keyed lock keeps one gate per key in a static concurrent dictionary; each gate counts
/// its waiters with <c>_waiters++</c> BEFORE waiting on its semaphore (so every waiter runs it at once) and
/// <c>_waiters--</c> when releasing. Waiters and the releasing holder race: the count goes wrong and a gate in use can
/// be removed. The semaphore itself is used correctly.
/// </summary>
internal static class KeyedSemaphoreWaitersCase
{
    public static CorpusCase Case { get; } = new("KeyedSemaphoreWaiters", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.KeyedLocks
        {
            public sealed class KeyedLock
            {
                private static readonly ConcurrentDictionary<string, Gate> s_gates = new ConcurrentDictionary<string, Gate>();

                public async Task<IDisposable> AcquireAsync(string key)
                {
                    var gate = s_gates.GetOrAdd(key, _ => new Gate());
                    await gate.WaitAsync().ConfigureAwait(false);
                    return new Releaser(key, gate);
                }

                private sealed class Releaser : IDisposable
                {
                    private readonly string _key;
                    private readonly Gate _gate;

                    public Releaser(string key, Gate gate)
                    {
                        _key = key;
                        _gate = gate;
                    }

                    public void Dispose()
                    {
                        _gate.Release();
                        if (!_gate.HasWaiters)
                        {
                            s_gates.TryRemove(_key, out _);
                        }
                    }
                }

                private sealed class Gate
                {
                    private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                    private int _waiters;

                    public bool HasWaiters => _waiters > 0;

                    public async Task WaitAsync()
                    {
                        {|TALLY005:_waiters++|};
                        await _semaphore.WaitAsync().ConfigureAwait(false);
                    }

                    public void Release()
                    {
                        {|TALLY005:_waiters--|};
                        _semaphore.Release();
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.RealBugKeyedSemaphoreWaiters,
    };
}
