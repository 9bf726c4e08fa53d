using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY006 and TALLY007 stay quiet under every lock TALLY001-005 recognise (the rules share one lock finder): a
/// write-back or a re-read under a lock cannot lose an update to another thread taking the same lock. A re-read is
/// reported again when the lock does not keep every other writer of the field out (issue 9, miss 5): a writer without
/// the lock or under another lock, a lock object per key.
/// </summary>
public class InterlockedMisuseLockTests
{
    [Fact]
    public Task MisuseAndReadAfterBetweenMonitorEnterAndExit_AreNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Counter
        {
            private readonly object _gate = new object();
            private int _count;
            private int _version;

            public void Hit()
            {
                Monitor.Enter(_gate);
                try { _count = Interlocked.Increment(ref _count); }
                finally { Monitor.Exit(_gate); }
            }

            public int Bump()
            {
                Monitor.Enter(_gate);
                try
                {
                    Interlocked.Increment(ref _version);
                    return _version;
                }
                finally { Monitor.Exit(_gate); }
            }
        }
        """);

    [Fact]
    public Task MisuseAndReadAfterInsideLockEnterScope_AreNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Counter
        {
            private readonly Lock _lock = new();
            private int _total;
            private int _version;

            public void Add(int n)
            {
                using (_lock.EnterScope()) { Interlocked.Exchange(ref _total, _total + n); }
            }

            public int Bump()
            {
                using var scope = _lock.EnterScope();
                Interlocked.Increment(ref _version);
                return _version;
            }
        }
        """);

    [Fact]
    public Task MisuseAndReadAfterBetweenSemaphoreWaitAndRelease_AreNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public class Counter
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private long _bytes;
            private int _version;

            public async Task<long> RecordAsync(int n)
            {
                await _gate.WaitAsync();
                try { return _bytes = Interlocked.Add(ref _bytes, n); }
                finally { _gate.Release(); }
            }

            public int Bump()
            {
                _gate.Wait();
                Interlocked.Increment(ref _version);
                var seen = _version;
                _gate.Release();
                return seen;
            }
        }
        """);

    private const string UserLockSource = """
        using System.Threading;

        public sealed class MyLock
        {
            public void Acquire() { }
            public void Release() { }
        }

        public class Counter
        {
            private readonly MyLock _lock = new MyLock();
            private int _count;
            private int _version;

            public void Hit()
            {
                _lock.Acquire();
                try { {|TALLY006:_count = Interlocked.Increment(ref _count)|}; }
                finally { _lock.Release(); }
            }

            public int Bump()
            {
                _lock.Acquire();
                try
                {
                    Interlocked.Increment(ref _version);
                    return {|TALLY007:_version|};
                }
                finally { _lock.Release(); }
            }
        }
        """;

    [Fact]
    public Task MisuseAndReadAfterUnderConfiguredLockMethods_AreNotReported() => Verify.VerifyAnalyzerAsync(
        UserLockSource.Replace("{|TALLY006:", string.Empty).Replace("{|TALLY007:", string.Empty).Replace("|}", string.Empty),
        new TestOptions { EditorConfig = "tally.lock_methods = MyLock.Acquire|MyLock.Release" });

    [Fact]
    public Task MisuseAndReadAfterUnderUserLockMethods_AreReported_WhenNotConfigured() => Verify.VerifyAnalyzerAsync(UserLockSource);

    [Fact]
    public Task ReadAfterIncrementInsideALock_IsReported_WhenAnotherWriterDoesNotTakeTheLock() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Cursor
        {
            private readonly object _gate = new object();
            private readonly object _other = new object();
            private int _next;
            private int _version;

            public int Take()
            {
                lock (_gate)
                {
                    Interlocked.Increment(ref _next);
                    Interlocked.Increment(ref _version);
                    return {|TALLY007:_next|} + {|TALLY007:_version|};
                }
            }

            public void Skip() => Interlocked.Increment(ref _next);

            public void Bump()
            {
                lock (_other)
                {
                    Interlocked.Increment(ref _version);
                }
            }
        }
        """);

    [Fact]
    public Task ReadAfterIncrementInsideALock_IsNotReported_WhenEveryOtherWriterTakesTheSameLock() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Cursor
        {
            private readonly object _gate = new object();
            private int _next;

            public Cursor(int start) => _next = start;

            public int Take()
            {
                lock (_gate)
                {
                    Interlocked.Increment(ref _next);
                    return _next;
                }
            }

            public void Skip()
            {
                lock (_gate)
                {
                    Advance();
                }
            }

            private void Advance() => Interlocked.Increment(ref _next);
        }
        """);

    [Fact]
    public Task ReadAfterIncrementUnderAPerKeyLock_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Cursor
        {
            private int _next;

            public int Take(object key)
            {
                lock (key)
                {
                    Interlocked.Increment(ref _next);
                    return {|TALLY007:_next|};
                }
            }
        }
        """);
}
