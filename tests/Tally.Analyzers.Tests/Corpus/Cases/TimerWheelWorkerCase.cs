namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean), in the shape of a hashed wheel timer (docs/real-code-wider.md): the timer's private worker
/// implements the project's <c>IRunnable</c>, but only the one thread the timer makes in its constructor runs it (started
/// once behind a CompareExchange). Elsewhere an executor runs queued <c>IRunnable</c> tasks on its own loop and from
/// any caller; the worker is never handed to it, or seen as an <c>IRunnable</c> at all, so those calls never run the
/// worker, and its tick has one writer. Expected: nothing reported.
/// </summary>
internal static class TimerWheelWorkerCase
{
    public static CorpusCase Case { get; } = new("TimerWheelWorker", """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;

        namespace Corpus.Scheduling
        {
            public sealed class WheelTimer : IDisposable
            {
                private const int Created = 0;
                private const int Running = 1;
                private const int Stopped = 2;

                private readonly Worker _worker;
                private readonly Thread _thread;
                private readonly ConcurrentQueue<Action> _added = new ConcurrentQueue<Action>();
                private readonly TimeSpan _tickLength;
                private int _state;

                public WheelTimer(TimeSpan tickLength)
                {
                    _tickLength = tickLength;
                    _worker = new Worker(this);
                    _thread = new Thread(() => _worker.Run()) { IsBackground = true, Name = "wheel-timer" };
                }

                public void Schedule(Action action)
                {
                    Start();
                    _added.Enqueue(action);
                }

                public void Start()
                {
                    if (Interlocked.CompareExchange(ref _state, Running, Created) == Created)
                    {
                        _thread.Start();
                    }
                }

                public void Dispose()
                {
                    if (Interlocked.Exchange(ref _state, Stopped) == Running && Thread.CurrentThread != _thread)
                    {
                        _thread.Join();
                    }
                }

                private sealed class Worker : IRunnable
                {
                    private readonly WheelTimer _owner;
                    private long _tick;

                    public Worker(WheelTimer owner) => _owner = owner;

                    public long Tick => Interlocked.Read(ref _tick);

                    public void Run()
                    {
                        while (Volatile.Read(ref _owner._state) == Running)
                        {
                            Thread.Sleep(_owner._tickLength);
                            while (_owner._added.TryDequeue(out var action))
                            {
                                action();
                            }

                            _tick++;
                        }
                    }
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            namespace Corpus.Scheduling
            {
                public interface IRunnable
                {
                    void Run();
                }

                public sealed class TaskExecutor
                {
                    private readonly ConcurrentQueue<IRunnable> _tasks = new ConcurrentQueue<IRunnable>();

                    public void Execute(IRunnable task) => _tasks.Enqueue(task);

                    public Task StartAsync() => Task.Run(RunPending);

                    public void RunPending()
                    {
                        while (_tasks.TryDequeue(out var task))
                        {
                            task.Run();
                        }
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.LoopStartedOnceThread,
        Clean = true,
    };
}
