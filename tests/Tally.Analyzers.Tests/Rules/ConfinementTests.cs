using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// State confined to a single-threaded executor (an event loop): code that asserts it runs there, runs only where the
/// executor says the current thread is its own, is posted to it, or continues confined code without a scheduler, does not
/// overlap with other code confined to the same executor. Each not-reported case has a reported twin without the
/// confinement.
/// </summary>
public class ConfinementTests
{
    private const string Executor = """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;

        public interface IEventExecutor
        {
            bool InEventLoop { get; }

            void Execute(Action action);

            void Execute(Action<object> action, object state);
        }

        """;

    [Fact]
    public Task UpdatesPostedToTheSameExecutor_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Gauge
            {
                private readonly IEventExecutor _executor;
                private int _open;

                public Gauge(IEventExecutor executor) => _executor = executor;

                public void Opened() => _executor.Execute(() => _open++);

                public void Closed() => _executor.Execute(() => _open--);

                public Task Flush() => Task.Run(() => _executor.Execute(() => _open = 0));
            }
            """);

    [Fact]
    public Task UpdateRunDirectlyWithoutTheExecutor_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Gauge
            {
                private readonly IEventExecutor _executor;
                private int _open;

                public Gauge(IEventExecutor executor) => _executor = executor;

                public void Opened() => _executor.Execute(() => _open++);

                // Reported here, where the unconfined writer is (as an unlocked writer is, next to a locked one).
                public void Closed() => Task.Run(() => {|TALLY001:_open--|});
            }
            """);

    [Fact]
    public Task UpdateBehindTheEventLoopHop_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private int _pending;

                public Pool(IEventExecutor executor) => _executor = executor;

                public void Acquire()
                {
                    if (_executor.InEventLoop)
                    {
                        DoAcquire();
                    }
                    else
                    {
                        _executor.Execute(DoAcquire);
                    }
                }

                public void Expire() => _executor.Execute(state => Expired(), this);

                public void Pump() => Task.Run(() => _executor.Execute(DoAcquire));

                private void DoAcquire() => _pending++;

                private void Expired() => _pending--;
            }
            """);

    [Fact]
    public Task UpdateWhoseHopPostsToAnotherExecutor_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private readonly IEventExecutor _other;
                private int _pending;

                public Pool(IEventExecutor executor, IEventExecutor other)
                {
                    _executor = executor;
                    _other = other;
                }

                public void Acquire()
                {
                    if (_executor.InEventLoop)
                    {
                        DoAcquire();
                    }
                    else
                    {
                        _other.Execute(DoAcquire);
                    }
                }

                public void Expire() => _executor.Execute(state => Expired(), this);

                private void DoAcquire() => {|TALLY001:_pending++|};

                private void Expired() => _pending--;
            }
            """);

    [Fact]
    public Task UpdateAfterAnEarlyHopReturn_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Channel
            {
                private readonly IEventExecutor _loop;
                private int _flushed;

                public Channel(IEventExecutor loop) => _loop = loop;

                public void Flush()
                {
                    if (!_loop.InEventLoop)
                    {
                        _loop.Execute(Flush);
                        return;
                    }

                    Advance();
                }

                public void Reset() => Task.Run(() => _loop.Execute(Clear));

                private void Advance() => _flushed++;

                private void Clear() => _flushed = 0;
            }
            """);

    [Fact]
    public Task UpdatesOfFunctionsAssertingTheEventLoop_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private int _acquired;

                public Pool(IEventExecutor executor) => _executor = executor;

                public void Acquired()
                {
                    Debug.Assert(_executor.InEventLoop);
                    _acquired++;
                }

                public void StartTimeout() => Task.Run(() => new Timeout(this).Run());

                private sealed class Timeout
                {
                    private readonly Pool _pool;

                    public Timeout(Pool pool) => _pool = pool;

                    public void Run()
                    {
                        Debug.Assert(_pool._executor.InEventLoop, "timeouts run on the pool's loop");
                        _pool._acquired--;
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateOfAFunctionAssertingAnotherProperty_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private int _acquired;

                public Pool(IEventExecutor executor) => _executor = executor;

                public bool Ready { get; set; }

                public void Acquired()
                {
                    Debug.Assert(Ready);
                    {|TALLY003:_acquired++|};
                }

                public void StartTimeout() => Task.Run(() => Acquired());
            }
            """);

    [Fact]
    public Task ContinuationOfEventLoopCodeWithoutAScheduler_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private int _acquired;

                public Pool(IEventExecutor executor) => _executor = executor;

                public void Acquire() => _executor.Execute(Connect);

                private void Connect()
                {
                    _acquired++;
                    Task.Delay(10).ContinueWith(t => Failed());
                }

                private void Failed() => _acquired--;
            }
            """);

    [Fact]
    public Task ContinuationOfEventLoopCodeOnTheDefaultScheduler_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private int _acquired;

                public Pool(IEventExecutor executor) => _executor = executor;

                public void Acquire() => _executor.Execute(Connect);

                private void Connect()
                {
                    _acquired++;
                    Task.Delay(10).ContinueWith(t => Failed(), TaskScheduler.Default);
                }

                private void Failed() => {|TALLY001:_acquired--|};
            }
            """);

    [Fact]
    public Task ContinuationOfCodeNotConfined_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private int _acquired;

                public void Connect()
                {
                    {|TALLY003:_acquired++|};
                    Task.Delay(10).ContinueWith(t => Failed());
                }

                private void Failed() => {|TALLY003:_acquired--|};
            }
            """);

    [Fact]
    public Task ConfiningPropertyNamedInEditorConfig_ConfinesTheHop() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            public interface IActorQueue
            {
                bool IsCurrent { get; }

                void Post(Action action);
            }

            public sealed class Actor
            {
                private readonly IActorQueue _queue;
                private int _handled;

                public Actor(IActorQueue queue) => _queue = queue;

                public void Handle()
                {
                    if (_queue.IsCurrent)
                    {
                        Count();
                    }
                    else
                    {
                        _queue.Post(Count);
                    }
                }

                public void Drain() => Task.Run(() => _queue.Post(() => _handled = 0));

                private void Count() => _handled++;
            }
            """, new TestOptions { EditorConfig = "tally.confining_properties = IsCurrent" });

    [Fact]
    public Task ConfiningPropertiesSetToNone_ConfinesNothing() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Gauge
            {
                private readonly IEventExecutor _executor;
                private int _open;

                public Gauge(IEventExecutor executor) => _executor = executor;

                public void Opened() => _executor.Execute(() => {|TALLY003:_open++|});

                public void Closed() => Task.Run(() => {|TALLY003:_open--|});

                public void Reset() => _executor.Execute(() => {|TALLY003:_open--|});
            }
            """, new TestOptions { EditorConfig = "tally.confining_properties = none" });

    [Fact]
    public Task CallbackStoredByATaskThatRunsOnTheLoop_IsConfinedToTheLoop() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private readonly Timeout _timeout;
                private int _pending;

                public Pool(IEventExecutor executor)
                {
                    _executor = executor;
                    _timeout = new Timeout(this, Expire);
                }

                public void Acquire() => _executor.Execute(DoAcquire);

                public void StartWatchdog() => Task.Run(() => _timeout.Run());

                private void DoAcquire()
                {
                    Debug.Assert(_executor.InEventLoop);
                    _pending++;
                }

                private void Expire() => _pending--;

                private sealed class Timeout
                {
                    private readonly Pool _pool;
                    private readonly Action _onTimeout;

                    public Timeout(Pool pool, Action onTimeout)
                    {
                        _pool = pool;
                        _onTimeout = onTimeout;
                    }

                    public void Run()
                    {
                        Debug.Assert(_pool._executor.InEventLoop);
                        _onTimeout();
                    }
                }
            }
            """);

    [Fact]
    public Task CallbackStoredByATaskThatAlsoHandsItOut_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private readonly Timeout _timeout;
                private int _pending;

                public Pool(IEventExecutor executor)
                {
                    _executor = executor;
                    _timeout = new Timeout(this, Expire);
                }

                public void Acquire() => _executor.Execute(DoAcquire);

                public void StartWatchdog() => Task.Run(() => _timeout.Run());

                public Action Callback => _timeout.Callback;

                private void DoAcquire()
                {
                    Debug.Assert(_executor.InEventLoop);
                    _pending++;
                }

                private void Expire() => {|TALLY001:_pending--|};

                private sealed class Timeout
                {
                    private readonly Pool _pool;
                    private readonly Action _onTimeout;

                    public Timeout(Pool pool, Action onTimeout)
                    {
                        _pool = pool;
                        _onTimeout = onTimeout;
                    }

                    // Handed out: the callback may run anywhere.
                    public Action Callback => _onTimeout;

                    public void Run()
                    {
                        Debug.Assert(_pool._executor.InEventLoop);
                        _onTimeout();
                    }
                }
            }
            """);

    [Fact]
    public Task CallbackStoredByATaskRunOffTheLoop_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + """
            public sealed class Pool
            {
                private readonly IEventExecutor _executor;
                private readonly Timeout _timeout;
                private int _pending;

                public Pool(IEventExecutor executor)
                {
                    _executor = executor;
                    _timeout = new Timeout(Expire);
                }

                public void Acquire() => _executor.Execute(DoAcquire);

                public void StartWatchdog() => Task.Run(() => _timeout.Run());

                private void DoAcquire()
                {
                    Debug.Assert(_executor.InEventLoop);
                    _pending++;
                }

                private void Expire() => {|TALLY001:_pending--|};

                private sealed class Timeout
                {
                    private readonly Action _onTimeout;

                    public Timeout(Action onTimeout) => _onTimeout = onTimeout;

                    public void Run() => _onTimeout();
                }
            }
            """);

    private const string QueuePump = """
        public sealed class Pool
        {
            private readonly IEventExecutor _executor;
            private readonly System.Collections.Generic.Queue<Waiter> _waiters = new System.Collections.Generic.Queue<Waiter>();
            private int _acquired;

            public Pool(IEventExecutor executor) => _executor = executor;

            public void Acquire() => _executor.Execute(DoAcquire);

            public void Release() => _executor.Execute(DoRelease);

            private void DoAcquire()
            {
                Debug.Assert(_executor.InEventLoop);
                if (_acquired < 4)
                {
                    _acquired++;
                }
                else
                {
                    _waiters.Enqueue(new Waiter(this));
                }
            }

            private void DoRelease()
            {
                Debug.Assert(_executor.InEventLoop);
                Decrement();
            }

            // Its callers: the release (confined) and a waiter resumed by the pump this very method runs.
            private void Decrement()
            {
                MARK_DECREMENT;
                Pump();
            }

            private void Pump()
            {
                while (_acquired < 4 && _waiters.Count > 0)
                {
                    _waiters.Dequeue().Resume();
                }
            }

            private sealed class Waiter
            {
                private readonly Pool _pool;

                public Waiter(Pool pool) => _pool = pool;

                public void Resume()
                {
                    MARK_RESUME;
                    if (_pool._waiters.Count > 8)
                    {
                        _pool.Decrement();
                    }
                }
            }
        PUBLIC_PUMP}
        """;

    [Fact]
    public Task HelperWhoseOtherCallersOnlyComeBackThroughItself_KeepsTheConfinementOfItsConfinedCaller() =>
        Verify.VerifyAnalyzerAsync(Executor + QueuePump.Replace("MARK_DECREMENT", "--_acquired").Replace("MARK_RESUME", "_pool._acquired++").Replace("PUBLIC_PUMP", string.Empty));

    [Fact]
    public Task HelperInACycle_WithAnotherWayInOffTheExecutor_IsReported() =>
        Verify.VerifyAnalyzerAsync(Executor + QueuePump.Replace("MARK_DECREMENT", "{|TALLY001:--_acquired|}").Replace("MARK_RESUME", "{|TALLY001:_pool._acquired++|}").Replace("PUBLIC_PUMP", """
                // Another way into the pump, off the executor: the waiters it resumes run wherever this is called.
                public void Drain() => Pump();

            """));
}
