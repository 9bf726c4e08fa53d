using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Thread affinity: a function that begins by asserting, or by throwing unless, that the current thread is the one a
/// read-only field names (directly, or behind a bool property or method that only compares) runs only on that thread.
/// Writers that all make such a check of one field do not overlap; a writer without it still overlaps them. Each
/// not-reported case has a reported twin.
/// </summary>
public class ThreadAffinityTests
{
    private const string Context = """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;

        public static class Assumes
        {
            public static void True(bool condition) { if (!condition) throw new InvalidOperationException(); }
        }

        """;

    [Fact]
    public Task CountersAssertedOnTheMainThread_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public class TaskContext
            {
                private readonly int _mainThreadId = Environment.CurrentManagedThreadId;
                private volatile int _blocking;

                public bool IsOnMainThread => Environment.CurrentManagedThreadId == _mainThreadId;

                public bool IsBlocked => _blocking > 0;

                internal void IncrementBlocking()
                {
                    Assumes.True(this.IsOnMainThread);
                    _blocking++;
                }

                internal void DecrementBlocking()
                {
                    Assumes.True(IsOnMainThread);
                    _blocking--;
                }
            }

            public class Factory
            {
                private readonly TaskContext _context = new TaskContext();

                public void Block(Action work)
                {
                    _context.IncrementBlocking();
                    try { work(); } finally { _context.DecrementBlocking(); }
                }
            }
            """);

    [Fact]
    public Task CountersAssertedAgainstAThreadIdThatChanges_AreReported() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public class TaskContext
            {
                private int _mainThreadId = Environment.CurrentManagedThreadId;
                private volatile int _blocking;

                public bool IsOnMainThread => Environment.CurrentManagedThreadId == _mainThreadId;

                public void MoveTo(int threadId) => _mainThreadId = threadId;

                internal void IncrementBlocking()
                {
                    Assumes.True(this.IsOnMainThread);
                    {|TALLY002:_blocking++|};
                }

                internal void DecrementBlocking()
                {
                    Assumes.True(IsOnMainThread);
                    {|TALLY002:_blocking--|};
                }
            }

            public class Factory
            {
                private readonly TaskContext _context = new TaskContext();

                public void Block(Action work)
                {
                    _context.IncrementBlocking();
                    try { work(); } finally { _context.DecrementBlocking(); }
                }
            }
            """);

    [Fact]
    public Task WritersThatThrowUnlessOnTheOwnerThread_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public sealed class Loop
            {
                private readonly Thread _owner;
                private int _ticks;

                public Loop(Thread owner) => _owner = owner;

                public void Tick()
                {
                    if (Thread.CurrentThread != _owner)
                    {
                        throw new InvalidOperationException("not on the loop");
                    }

                    _ticks++;
                }

                public void Reset()
                {
                    Debug.Assert(Thread.CurrentThread == _owner, "on the loop");
                    _ticks = 0;
                }

                public void Start() => Task.Run(() => { Tick(); Reset(); });
            }
            """);

    [Fact]
    public Task WriterThatChecksTheThreadOnlyAfterItsUpdate_IsReported() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public sealed class Loop
            {
                private readonly Thread _owner;
                private int _ticks;

                public Loop(Thread owner) => _owner = owner;

                public void Tick()
                {
                    {|TALLY003:_ticks++|};
                    if (Thread.CurrentThread != _owner)
                    {
                        throw new InvalidOperationException("not on the loop");
                    }
                }

                public void Start()
                {
                    for (var i = 0; i < 2; i++)
                    {
                        Task.Run(Tick);
                    }
                }
            }
            """);

    [Fact]
    public Task WriterStartedManyTimesButConfinedToTheOwnerThread_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public sealed class Loop
            {
                private readonly Thread _owner;
                private int _ticks;

                public Loop(Thread owner) => _owner = owner;

                public void Tick()
                {
                    if (Thread.CurrentThread.ManagedThreadId != _owner.ManagedThreadId || Thread.CurrentThread != _owner)
                    {
                        throw new InvalidOperationException("not on the loop");
                    }

                    _ticks++;
                }

                public void Start()
                {
                    for (var i = 0; i < 2; i++)
                    {
                        Task.Run(Tick);
                    }
                }
            }
            """);

    [Fact]
    public Task WriterWithoutTheCheckBesideCheckedOnes_IsReported() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public class TaskContext
            {
                private readonly int _mainThreadId = Environment.CurrentManagedThreadId;
                private int _blocking;

                private bool OnMainThread() => Environment.CurrentManagedThreadId == _mainThreadId;

                internal void IncrementBlocking()
                {
                    Debug.Assert(OnMainThread());
                    _blocking++;
                }

                internal void Forget() => Task.Run(() => {|TALLY001:_blocking--|});
            }
            """);

    [Fact]
    public Task CheckThroughAVirtualProperty_IsNotTrusted() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public class TaskContext
            {
                private readonly int _mainThreadId = Environment.CurrentManagedThreadId;
                private volatile int _blocking;

                public virtual bool IsOnMainThread => Environment.CurrentManagedThreadId == _mainThreadId;

                public void IncrementBlocking()
                {
                    Assumes.True(IsOnMainThread);
                    {|TALLY002:_blocking++|};
                }
            }
            """);

    [Fact]
    public Task StaticCountUnderPerInstanceThreadChecks_IsReported() =>
        Verify.VerifyAnalyzerAsync(Context + """
            public class TaskContext
            {
                private static int s_blocking;
                private readonly int _mainThreadId = Environment.CurrentManagedThreadId;

                public bool IsOnMainThread => Environment.CurrentManagedThreadId == _mainThreadId;

                public void IncrementBlocking()
                {
                    Assumes.True(IsOnMainThread);
                    {|TALLY004:s_blocking++|};
                }
            }
            """);

    private const string Loop = """
        public sealed class MainLoop
        {
            private readonly Thread _thread;
            private Thread _lastThread;

            public MainLoop()
            {
                _thread = new Thread(() => { });
                _lastThread = _thread;
            }

            internal void CheckThread()
            {
                if (Thread.CurrentThread != _thread)
                {
                    throw new InvalidOperationException("missing switch to the main loop");
                }
            }

            internal void CheckLastThread()
            {
                if (Thread.CurrentThread != _lastThread)
                    throw new InvalidOperationException("missing switch to the main loop");
            }
        }

        public static class Engine
        {
            public static MainLoop Loop { get; } = new MainLoop();
        }

        """;

    [Fact]
    public Task WritersThatFirstCallAThreadCheckingHelper_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Context + Loop + """
            public sealed class Choker
            {
                private int _rounds;

                public void Tick()
                {
                    Engine.Loop.CheckThread();
                    _rounds++;
                }

                public void Reset()
                {
                    Engine.Loop.CheckThread();
                    _rounds = 0;
                }

                public void Start()
                {
                    for (var i = 0; i < 2; i++)
                    {
                        Task.Run(Tick);
                    }
                }
            }
            """);

    [Fact]
    public Task WritersThatCallAHelperCheckingAThreadThatChanges_AreReported() =>
        Verify.VerifyAnalyzerAsync(Context + Loop + """
            public sealed class Choker
            {
                private int _rounds;

                public void Tick()
                {
                    Engine.Loop.CheckLastThread();
                    {|TALLY003:_rounds++|};
                }

                public void Start()
                {
                    for (var i = 0; i < 2; i++)
                    {
                        Task.Run(Tick);
                    }
                }
            }
            """);
}
