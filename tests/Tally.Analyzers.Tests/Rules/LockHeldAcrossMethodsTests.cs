using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock taken in one method and released in another (fresh sample, family M). For a lock only its holder can release
/// (Monitor, Mutex, the write lock of ReaderWriterLockSlim), code after the acquire runs holding it until a release,
/// and code every path of which reaches this thread's release ran holding it, or the release would throw. A semaphore
/// has no owner: any thread may release it, so it proves neither. Each shape has a not-reported twin and a reported one.
/// </summary>
public class LockHeldAcrossMethodsTests
{
    [Fact]
    public Task UpdatesBetweenAMutexAcquireInOneMethodAndItsReleaseInAnother_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class FileGate
            {
                private readonly Mutex _mutex = new Mutex(false, "gate");
                private int _depth;

                public void Run(int n) => Parallel.For(0, n, i => { Acquire(); Release(); });

                public void Acquire()
                {
                    _mutex.WaitOne();
                    _depth++;
                }

                public void Release()
                {
                    if (_depth > 0)
                    {
                        _depth--;
                        _mutex.ReleaseMutex();
                    }
                }
            }
            """);

    [Fact]
    public Task UpdatesBetweenMonitorEnterInOneMethodAndMonitorExitInAnother_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Section
            {
                private readonly object _sync = new object();
                private int _open;

                public void Run(int n) => Parallel.For(0, n, i => { Begin(); End(); });

                public void Begin()
                {
                    Monitor.Enter(_sync);
                    _open++;
                }

                public void End()
                {
                    _open--;
                    Monitor.Exit(_sync);
                }
            }
            """);

    [Fact]
    public Task UpdatesBetweenASemaphoreWaitInOneMethodAndItsReleaseInAnother_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Section
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _open;

                public void Run(int n) => Parallel.For(0, n, i => { Begin(); End(); });

                public void Begin()
                {
                    _gate.Wait();
                    {|TALLY003:_open++|};
                }

                public void End()
                {
                    {|TALLY003:_open--|};
                    _gate.Release();
                }
            }
            """);

    [Fact]
    public Task UpdateAfterAnAcquireThatABranchMayHaveReleased_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class FileGate
            {
                private readonly Mutex _mutex = new Mutex(false, "gate");
                private int _depth;

                public void Run(int n) => Parallel.For(0, n, i => Acquire(i % 2 == 0));

                public void Acquire(bool quick)
                {
                    _mutex.WaitOne();
                    if (quick)
                    {
                        _mutex.ReleaseMutex();
                    }

                    {|TALLY003:_depth++|};
                }
            }
            """);

    [Fact]
    public Task UpdateInALoopThatMayReleaseTheLockOnAnEarlierTurn_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class FileGate
            {
                private readonly Mutex _mutex = new Mutex(false, "gate");
                private int _writes;

                public void Run(int n) => Parallel.For(0, n, i => Write(i));

                public void Write(int count)
                {
                    _mutex.WaitOne();
                    for (var i = 0; i < count; i++)
                    {
                        {|TALLY003:_writes++|};
                        if (i == 3)
                        {
                            _mutex.ReleaseMutex();
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateOnAPathThatReturnsBeforeTheRelease_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Section
            {
                private readonly object _sync = new object();
                private int _open;

                public void Run(int n) => Parallel.For(0, n, i => End());

                public void End()
                {
                    {|TALLY003:_open--|};
                    if (_open > 0)
                    {
                        return;
                    }

                    Monitor.Exit(_sync);
                }
            }
            """);

    [Fact]
    public Task UpdateBeforeAReleaseWhoseFailureIsCaught_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class FileGate
            {
                private readonly Mutex _mutex = new Mutex(false, "gate");
                private int _depth;

                public void Run(int n) => Parallel.For(0, n, i => Release());

                public void Release()
                {
                    try
                    {
                        {|TALLY003:_depth--|};
                        _mutex.ReleaseMutex();
                    }
                    catch (ApplicationException)
                    {
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateBeforeAnAcquireAndReleaseOfTheSameLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class FileGate
            {
                private readonly Mutex _mutex = new Mutex(false, "gate");
                private int _depth;

                public void Run(int n) => Parallel.For(0, n, i => Touch());

                public void Touch()
                {
                    {|TALLY003:_depth--|};
                    _mutex.WaitOne();
                    _mutex.ReleaseMutex();
                }
            }
            """);

    [Fact]
    public Task UpdatesAfterAWriteLockTakenInOneMethodAndBeforeItsReleaseInAnother_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Journal
            {
                private readonly ReaderWriterLockSlim _rw = new ReaderWriterLockSlim();
                private int _pending;

                public void Run(int n) => Parallel.For(0, n, i => { Open(); Close(); });

                public void Open()
                {
                    _rw.EnterWriteLock();
                    _pending += 2;
                }

                public void Close()
                {
                    _pending -= 2;
                    _rw.ExitWriteLock();
                }
            }
            """);
}
