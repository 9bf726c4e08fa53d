using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock that belongs to one instance (<c>lock (this)</c>, a lock on an instance field) does not protect static storage:
/// two instances take two different locks and both update the one static (issue 9, miss 5: locks that do not exclude
/// each other). A static lock object does, and an instance lock still protects the instance's own fields.
/// </summary>
public class StaticUnderInstanceLockTests
{
    [Fact]
    public Task StaticCounterUpdatedInsideLockOnThis_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class JobStore
            {
                private static long s_firedCounter;

                public string NextFiredId()
                {
                    lock (this)
                    {
                        return "fired-" + {|TALLY004:s_firedCounter++|};
                    }
                }
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedInsideLockOnAStaticObject_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class JobStore
            {
                private static readonly object s_idLock = new object();
                private static long s_firedCounter;

                public string NextFiredId()
                {
                    lock (s_idLock)
                    {
                        return "fired-" + s_firedCounter++;
                    }
                }
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedInsideLockOnTypeof_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class JobStore
            {
                private static long s_firedCounter;

                public string NextFiredId()
                {
                    lock (typeof(JobStore))
                    {
                        return "fired-" + s_firedCounter++;
                    }
                }
            }
            """);

    [Fact]
    public Task InstanceCounterUpdatedInsideLockOnThis_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class JobStore
            {
                private long _firedCounter;

                public string NextFiredId()
                {
                    lock (this)
                    {
                        return "fired-" + _firedCounter++;
                    }
                }

                public void Reset()
                {
                    lock (this)
                    {
                        _firedCounter = 0;
                    }
                }
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedInsideLockOnAnInstanceField_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Pool
            {
                private readonly object _gate = new object();
                private static int s_created;

                public void Create()
                {
                    lock (_gate)
                    {
                        {|TALLY004:s_created += 1|};
                    }
                }
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedByAHelperEveryCallerCallsInsideLockOnThis_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class TriggerStore
            {
                private static long s_sequence;

                public string Acquire()
                {
                    lock (this)
                    {
                        return NextId();
                    }
                }

                public string Release()
                {
                    lock (this)
                    {
                        return NextId();
                    }
                }

                private string NextId() => "t" + {|TALLY004:s_sequence++|};
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedByAHelperEveryCallerCallsInsideAStaticLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class TriggerStore
            {
                private static readonly object s_sequenceLock = new object();
                private static long s_sequence;

                public string Acquire()
                {
                    lock (s_sequenceLock)
                    {
                        return NextId();
                    }
                }

                public string Release()
                {
                    lock (s_sequenceLock)
                    {
                        return NextId();
                    }
                }

                private string NextId() => "t" + s_sequence++;
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedInASynchronizedInstanceMethod_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;

            class JobStore
            {
                private static long s_firedCounter;

                [MethodImpl(MethodImplOptions.Synchronized)]
                public long NextFired() => {|TALLY004:s_firedCounter++|};
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedInASynchronizedStaticMethod_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;

            class JobStore
            {
                private static long s_firedCounter;

                [MethodImpl(MethodImplOptions.Synchronized)]
                public static long NextFired() => s_firedCounter++;
            }
            """);

    [Fact]
    public Task StaticCounterUpdatedThroughMonitorEnterOnThis_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class JobStore
            {
                private static long s_firedCounter;

                public long NextFired()
                {
                    Monitor.Enter(this);
                    try
                    {
                        return {|TALLY004:s_firedCounter++|};
                    }
                    finally
                    {
                        Monitor.Exit(this);
                    }
                }
            }
            """);

    private const string TwoSchedulers = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class SchedulerHost
        {
            private readonly TriggerStore _store;

            public SchedulerHost(TriggerStore store) => _store = store;

            public Task RunAsync(CancellationToken token) => Task.Run(async () =>
            {
                while (!token.IsCancellationRequested)
                {
                    if (_store.AcquireNext() == null)
                    {
                        await Task.Delay(100, token);
                    }
                }
            });
        }

        public static class Schedulers
        {
            public static Task RunBoth(CancellationToken token)
                => Task.WhenAll(
                    new SchedulerHost(new TriggerStore()).RunAsync(token),
                    new SchedulerHost(new TriggerStore()).RunAsync(token));
        }
        """;

    [Fact]
    public Task StaticSequenceInAProtectedMethodCalledUnderLockOnThisByTwoSchedulersLoops_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            public class TriggerStore
            {
                private static long s_sequence;
                private int _waiting = 1;

                protected virtual string NextFiredId()
                {
                    lock (this)
                    {
                        return "fired-" + {|TALLY003:s_sequence++|};
                    }
                }

                public string? AcquireNext()
                {
                    lock (this)
                    {
                        if (_waiting == 0)
                        {
                            return null;
                        }

                        _waiting--;
                        return NextFiredId();
                    }
                }
            }
            """, new Tally.Analyzers.Tests.Verification.TestOptions { AdditionalSources = new[] { TwoSchedulers } });

    [Fact]
    public Task StaticSequenceUnderLockOnThisOfAStoreEachParallelCopyCreates_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public class TriggerStore
            {
                private static long s_sequence;

                public string NextFiredId()
                {
                    lock (this)
                    {
                        return "fired-" + {|TALLY003:s_sequence++|};
                    }
                }
            }

            public static class Replay
            {
                public static void Run(int partitions)
                    => Parallel.For(0, partitions, partition =>
                    {
                        var store = new TriggerStore();
                        System.Console.WriteLine(store.NextFiredId());
                    });
            }
            """);
}
