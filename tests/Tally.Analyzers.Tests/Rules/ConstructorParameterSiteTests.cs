using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A delegate handed to a constructor that keeps it where the model does not follow (a field others may read) runs,
/// as far as the model knows, where the object was made: the code that made it at <em>that</em> site, not every site
/// that ever makes such an object. A game framework's scheduler wraps every action handed to <c>Add(Action)</c> in a
/// task object and runs it on its own thread; one device watcher, started with <c>Task.Run</c>, makes such a task
/// itself. The actions unrelated code hands to the scheduler are not run by the watcher's start.
/// </summary>
public class ConstructorParameterSiteTests
{
    private const string Scheduler = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public class ScheduledTask
        {
            internal Action Task;

            public ScheduledTask(Action task)
            {
                Task = task;
            }

            public bool Cancelled { get; private set; }

            public void Cancel() => Cancelled = true;

            public void RunTask()
            {
                if (!Cancelled)
                {
                    Task();
                }
            }
        }

        public class TaskScheduler
        {
            private readonly Queue<ScheduledTask> _queue = new Queue<ScheduledTask>();
            private readonly Thread _owner;

            public TaskScheduler(Thread owner) => _owner = owner;

            public bool OnOwnThread => Thread.CurrentThread == _owner;

            public ScheduledTask Add(Action task, bool forceScheduled = true)
            {
                if (!forceScheduled && OnOwnThread)
                {
                    task.Invoke();
                    return null;
                }

                var scheduled = new ScheduledTask(task);
                Add(scheduled);
                return scheduled;
            }

            public void Add(ScheduledTask task)
            {
                lock (_queue)
                {
                    _queue.Enqueue(task);
                }
            }

            public void Update()
            {
                while (true)
                {
                    ScheduledTask next;
                    lock (_queue)
                    {
                        if (_queue.Count == 0)
                        {
                            return;
                        }

                        next = _queue.Dequeue();
                    }

                    next.RunTask();
                }
            }
        }
        """;

    private const string Watcher = """
        using System.Threading.Tasks;

        public class DeviceWatcher
        {
            private static int s_refreshes;
            private static int s_pending;
            private readonly TaskScheduler _input;

            public DeviceWatcher(TaskScheduler input) => _input = input;

            public void Enable()
            {
                Task.Run(() =>
                {
                    _input.Add(new ScheduledTask(() => s_refreshes++));
                    _input.Add(() => s_pending++, forceScheduled: false);
                });
            }
        }
        """;

    [Fact]
    public async Task AnActionAnUnrelatedHandlerHandsToTheScheduler_IsNotReachedFromAStartThatMakesAScheduledTaskItself()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed class LoadTracker
            {
                private readonly TaskScheduler _update;
                private int _loaded;

                public LoadTracker(TaskScheduler update) => _update = update;

                public void OnLoaded()
                {
                    _update.Add(() => { _loaded++; });
                }
            }
            """, new TestOptions { AdditionalSources = new[] { Scheduler, Watcher } });

        Assert.False(diagnostics.Any(d => d.GetMessage().Contains("_loaded") && d.GetMessage().Contains("Task.Run")), Listed(diagnostics));
    }

    [Fact]
    public async Task AStaticCounterInAnActionHandedToTheSchedulerByAnEventHandler_IsNotReportedAsStartedByTheWatcher()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;

            public sealed class Window
            {
                public event Action<int> KeyDown;

                public void Poll(int key) => KeyDown?.Invoke(key);
            }

            public sealed class KeyHandler
            {
                private static int s_events;
                private readonly TaskScheduler _input;

                public KeyHandler(Window window, TaskScheduler input)
                {
                    _input = input;
                    window.KeyDown += OnKeyDown;
                }

                private void OnKeyDown(int key) => _input.Add(() => { s_events++; });
            }
            """, new TestOptions { AdditionalSources = new[] { Scheduler, Watcher } });

        Assert.False(diagnostics.Any(d => d.GetMessage().Contains("s_events") && d.GetMessage().Contains("Task.Run")), Listed(diagnostics));
    }

    [Fact]
    public async Task ALambdaTheStartedCodeHandsToTheScheduledTaskItMakes_IsStillReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Watcher, new TestOptions { AdditionalSources = new[] { Scheduler } });

        Assert.True(diagnostics.Any(d => d.Id == "TALLY003" && d.GetMessage().Contains("s_refreshes++") && d.GetMessage().Contains("Task.Run")), Listed(diagnostics));
    }

    [Fact]
    public async Task ALambdaTheStartedCodeHandsToTheSchedulersAdd_IsStillReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Watcher, new TestOptions { AdditionalSources = new[] { Scheduler } });

        Assert.True(diagnostics.Any(d => d.Id == "TALLY003" && d.GetMessage().Contains("s_pending++") && d.GetMessage().Contains("Task.Run")), Listed(diagnostics));
    }

    private static string Listed(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics)
        => string.Join("\n", diagnostics.Select(d => $"{d.Id} {(d.Properties.TryGetValue("Certainty", out var c) ? c : "-")}: {d.GetMessage()}"));
}
