using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// One writer is not many: a loop started once per object (from a constructor) is one writer however many calls away
/// its writes are, and a worker object that is never seen as an interface is not run by the code that calls that
/// interface. Each not-reported case has a reported twin where the start may run again or the object is handed out.
/// </summary>
public class EntryMultiplicityTests
{
    // A connection's read loop delivers each message to its subscription, one after another, four calls down.
    private const string ReadLoop = """
        using System.Threading.Tasks;

        public abstract class Subscription
        {
            public ValueTask ReceiveAsync(string subject) => ReceiveInternalAsync(subject);

            protected abstract ValueTask ReceiveInternalAsync(string subject);
        }

        public sealed class Dispatcher
        {
            private readonly Subscription _subscription;

            public Dispatcher(Subscription subscription) => _subscription = subscription;

            internal ValueTask DispatchAsync(string subject) => _subscription.ReceiveAsync(subject);
        }

        public sealed class Connection
        {
            private readonly Dispatcher _dispatcher;
            private Task _reading = Task.CompletedTask;

            public Connection(Dispatcher dispatcher)
            {
                _dispatcher = dispatcher;
                START_IN_CONSTRUCTOR
            }

            START_IN_METHOD

            private async Task ReadLoopAsync()
            {
                while (true)
                {
                    await DeliverAsync("subject").ConfigureAwait(false);
                }
            }

            private ValueTask DeliverAsync(string subject) => _dispatcher.DispatchAsync(subject);
        }

        public sealed class Consumer : Subscription
        {
            private readonly object _pendingLock = new object();
            private int _pending;
            private int _failures;

            // The heartbeat timer and pull requests touch the pending count: it is locked.
            public void Pull(int count)
            {
                lock (_pendingLock)
                {
                    _pending += count;
                }
            }

            protected override ValueTask ReceiveInternalAsync(string subject)
            {
                if (subject.Length == 0)
                {
                    MARK;
                }
                else
                {
                    _failures = 0;
                }

                return default;
            }
        }
        """;

    [Fact]
    public Task UpdateReachedOnlyByAReadLoopStartedInAConstructor_ManyCallsAway_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(ReadLoop
            .Replace("START_IN_CONSTRUCTOR", "_reading = Task.Run(ReadLoopAsync);")
            .Replace("START_IN_METHOD", string.Empty)
            .Replace("MARK", "_failures++"));

    [Fact]
    public Task UpdateReachedByAReadLoopThatEveryCallStartsAgain_ManyCallsAway_IsReported() =>
        Verify.VerifyAnalyzerAsync(ReadLoop
            .Replace("START_IN_CONSTRUCTOR", string.Empty)
            .Replace("START_IN_METHOD", "public void Start() => _reading = Task.Run(ReadLoopAsync);")
            .Replace("MARK", "{|TALLY005:_failures++|}"));

    [Fact]
    public Task UpdateReachedByTwoLoopsStartedInConstructors_ManyCallsAway_IsReported() =>
        Verify.VerifyAnalyzerAsync(ReadLoop
            .Replace("START_IN_CONSTRUCTOR", "_reading = Task.Run(ReadLoopAsync); Task.Run(ReadLoopAsync);")
            .Replace("START_IN_METHOD", string.Empty)
            .Replace("MARK", "{|TALLY005:_failures++|}"));

    // A timer wheel's worker, run by one thread made in the constructor and started once behind a state transition;
    // elsewhere an executor runs queued IRunnable tasks from any thread.
    private const string TimerWheel = """
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IRunnable
        {
            void Run();
        }

        public sealed class TaskQueue
        {
            private readonly ConcurrentQueue<IRunnable> _tasks = new ConcurrentQueue<IRunnable>();

            public void Submit(IRunnable task) => _tasks.Enqueue(task);

            public void RunAll()
            {
                while (_tasks.TryDequeue(out var task))
                {
                    task.Run();
                }
            }

            public Task RunAllAsync() => Task.Run(RunAll);
        }

        public sealed class WheelTimer
        {
            private const int Init = 0;
            private const int Started = 1;
            private readonly Worker _worker;
            private readonly Thread _thread;
            private int _state;

            public WheelTimer(TaskQueue queue)
            {
                _worker = new Worker(this);
                _thread = new Thread(() => _worker.Run());
                SUBMIT
            }

            public void Start()
            {
                if (Interlocked.CompareExchange(ref _state, Started, Init) == Init)
                {
                    _thread.Start();
                }
            }

            private sealed class Worker : IRunnable
            {
                private readonly WheelTimer _owner;
                private long _tick;

                public Worker(WheelTimer owner) => _owner = owner;

                public void Run()
                {
                    while (Volatile.Read(ref _owner._state) == Started)
                    {
                        MARK;
                    }
                }
            }
        }
        """;

    [Fact]
    public Task WorkerRunByTheOneThreadItsOwnerMade_AndNeverSeenAsTheInterface_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(TimerWheel.Replace("SUBMIT", string.Empty).Replace("MARK", "_tick++"));

    [Fact]
    public Task WorkerAlsoHandedToAQueueAsTheInterface_IsReported() =>
        Verify.VerifyAnalyzerAsync(TimerWheel.Replace("SUBMIT", "queue.Submit(_worker);").Replace("MARK", "{|TALLY003:_tick++|}"));

    [Fact]
    public Task WorkerHandedToAQueueAsAListOfTheInterface_IsReported() =>
        Verify.VerifyAnalyzerAsync(TimerWheel
            .Replace("SUBMIT", "foreach (var task in Tasks(new System.Collections.Generic.List<Worker> { _worker })) { queue.Submit(task); }")
            .Replace("private readonly Thread _thread;", "private readonly Thread _thread;\n\n    private static System.Collections.Generic.IEnumerable<IRunnable> Tasks(System.Collections.Generic.IEnumerable<IRunnable> tasks) => tasks;")
            .Replace("MARK", "{|TALLY003:_tick++|}"));
}
