using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>Updates under every kind of C# lock are never reported (TALLY001-005), and updates outside them still are.</summary>
public class LockRecognitionTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task UpdateInsideLockStatement_IsNotReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_count;

                public void Up()
                {
                    lock (s_gate)
                    {
                        s_count++;
                        if (s_count > 10) { s_count -= 10; }
                    }
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task UpdateBetweenMonitorEnterAndExitInTryFinally_IsNotReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_count;

                public void Up()
                {
                    Monitor.Enter(s_gate);
                    try { s_count++; }
                    finally { Monitor.Exit(s_gate); }
                }

                public void UpWithFlag()
                {
                    bool taken = false;
                    try
                    {
                        Monitor.Enter(s_gate, ref taken);
                        s_count += 2;
                    }
                    finally
                    {
                        if (taken) { Monitor.Exit(s_gate); }
                    }
                }

                public void TryUp()
                {
                    if (Monitor.TryEnter(s_gate))
                    {
                        try { s_count--; }
                        finally { Monitor.Exit(s_gate); }
                    }
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task UpdateInsideLockEnterScope_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Counter
            {
                private static readonly Lock s_lock = new();
                private static int s_count;

                public void Up()
                {
                    using (s_lock.EnterScope()) { s_count++; }
                }

                public void UpWithDeclaration()
                {
                    using var scope = s_lock.EnterScope();
                    s_count += 2;
                }

                public void UpWithLockStatement()
                {
                    lock (s_lock) { s_count--; }
                }
            }
            """);

    [Fact]
    public Task UpdateUnderWriteOrUpgradeableLock_IsNotReported_ButUnderReadLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Counter
            {
                private static readonly ReaderWriterLockSlim s_rw = new ReaderWriterLockSlim();
                private static int s_count;

                public void Write()
                {
                    s_rw.EnterWriteLock();
                    try { s_count++; }
                    finally { s_rw.ExitWriteLock(); }
                }

                public void Upgradeable()
                {
                    s_rw.EnterUpgradeableReadLock();
                    try { s_count += 2; }
                    finally { s_rw.ExitUpgradeableReadLock(); }
                }

                public void Read()
                {
                    s_rw.EnterReadLock();
                    try { {|TALLY001:s_count++|}; }
                    finally { s_rw.ExitReadLock(); }
                }
            }
            """);

    [Fact]
    public Task UpdateUnderSpinLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Counter
            {
                private static SpinLock s_spin = new SpinLock(false);
                private static int s_count;

                public void Up()
                {
                    bool taken = false;
                    try
                    {
                        s_spin.Enter(ref taken);
                        s_count++;
                    }
                    finally
                    {
                        if (taken) { s_spin.Exit(); }
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateBetweenSemaphoreWaitAndRelease_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Counter
            {
                private static readonly SemaphoreSlim s_sem = new SemaphoreSlim(1, 1);
                private static int s_count;

                public async Task UpAsync()
                {
                    await s_sem.WaitAsync();
                    try { s_count++; }
                    finally { s_sem.Release(); }
                }

                public async Task UpConfiguredAsync()
                {
                    await s_sem.WaitAsync().ConfigureAwait(false);
                    s_count += 3;
                    s_sem.Release();
                }

                public void Up()
                {
                    s_sem.Wait();
                    s_count += 2;
                    s_sem.Release();
                }
            }
            """);

    [Fact]
    public Task UpdateInSynchronizedMethod_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;

            class Counter
            {
                private static int s_count;

                [MethodImpl(MethodImplOptions.Synchronized)]
                public static void Up() { s_count++; }
            }
            """);

    [Fact]
    public Task UpdateInPrivateMethodOnlyCalledUnderTheLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_count;

                public void Up() { lock (s_gate) { Increment(); } }
                public void Down() { lock (s_gate) { Increment(); Helper(); } }
                private void Increment() { s_count++; }
                private void Helper() { Increment(); }
            }
            """);

    [Fact]
    public Task UpdateInLocalFunctionOnlyCalledUnderTheLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_count;

                public void Up(int n)
                {
                    lock (s_gate)
                    {
                        for (int i = 0; i < n; i++) { Bump(); }
                    }

                    void Bump() { s_count++; }
                }
            }
            """);

    [Fact]
    public Task UpdateInPrivateMethodAlsoCalledWithoutTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private readonly object _gate = new object();
                private static int s_count;

                public void Up() { lock (_gate) { Increment(); } }
                public void Down() { Increment(); }
                private void Increment() { {|TALLY004:s_count++|}; }
            }
            """);

    [Fact]
    public Task UpdateInPrivateMethodCalledUnderDifferentLocks_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private readonly object _a = new object();
                private readonly object _b = new object();
                private static int s_count;

                public void Up() { lock (_a) { Increment(); } }
                public void Down() { lock (_b) { Increment(); } }
                private void Increment() { {|TALLY004:s_count++|}; }
            }
            """);

    [Fact]
    public Task UpdateInPublicMethodCalledUnderTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            public class Counter
            {
                private readonly object _gate = new object();
                private static int s_count;

                public void Up() { lock (_gate) { Increment(); } }
                public void Increment() { {|TALLY004:s_count++|}; }
            }
            """);

    [Fact]
    public Task PublicMethodOfAnInternalTypeCalledOnlyUnderTheLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            internal sealed class Segment
            {
                private long _length;

                public void Append(long end) { _length = System.Math.Max(_length, end); }
                public void Truncate(long length) { Interlocked.Exchange(ref _length, length); }
            }

            public sealed class Log
            {
                private readonly object _gate = new object();
                private readonly Segment _segment = new Segment();

                public void Write(long end) { lock (_gate) { _segment.Append(end); } }
                public void Reset() { lock (_gate) { _segment.Truncate(0); } }
            }
            """);

    [Fact]
    public Task PublicMethodOfAnInternalTypeThatImplementsAnInterface_CanBeCalledFromOutside_AndIsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public interface ISegment { void Append(long end); }

            internal sealed class Segment : ISegment
            {
                private long _length;

                public void Append(long end) { {|TALLY001:_length = System.Math.Max(_length, end)|}; }
                public void Truncate(long length) { Interlocked.Exchange(ref _length, length); }
            }

            public sealed class Log
            {
                private readonly object _gate = new object();
                private readonly Segment _segment = new Segment();

                public ISegment Segment => _segment;
                public void Write(long end) { lock (_gate) { _segment.Append(end); } }
                public void Reset() { lock (_gate) { _segment.Truncate(0); } }
            }
            """);

    [Fact]
    public Task UpdateInLambdaCreatedInsideLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_count;

                public Action Up()
                {
                    lock (s_gate)
                    {
                        return () => {|TALLY004:s_count++|};
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterMonitorExit_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_other;

                public void Up()
                {
                    Monitor.Enter(s_gate);
                    Monitor.Exit(s_gate);
                    {|TALLY004:s_other++|};
                }
            }
            """);

    [Fact]
    public Task UpdateUnderUserLockMethods_IsNotReported_WhenConfigured() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            sealed class MyLock
            {
                public void Acquire() { }
                public void Release() { }
                public IDisposable Hold() => null;
            }

            class Counter
            {
                private static readonly MyLock s_lock = new MyLock();
                private static int s_count;

                public void Up()
                {
                    s_lock.Acquire();
                    try { s_count++; }
                    finally { s_lock.Release(); }
                }

                public void Down()
                {
                    using (s_lock.Hold()) { s_count--; }
                }
            }
            """, new TestOptions { EditorConfig = "tally.lock_methods = MyLock.Acquire|MyLock.Release, MyLock.Hold|MyLock.Release" });

    [Fact]
    public Task UpdateUnderUserLockMethods_IsReported_WhenNotConfigured() =>
        Verify.VerifyAnalyzerAsync("""
            sealed class MyLock
            {
                public void Acquire() { }
                public void Release() { }
            }

            class Counter
            {
                private static readonly MyLock s_lock = new MyLock();
                private static int s_count;

                public void Up()
                {
                    s_lock.Acquire();
                    try { {|TALLY004:s_count++|}; }
                    finally { s_lock.Release(); }
                }
            }
            """);

    [Fact]
    public Task PerKeyLockObjectsAndSemaphoresWithACountAboveOne_DoNotExclude() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            class Store
            {
                private readonly ConcurrentDictionary<string, object> _locks = new ConcurrentDictionary<string, object>();
                private readonly SemaphoreSlim _four = new SemaphoreSlim(4, 4);
                private readonly SemaphoreSlim _one = new SemaphoreSlim(1, 1);
                private int _writes;
                private int _uploads;
                private int _saves;

                public void Run(string[] keys) => Parallel.ForEach(keys, k => { Write(k); Upload(); Save(); });

                private void Write(string key) { lock (_locks.GetOrAdd(key, _ => new object())) { {|TALLY003:_writes++|}; } }
                private void Upload() { _four.Wait(); try { {|TALLY003:_uploads++|}; } finally { _four.Release(); } }
                private void Save() { _one.Wait(); try { _saves++; } finally { _one.Release(); } }
            }
            """);

    [Fact]
    public Task TwoWritersUnderTwoDifferentLocks_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Ledger
            {
                private readonly object _a = new object();
                private readonly object _b = new object();
                private int _total;

                public void Run(int n) => Parallel.For(0, n, i => { Add(); Sub(); });
                private void Add() { lock (_a) { {|TALLY001:_total++|}; } }
                private void Sub() { lock (_b) { {|TALLY001:_total--|}; } }
            }
            """);

    [Fact]
    public Task LocksTakenByHelpersAssertedOrPromisedByName_AreSeen() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using System.Threading;
            using System.Threading.Tasks;

            class Cache
            {
                private readonly object _gate = new object();
                private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1, 1);
                private int _a;
                private int _b;
                private int _c;

                public void Run(int n) => Parallel.For(0, n, i => { lock (_gate) { EvictInsideLock(); Touch(); } FlushAsync().Wait(); });

                private void EvictInsideLock() { _a++; }
                private void Touch() { Debug.Assert(Monitor.IsEntered(_gate)); _b++; }
                private async Task FlushAsync()
                {
                    await EnterAsync();
                    try { _c++; } finally { Exit(); }
                }

                private Task EnterAsync() => _semaphore.WaitAsync();
                private void Exit() => _semaphore.Release();
            }
            """);

    [Fact]
    public Task VirtualCalledByItsBaseClassUnderTheBaseLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            abstract class Pipeline
            {
                private readonly object _gate = new object();
                public void Run(int n) => Parallel.For(0, n, i => { lock (_gate) { OnItem(); } });
                protected abstract void OnItem();
            }

            sealed class CountingPipeline : Pipeline
            {
                private int _items;
                protected override void OnItem() { _items++; }
            }
            """);

    [Fact]
    public Task PrivateMethodCalledUnderTheLockAndFromTheConstructor_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Buffer
            {
                private readonly object _gate = new object();
                private int _size;

                public Buffer() { Grow(); }
                public void Run(int n) => Parallel.For(0, n, i => { lock (_gate) { Grow(); } });
                private void Grow() { _size++; }
            }
            """);

    [Fact]
    public Task UpdatesUnderAReleaserReturnedByALockHelper_AreNotReported_ButUnderAHelperThatDoesNotLock_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class AsyncMutex
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);

                public async Task<IDisposable> LockAsync()
                {
                    await _gate.WaitAsync().ConfigureAwait(false);
                    return new Handle(_gate);
                }

                public IDisposable LockNothing() => new Handle(null);

                private sealed class Handle : IDisposable
                {
                    private SemaphoreSlim? _gate;

                    public Handle(SemaphoreSlim? gate) => _gate = gate;

                    public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
                }
            }

            public sealed class Journal
            {
                private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);
                private readonly AsyncMutex _async = new AsyncMutex();
                private int _flushes;
                private int _saves;
                private int _unguarded;

                public void Run() => Parallel.For(0, 4, i => FlushAsync().Wait());

                private async Task FlushAsync()
                {
                    using (await LockAsync().ConfigureAwait(false))
                    {
                        _flushes++;
                    }

                    using (await _async.LockAsync())
                    {
                        _saves++;
                    }

                    using (_async.LockNothing())
                    {
                        {|TALLY003:_unguarded++|};
                    }
                }

                private async Task<Releaser> LockAsync()
                {
                    await _mutex.WaitAsync().ConfigureAwait(false);
                    return new Releaser(_mutex);
                }

                private readonly struct Releaser : IDisposable
                {
                    private readonly SemaphoreSlim _semaphore;

                    public Releaser(SemaphoreSlim semaphore) => _semaphore = semaphore;

                    public void Dispose() => _semaphore.Release();
                }
            }
            """);

    [Fact]
    public Task VirtualReachedThroughAChainOfProtectedVirtualsUnderTheBaseLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            abstract class Exporter
            {
                private readonly object _gate = new object();
                public void Export(IReadOnlyList<string> batch) => Parallel.For(0, 4, i => { lock (_gate) { ExportBatch(batch); } });
                protected virtual void ExportBatch(IReadOnlyList<string> batch) { foreach (var item in batch) ExportOne(item); }
                protected abstract void ExportOne(string item);
            }

            sealed class CountingExporter : Exporter
            {
                private int _exported;
                protected override void ExportOne(string item) { _exported++; }
            }
            """);

    [Fact]
    public Task VirtualAlsoReachedFromAParallelLoopWithoutTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            abstract class Exporter
            {
                private readonly object _gate = new object();
                public void Export(IReadOnlyList<string> batch) => Parallel.For(0, 4, i => { lock (_gate) { ExportBatch(batch); } });
                public void ExportUnlocked(IReadOnlyList<string> batch) => Parallel.For(0, 4, i => ExportBatch(batch));
                protected virtual void ExportBatch(IReadOnlyList<string> batch) { foreach (var item in batch) ExportOne(item); }
                protected abstract void ExportOne(string item);
            }

            sealed class CountingExporter : Exporter
            {
                private int _exported;
                protected override void ExportOne(string item) { {|TALLY003:_exported++|}; }
            }
            """);

    [Fact]
    public Task PrivateHelperCalledTwiceByOneCallerThatHoldsTheLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Deduplicator
            {
                private readonly HashSet<string> _seen = new HashSet<string>();
                private int _capacity = 16;

                public void Run(string[] keys) => Parallel.ForEach(keys, key => { lock (_seen) { Add(key); } });

                private void Add(string key)
                {
                    if (_seen.Count > _capacity) Grow();
                    if (_seen.Count > 2 * _capacity) Grow();
                    _seen.Add(key);
                }

                private void Grow() { _capacity *= 2; }
            }
            """);

    [Fact]
    public Task UpdateInACatchClauseOfTheTryWhoseFinallyReleases_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Sender
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private long _sequence;

                public void Run(int n) => Parallel.For(0, n, i => Send());

                private void Send()
                {
                    _gate.Wait();
                    try
                    {
                        _sequence++;
                        Write();
                    }
                    catch (InvalidOperationException)
                    {
                        _sequence--;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                private static void Write() { }
            }
            """);

    [Fact]
    public Task UpdateBetweenTheProjectsOwnExclusiveEnterAndExitHelpers_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class EngineLock
            {
                private readonly ReaderWriterLockSlim _engine = new ReaderWriterLockSlim();

                public void EnterExclusive()
                {
                    if (!_engine.TryEnterWriteLock(TimeSpan.FromSeconds(30))) throw new TimeoutException();
                }

                public void ExitExclusive() => _engine.ExitWriteLock();
            }

            public sealed class Engine
            {
                private readonly EngineLock _lock = new EngineLock();
                private long _version;

                public void Bump(int n) => Parallel.For(0, n, i =>
                {
                    _lock.EnterExclusive();
                    _version++;
                    _lock.ExitExclusive();
                });
            }
            """);

    [Fact]
    public Task UpdateBetweenHelpersThatOnlyTakeAReadLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class EngineLock
            {
                private readonly ReaderWriterLockSlim _engine = new ReaderWriterLockSlim();

                public void EnterShared()
                {
                    if (!_engine.TryEnterReadLock(TimeSpan.FromSeconds(30))) throw new TimeoutException();
                }

                public void ExitShared() => _engine.ExitReadLock();
            }

            public sealed class Engine
            {
                private readonly EngineLock _lock = new EngineLock();
                private long _version;

                public void Bump(int n) => Parallel.For(0, n, i =>
                {
                    _lock.EnterShared();
                    {|TALLY003:_version++|};
                    _lock.ExitShared();
                });
            }
            """);
}
