using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A read lock is shared: many threads hold it at once, so an update made while holding only the read lock overlaps
/// with itself (issue 9, miss 5: a read lock). The write lock of the same lock excludes every reader, so an update under
/// the write lock stays silent beside it. Both reader-writer locks of System.Threading count, through their enter and
/// exit calls and through the branches that check which lock the thread holds.
/// </summary>
public class ReadLockTests
{
    [Fact]
    public Task UpdateOfAnInstanceCountUnderEnterReadLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class RouteTable
            {
                private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
                private long _lookups;

                public void Resolve()
                {
                    _gate.EnterReadLock();
                    try
                    {
                        {|TALLY003:_lookups++|};
                    }
                    finally
                    {
                        _gate.ExitReadLock();
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateOfAnInstanceCountUnderEnterWriteLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class RouteTable
            {
                private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
                private long _changes;

                public void Set()
                {
                    _gate.EnterWriteLock();
                    try
                    {
                        _changes++;
                    }
                    finally
                    {
                        _gate.ExitWriteLock();
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateUnderTheWriteLock_BesideAnUpdateUnderTheReadLock_IsNotReported_ButTheReadLockedOneIs() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Statistics
            {
                private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
                private long _total;

                public void Record()
                {
                    _gate.EnterReadLock();
                    try { {|TALLY003:_total += 1|}; }
                    finally { _gate.ExitReadLock(); }
                }

                public void Merge(long other)
                {
                    _gate.EnterWriteLock();
                    try { _total += other; }
                    finally { _gate.ExitWriteLock(); }
                }
            }
            """);

    [Fact]
    public async Task UpdateUnderTheReadLock_NamesTheReadLockInItsMessage()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            class RouteTable
            {
                private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
                private long _lookups;

                public void Resolve()
                {
                    _gate.EnterReadLock();
                    try { _lookups++; }
                    finally { _gate.ExitReadLock(); }
                }
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("ReadLock", diagnostic.Properties["Evidence"]);
        Assert.Contains("holds only the read lock of '_gate', which many threads hold at once", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        var additional = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("_gate.ExitReadLock()", additional.SourceTree!.GetText().ToString(additional.SourceSpan)); // The release in the finally, as for every lock.
    }

    [Fact]
    public Task CountUpdatedWhileTheReaderLockIsHeld_IsReported_AndWhileTheWriterLockIsHeld_IsNot() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class ReentrantReadLock
            {
                private readonly ReaderWriterLock _rw = new ReaderWriterLock();
                private int _reentries;

                public void AcquireRead(int timeout)
                {
                    if (_rw.IsReaderLockHeld)
                    {
                        {|TALLY003:_reentries++|};
                    }
                    else if (_rw.IsWriterLockHeld)
                    {
                        _reentries++;
                    }
                    else
                    {
                        _rw.AcquireReaderLock(timeout);
                        _reentries = 1;
                    }
                }

                public void ReleaseRead()
                {
                    if (_rw.IsWriterLockHeld)
                    {
                        _reentries--;
                    }
                    else if (_rw.IsReaderLockHeld && {|TALLY003:--_reentries|} == 0)
                    {
                        _rw.ReleaseReaderLock();
                    }
                }
            }
            """);

    [Fact]
    public Task CountUpdatedInsideAcquireReaderLock_IsReported_AndInsideAcquireWriterLock_IsNot() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Catalog
            {
                private readonly ReaderWriterLock _rw = new ReaderWriterLock();
                private int _reads;
                private int _writes;

                public void Read()
                {
                    _rw.AcquireReaderLock(1000);
                    try { {|TALLY003:_reads++|}; }
                    finally { _rw.ReleaseReaderLock(); }
                }

                public void Write()
                {
                    _rw.AcquireWriterLock(1000);
                    try { _writes++; }
                    finally { _rw.ReleaseWriterLock(); }
                }
            }
            """);

    [Fact]
    public Task UpdateUnderASlimReadLockCheck_IsReported_AndUnderAWriteLockCheck_IsNot() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Engine
            {
                private readonly ReaderWriterLockSlim _engine = new ReaderWriterLockSlim(LockRecursionPolicy.SupportsRecursion);
                private int _nested;

                public void Enter()
                {
                    if (_engine.IsWriteLockHeld)
                    {
                        _nested++;
                        return;
                    }

                    if (_engine.IsReadLockHeld)
                    {
                        {|TALLY003:_nested++|};
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateUnderReadLockAndAnOuterExclusiveLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Statistics
            {
                private readonly object _sync = new object();
                private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
                private long _total;

                public void Record()
                {
                    lock (_sync)
                    {
                        _gate.EnterReadLock();
                        try { _total += 1; }
                        finally { _gate.ExitReadLock(); }
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateAfterTheReadLockIsReleased_IsNotTakenAsUnderIt() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Statistics
            {
                private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
                private long _total;

                public void Record()
                {
                    _gate.EnterWriteLock();
                    _gate.EnterReadLock();
                    _gate.ExitReadLock();
                    _total += 1;
                    _gate.ExitWriteLock();
                }
            }
            """);
}
