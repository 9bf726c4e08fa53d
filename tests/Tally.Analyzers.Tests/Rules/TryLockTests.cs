using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Try-locks (issue 9, held-out false-alarm family C): an acquire that may fail holds its lock exactly where the code
/// runs after it succeeded, like <c>lock (x)</c>; code that also runs when it failed holds nothing. Each shape has a
/// not-reported twin (the update only runs with the lock) and a reported one (the update also runs without it).
/// </summary>
public class TryLockTests
{
    [Fact]
    public Task UpdateAfterTryEnterGuardThatReturns_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class KeepAlive
            {
                private readonly object _sync = new object();
                private int _pings;

                public void Run(int n) => Parallel.For(0, n, i => Ping());

                private void Ping()
                {
                    if (!Monitor.TryEnter(_sync)) return;
                    try { _pings++; }
                    finally { Monitor.Exit(_sync); }
                }
            }
            """);

    [Fact]
    public Task UpdateInTheSuccessBranchOfTryEnterWithTimeoutWithoutTryFinally_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Sampler
            {
                private readonly object _sync = new object();
                private long _samples;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    if (Monitor.TryEnter(_sync, TimeSpan.FromMilliseconds(5)))
                    {
                        _samples += i;
                        Monitor.Exit(_sync);
                    }
                });
            }
            """);

    [Fact]
    public Task UpdateInTheFailureBranchOfTryEnter_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Sampler
            {
                private readonly object _sync = new object();
                private long _samples;
                private int _skipped;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    if (Monitor.TryEnter(_sync, TimeSpan.FromMilliseconds(5)))
                    {
                        try { _samples += i; }
                        finally { Monitor.Exit(_sync); }
                    }
                    else
                    {
                        {|TALLY003:_skipped++|};
                    }
                });
            }
            """);

    [Fact]
    public Task UpdateAfterTheTryEnterLockWasReleased_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Sampler
            {
                private readonly object _sync = new object();
                private long _samples;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    if (!Monitor.TryEnter(_sync)) return;
                    try { _samples += i; }
                    finally { Monitor.Exit(_sync); }
                    {|TALLY001:_samples++|};
                });
            }
            """);

    [Fact]
    public Task UpdateGuardedByTheLockTakenFlagOfTryEnter_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Flusher
            {
                private readonly object _sync = new object();
                private int _flushes;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    var taken = false;
                    try
                    {
                        Monitor.TryEnter(_sync, TimeSpan.FromSeconds(1), ref taken);
                        if (!taken) return;
                        _flushes++;
                    }
                    finally
                    {
                        if (taken) Monitor.Exit(_sync);
                    }
                });
            }
            """);

    [Fact]
    public Task UpdateInTryFinallyThatRunsWhetherOrNotTryEnterTookTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Flusher
            {
                private readonly object _sync = new object();
                private int _flushes;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    var taken = false;
                    try
                    {
                        Monitor.TryEnter(_sync, TimeSpan.FromSeconds(1), ref taken);
                        {|TALLY003:_flushes++|};
                    }
                    finally
                    {
                        if (taken) Monitor.Exit(_sync);
                    }
                });
            }
            """);

    [Fact]
    public Task UpdateAfterTryEnterWhoseResultIsOnlyUsedToRelease_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Flusher
            {
                private readonly object _sync = new object();
                private int _flushes;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    var taken = Monitor.TryEnter(_sync);
                    try { {|TALLY003:_flushes++|}; }
                    finally { if (taken) Monitor.Exit(_sync); }
                });
            }
            """);

    [Fact]
    public Task UpdateBehindACompareExchangeGate_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Node { public Node? Next; }

            public sealed class Pool
            {
                private int _gate;
                private int _size;
                private Node? _root;

                public void Churn(int n) => Parallel.For(0, n, i => { if (TryPop(out var node)) TryPush(node); });

                public bool TryPop(out Node? node)
                {
                    node = null;
                    if (Interlocked.CompareExchange(ref _gate, 1, 0) == 0)
                    {
                        var head = _root;
                        if (head != null)
                        {
                            _root = head.Next;
                            _size--;
                            node = head;
                            Volatile.Write(ref _gate, 0);
                            return true;
                        }

                        Volatile.Write(ref _gate, 0);
                    }

                    return false;
                }

                public bool TryPush(Node? node)
                {
                    if (node == null || Interlocked.CompareExchange(ref _gate, 1, 0) != 0) return false;
                    try
                    {
                        node.Next = _root;
                        _root = node;
                        _size++;
                        return true;
                    }
                    finally
                    {
                        _gate = 0;
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterTheCompareExchangeGateWasReopened_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Pool
            {
                private int _gate;
                private int _size;

                public void Churn(int n) => Parallel.For(0, n, i => Push());

                private void Push()
                {
                    if (Interlocked.CompareExchange(ref _gate, 1, 0) == 0)
                    {
                        Volatile.Write(ref _gate, 0);
                        {|TALLY003:_size++|};
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterACompareExchangeGateThatReturnsOnSuccess_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Pool
            {
                private int _gate;
                private int _misses;

                public void Churn(int n) => Parallel.For(0, n, i => Push());

                private void Push()
                {
                    if (Interlocked.CompareExchange(ref _gate, 1, 0) == 0)
                    {
                        Interlocked.Exchange(ref _gate, 0);
                        return;
                    }

                    {|TALLY003:_misses++|};
                }
            }
            """);

    [Fact]
    public Task UpdatesBehindTwoDifferentGates_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Pool
            {
                private int _pushGate;
                private int _popGate;
                private int _size;

                public void Churn(int n) => Parallel.For(0, n, i => { Push(); Pop(); });

                private void Push()
                {
                    if (Interlocked.Exchange(ref _pushGate, 1) == 1) return;
                    {|TALLY001:_size++|};
                    Volatile.Write(ref _pushGate, 0);
                }

                private void Pop()
                {
                    if (Interlocked.Exchange(ref _popGate, 1) != 0) return;
                    {|TALLY001:_size--|};
                    Volatile.Write(ref _popGate, 0);
                }
            }
            """);

    [Fact]
    public Task UpdateBehindAnExchangeGateThatOnlyItsHolderReopens_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Pool
            {
                private int _gate;
                private int _size;

                public void Churn(int n) => Parallel.For(0, n, i => { Push(); Pop(); });

                private void Push()
                {
                    if (Interlocked.Exchange(ref _gate, 1) == 1) return;
                    _size++;
                    Volatile.Write(ref _gate, 0);
                }

                private void Pop()
                {
                    if (Interlocked.Exchange(ref _gate, 1) != 0) return;
                    _size--;
                    Volatile.Write(ref _gate, 0);
                }
            }
            """);

    [Fact]
    public Task UpdateUnderSpinLockTryEnterFlag_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Stats
            {
                private SpinLock _spin = new SpinLock(false);
                private long _hits;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    var taken = false;
                    _spin.TryEnter(ref taken);
                    if (taken)
                    {
                        _hits++;
                        _spin.Exit();
                    }
                });
            }
            """);

    [Fact]
    public Task UpdateAfterSemaphoreWaitZeroOfAOnePermitSemaphore_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Refresher
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _refreshes;

                public async Task RefreshAsync()
                {
                    if (!await _gate.WaitAsync(0).ConfigureAwait(false)) return;
                    try { _refreshes++; }
                    finally { _gate.Release(); }
                }

                public void Refresh()
                {
                    if (_gate.Wait(0))
                    {
                        _refreshes++;
                        _gate.Release();
                    }
                }

                public void Run(int n) => Parallel.For(0, n, i => { Refresh(); _ = RefreshAsync(); });
            }
            """);

    [Fact]
    public Task UpdateAfterSemaphoreWaitZeroOfATwoPermitSemaphore_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Refresher
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(2, 2);
                private int _refreshes;

                public void Refresh()
                {
                    if (_gate.Wait(0))
                    {
                        {|TALLY003:_refreshes++|};
                        _gate.Release();
                    }
                }

                public void Run(int n) => Parallel.For(0, n, i => Refresh());
            }
            """);

    [Fact]
    public Task UpdateAfterAFlagSetByEitherOfTwoWaitsOnOneSemaphore_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Feedback
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private long _sent;

                public void Run(int n) => Parallel.For(0, n, i => _ = SendAsync(i % 2 == 0));

                private async Task SendAsync(bool wait)
                {
                    var taken = wait
                        ? await _gate.WaitAsync(Timeout.Infinite).ConfigureAwait(false)
                        : await _gate.WaitAsync(TimeSpan.Zero).ConfigureAwait(false);
                    if (!taken) return;
                    try { _sent++; }
                    finally { _gate.Release(); }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterAFlagSetByWaitsOnTwoDifferentSemaphores_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Feedback
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly SemaphoreSlim _urgent = new SemaphoreSlim(1, 1);
                private long _sent;

                public void Run(int n) => Parallel.For(0, n, i => _ = SendAsync(i % 2 == 0));

                private async Task SendAsync(bool wait)
                {
                    var taken = wait
                        ? await _urgent.WaitAsync(Timeout.Infinite).ConfigureAwait(false)
                        : await _gate.WaitAsync(TimeSpan.Zero).ConfigureAwait(false);
                    if (!taken) return;
                    try { {|TALLY003:_sent++|}; }
                    finally { (wait ? _urgent : _gate).Release(); }
                }
            }
            """);

    [Fact]
    public Task UpdatesAfterARunOnceGateThatIsNeverReopened_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Channel
            {
                private int _closed;
                private int _open;

                public void Run(int n) => Parallel.For(0, n, i => { Open(); Close(); });

                private void Open() => {|TALLY003:_open++|};

                private void Close()
                {
                    // Once per object: the gate excludes nothing but a second Close.
                    if (Interlocked.Exchange(ref _closed, 1) != 0) return;
                    {|TALLY003:_open--|};
                }
            }
            """);

    [Fact]
    public Task UpdateAfterATryEnterThatWaitsForever_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class WalIndex
            {
                private readonly ReaderWriterLockSlim _indexLock = new ReaderWriterLockSlim();
                private int _version;

                public void ConfirmAll(int n) => Parallel.For(0, n, i => Confirm());

                private void Confirm()
                {
                    _indexLock.TryEnterWriteLock(-1);
                    try { _version++; }
                    finally { _indexLock.ExitWriteLock(); }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterATryEnterWithAFiniteTimeoutWhoseResultIsIgnored_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class WalIndex
            {
                private readonly ReaderWriterLockSlim _indexLock = new ReaderWriterLockSlim();
                private int _version;

                public void ConfirmAll(int n) => Parallel.For(0, n, i => Confirm());

                private void Confirm()
                {
                    _indexLock.TryEnterWriteLock(100);
                    try { {|TALLY003:_version++|}; }
                    finally { if (_indexLock.IsWriteLockHeld) _indexLock.ExitWriteLock(); }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterASourceTryMethodTakingATimeoutText_IsReportedWithoutFailing() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public sealed class Client
            {
                private int _connects;

                public bool TryConnect(string timeout) => timeout.Length > 0;

                public void Run(int n) => Parallel.For(0, n, i =>
                {
                    if (TryConnect("soon")) {|TALLY003:_connects++|};
                });
            }
            """);
}
