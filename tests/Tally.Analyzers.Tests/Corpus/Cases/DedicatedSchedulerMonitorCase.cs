namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean), in the shape of a job store's cluster check-in: <c>Initialize</c> runs one check, then creates
/// a scheduler with one dedicated thread (a task scheduler of the project, another file) and starts the check loop on
/// it with <c>Task.Factory.StartNew</c>. The failure count is only written by the check, which runs first on the
/// initializing thread and then only on the scheduler's one thread. Expected: nothing reported.
/// </summary>
internal static class DedicatedSchedulerMonitorCase
{
    public static CorpusCase Case { get; } = new("DedicatedSchedulerMonitor", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Clustering
        {
            public interface IClusterStore
            {
                Task<bool> CheckInAsync(string node);
            }

            public sealed class CheckInLoop
            {
                private readonly IClusterStore _store;
                private readonly string _node;
                private readonly CancellationTokenSource _stop = new CancellationTokenSource();
                private TaskScheduler? _scheduler;
                private Task _loop = Task.CompletedTask;
                private int _failures;
                private DateTime _lastSuccess;

                public CheckInLoop(IClusterStore store, string node)
                {
                    _store = store;
                    _node = node;
                }

                public async Task InitializeAsync()
                {
                    await CheckInAsync().ConfigureAwait(false);
                    _scheduler = new OwnThreadScheduler(threadCount: 1, name: "check-in " + _node);
                    _loop = Task.Factory.StartNew(() => RunAsync(_stop.Token), _stop.Token, TaskCreationOptions.HideScheduler, _scheduler).Unwrap();
                }

                public Task ShutdownAsync()
                {
                    _stop.Cancel();
                    return _loop;
                }

                private async Task RunAsync(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        var pause = TimeSpan.FromSeconds(Math.Min(60, 5 * (_failures + 1)));
                        await Task.Delay(pause, token).ConfigureAwait(false);
                        await CheckInAsync().ConfigureAwait(false);
                    }
                }

                private async Task CheckInAsync()
                {
                    try
                    {
                        if (await _store.CheckInAsync(_node).ConfigureAwait(false))
                        {
                            _failures = 0;
                            _lastSuccess = DateTime.UtcNow;
                        }
                    }
                    catch (TimeoutException)
                    {
                        _failures++;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.StartNewOnOneThreadScheduler,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Clustering
            {
                /// <summary>Runs queued tasks on its own threads.</summary>
                public sealed class OwnThreadScheduler : TaskScheduler
                {
                    private readonly BlockingCollection<Task> _queue = new BlockingCollection<Task>();

                    public OwnThreadScheduler(int threadCount, string name)
                    {
                        for (int i = 0; i < threadCount; i++)
                        {
                            var thread = new Thread(Drain) { IsBackground = true, Name = name };
                            thread.Start();
                        }
                    }

                    public override int MaximumConcurrencyLevel => 1;

                    protected override void QueueTask(Task task) => _queue.Add(task);

                    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

                    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

                    private void Drain()
                    {
                        foreach (var task in _queue.GetConsumingEnumerable())
                        {
                            TryExecuteTask(task);
                        }
                    }
                }
            }
            """,
        },
    };
}
