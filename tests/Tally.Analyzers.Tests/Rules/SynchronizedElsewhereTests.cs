using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>TALLY001: non-atomic update of a field that is updated with Interlocked/Volatile or under a lock elsewhere.</summary>
public class SynchronizedElsewhereTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task FieldAlsoUpdatedWithInterlocked_IsReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Pool
            {
                private int _rented;

                public void Rent() { Interlocked.Increment(ref _rented); }
                public void Return() { {|TALLY001:_rented--|}; }
            }
            """, new TestOptions { LanguageVersion = version });

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task FieldAlsoUpdatedUnderLock_IsReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            class Cache
            {
                private readonly object _gate = new object();
                private long _size;

                public void Add(long n) { lock (_gate) { _size += n; } }
                public void Remove(long n) { {|TALLY001:_size -= n|}; }
            }
            """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task FieldAlsoWrittenUnderLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Cache
            {
                private readonly object _gate = new object();
                private int _count;

                public void Clear() { lock (_gate) { _count = 0; } }
                public void Add() { {|TALLY001:_count++|}; }
            }
            """);

    [Fact]
    public Task FieldOnlyReadWithVolatileElsewhere_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Progress
            {
                private int _done;

                public int Done => Volatile.Read(ref _done);
                public void Step() { _done++; }
            }
            """);

    [Fact]
    public Task StaticFieldAlsoUpdatedWithInterlocked_IsReportedAsSynchronizedElsewhere() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            static class Ids
            {
                private static long s_next;

                public static long Next() => Interlocked.Increment(ref s_next);
                public static void Skip(long n) { {|TALLY001:s_next += n|}; }
            }
            """);

    [Fact]
    public Task FieldAlwaysUpdatedAtomically_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Pool
            {
                private readonly object _gate = new object();
                private int _rented;
                private int _peak;

                public void Rent() { Interlocked.Increment(ref _rented); }
                public void Return() { Interlocked.Decrement(ref _rented); }
                public void Peak() { lock (_gate) { _peak++; } }
            }
            """);

    [Fact]
    public Task LockOnOtherState_MakesTheTypeShared_NotThisFieldSynchronized() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Registry
            {
                private readonly object _gate = new object();
                private readonly List<string> _names = new List<string>();
                private int _lookups;

                public void Add(string name) { lock (_gate) { _names.Add(name); } }
                public bool Contains(string name) { {|TALLY005:_lookups++|}; lock (_gate) { return _names.Contains(name); } }
            }
            """);

    [Fact]
    public Task UpdateFromNestedTypeOfFieldLockedInOuterType_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Outer
            {
                private static readonly object s_gate = new object();
                private static int s_count;

                public static void Up() { lock (s_gate) { s_count++; } }

                private sealed class Inner
                {
                    public void Down() { {|TALLY001:s_count--|}; }
                }
            }
            """);

    [Fact]
    public Task PropertyOfAnotherObjectAlsoUpdatedUnderLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Stats
            {
                public long Sent { get; set; }
            }

            class Sender
            {
                private readonly object _gate = new object();
                private readonly Stats _stats = new Stats();

                public void Send() { lock (_gate) { _stats.Sent++; } }
                public void SendUnlocked(long n) { {|TALLY001:_stats.Sent += n|}; }
            }
            """);

    [Fact]
    public Task UpdateInPrivateMethodOnlyCalledUnderLock_IsEvidenceForOtherUpdates() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private readonly object _gate = new object();
                private int _count;

                public void Up() { lock (_gate) { Increment(); } }
                private void Increment() { _count++; }
                public void Down() { {|TALLY001:_count--|}; }
            }
            """);

    [Fact]
    public async Task Diagnostic_NamesTheEvidence_AndPointsAtTheInterlockedCall()
    {
        const string source = """
            using System.Threading;

            class Pool
            {
                private int _rented;

                public void Rent() { Interlocked.Increment(ref _rented); }
                public void Return() { _rented--; }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source));
        Assert.Equal("TALLY001", diagnostic.Id);
        Assert.Contains("Interlocked.Increment", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal("SynchronizedElsewhere", diagnostic.Properties["Evidence"]);
        var evidence = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("Interlocked.Increment(ref _rented)", evidence.SourceTree!.GetText().ToString(evidence.SourceSpan));
    }

    [Fact]
    public async Task Diagnostic_NamesTheOtherWriterAndItsFunction()
    {
        const string source = """
            using System.Threading;

            class Progress
            {
                private int _done;
                public int Done => Volatile.Read(ref _done);
                public void Step() { _done++; }
                public void Reset() { Volatile.Write(ref _done, 0); }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source));
        Assert.Contains("updated with Volatile.Write (in 'Progress.Reset') elsewhere", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostic_PointsAtTheLockHeader()
    {
        const string source = """
            class Cache
            {
                private readonly object _gate = new object();
                private long _size;

                public void Add(long n) { lock (_gate) { _size += n; } }
                public void Remove(long n) { _size -= n; }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source));
        Assert.Contains("under a lock", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        var evidence = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("lock (_gate)", evidence.SourceTree!.GetText().ToString(evidence.SourceSpan));
    }

    [Fact]
    public Task MemberOfObjectHeldByThreadStaticField_IsNotReported_EvenWhenUpdatedAtomicallyElsewhere() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            sealed class Stats
            {
                public long Sent;
            }

            static class Telemetry
            {
                private static readonly Stats s_stats = new Stats();
                [ThreadStatic] private static Stats t_stats;

                public static void Send()
                {
                    Interlocked.Increment(ref s_stats.Sent);
                    t_stats.Sent++;
                }
            }
            """);

    [Fact]
    public Task LockedUpdateAndAStartValueWrittenOnlyWhileTheFieldIsZero_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Publisher
            {
                private readonly SemaphoreSlim _open = new SemaphoreSlim(1, 1);
                private readonly object _publish = new object();
                private ulong _next;

                public async Task OpenAsync()
                {
                    await _open.WaitAsync();
                    try
                    {
                        if (_next == 0) { _next = 1; }
                    }
                    finally { _open.Release(); }
                }

                public void Publish(int n) => Parallel.For(0, n, i => { lock (_publish) { _next++; } });
            }
            """);

    [Fact]
    public Task LockedUpdateAndAnUncheckedResetUnderAnotherLock_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Publisher
            {
                private readonly SemaphoreSlim _open = new SemaphoreSlim(1, 1);
                private readonly object _publish = new object();
                private ulong _next;

                public async Task ResetAsync()
                {
                    await _open.WaitAsync();
                    try { _next = 1; }
                    finally { _open.Release(); }
                }

                public void Publish(int n) => Parallel.For(0, n, i => { lock (_publish) { {|TALLY001:_next++|}; } });
            }
            """);

    [Fact]
    public Task AtomicWriteInAHelperThatRunsUnderTheUpdatesOuterLockToo_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            internal sealed class Store
            {
                private readonly ReaderWriterLockSlim _index = new ReaderWriterLockSlim();
                private long _length;

                public void WriteThrough(long end) { _length = System.Math.Max(_length, end); }

                public void ClearIndex()
                {
                    _index.EnterWriteLock();
                    try { Truncate(0); }
                    finally { _index.ExitWriteLock(); }
                }

                private void Truncate(long length) { Interlocked.Exchange(ref _length, length); }
            }

            public sealed class Engine
            {
                private readonly object _exclusive = new object();
                private readonly Store _store = new Store();

                public void Checkpoint() { lock (_exclusive) { Copy(); } }

                private void Copy()
                {
                    _store.WriteThrough(4096);
                    _store.ClearIndex();
                }
            }
            """);

    [Fact]
    public Task AtomicWriteInAHelperThatRunsUnderAnotherLockOnly_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            internal sealed class Store
            {
                private readonly ReaderWriterLockSlim _index = new ReaderWriterLockSlim();
                private long _length;

                public void WriteThrough(long end) { {|TALLY001:_length = System.Math.Max(_length, end)|}; }

                public void ClearIndex()
                {
                    _index.EnterWriteLock();
                    try { Truncate(0); }
                    finally { _index.ExitWriteLock(); }
                }

                private void Truncate(long length) { Interlocked.Exchange(ref _length, length); }
            }

            public sealed class Engine
            {
                private readonly object _exclusive = new object();
                private readonly Store _store = new Store();

                public void Checkpoint() { lock (_exclusive) { _store.WriteThrough(4096); } }
                public void Compact() { _store.ClearIndex(); }
            }
            """);

    [Fact]
    public Task LockedWriteOnAnObjectTheCallerHasJustCreated_DoesNotPairWithTheUpdate() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            internal sealed class Session
            {
                public ulong Offset { get; private set; }
                public ulong MaxSeen { get; private set; }

                public ulong Adjust(ulong tag)
                {
                    if (tag > MaxSeen)
                    {
                        MaxSeen = tag;
                    }

                    return tag + Offset;
                }

                internal void TakeOver(Session old)
                {
                    Offset = old.Offset + old.MaxSeen;
                    MaxSeen = 0;
                }

                internal static Task<Session> CreateAsync() => Task.FromResult(new Session());
            }

            public sealed class Link
            {
                private readonly SemaphoreSlim _recovery = new SemaphoreSlim(1, 1);
                private Session _session = new Session();

                public ulong Deliver(ulong tag) => _session.Adjust(tag);

                public async Task RecoverAsync()
                {
                    await _recovery.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        var fresh = await Session.CreateAsync().ConfigureAwait(false);
                        fresh.TakeOver(_session);
                        _session = fresh;
                    }
                    finally { _recovery.Release(); }
                }
            }
            """);

    [Fact]
    public Task LockedWriteOnTheSharedObject_PairsWithTheUpdate_AndIsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            internal sealed class Session
            {
                public ulong Offset { get; private set; }
                public ulong MaxSeen { get; private set; }

                public ulong Adjust(ulong tag)
                {
                    if (tag > MaxSeen)
                    {
                        {|TALLY001:MaxSeen = tag|};
                    }

                    return tag + Offset;
                }

                internal void Rebase()
                {
                    Offset += MaxSeen;
                    MaxSeen = 0;
                }
            }

            public sealed class Link
            {
                private readonly SemaphoreSlim _recovery = new SemaphoreSlim(1, 1);
                private readonly Session _session = new Session();

                public Link(System.Func<ulong> nextTag)
                {
                    _ = Task.Run(() =>
                    {
                        while (true)
                        {
                            Deliver(nextTag());
                        }
                    });
                }

                private ulong Deliver(ulong tag) => _session.Adjust(tag);

                public async Task RecoverAsync()
                {
                    await _recovery.WaitAsync().ConfigureAwait(false);
                    try { _session.Rebase(); }
                    finally { _recovery.Release(); }
                }
            }
            """);

    /// <summary>
    /// The twin without the delivery loop: the only sign that the session's fields are shared is the owner's lock around
    /// one path into it, which guards the owner's recovery, not the session (issue 9, per-socket helper objects).
    /// </summary>
    [Fact]
    public Task LockedWriteOnTheSharedObjectUnderItsOwnersLock_WithNoConcurrentStartReachingTheUpdate_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            internal sealed class Session
            {
                public ulong Offset { get; private set; }
                public ulong MaxSeen { get; private set; }

                public ulong Adjust(ulong tag)
                {
                    if (tag > MaxSeen)
                    {
                        MaxSeen = tag;
                    }

                    return tag + Offset;
                }

                internal void Rebase()
                {
                    Offset += MaxSeen;
                    MaxSeen = 0;
                }
            }

            public sealed class Link
            {
                private readonly SemaphoreSlim _recovery = new SemaphoreSlim(1, 1);
                private readonly Session _session = new Session();

                public ulong Deliver(ulong tag) => _session.Adjust(tag);

                public async Task RecoverAsync()
                {
                    await _recovery.WaitAsync().ConfigureAwait(false);
                    try { _session.Rebase(); }
                    finally { _recovery.Release(); }
                }
            }
            """);

    [Fact]
    public Task UpdateOfAnInheritedPropertyInOneSubclass_AndALockedWriteInASiblingSubclass_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public abstract class Page
            {
                public int ItemCount { get; protected set; }
            }

            public sealed class DataPage : Page
            {
                public void Insert() { this.ItemCount++; }
            }

            public sealed class HeaderPage : Page
            {
                private readonly object _gate = new object();

                public void Reload(int collections) { lock (_gate) { this.ItemCount = this.ItemCount + collections; } }
            }
            """);

    [Fact]
    public Task UpdateInASubclass_AndALockedWriteInItsBaseClass_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            public abstract class Page
            {
                private readonly object _gate = new object();

                public int ItemCount { get; protected set; }

                public void Reset() { lock (_gate) { this.ItemCount = 0; } }
            }

            public sealed class DataPage : Page
            {
                public void Insert() { {|TALLY001:this.ItemCount++|}; }
            }
            """);
}
