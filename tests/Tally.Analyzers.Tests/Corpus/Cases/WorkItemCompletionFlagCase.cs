namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Second fresh sample, family H (clean): a work item keeps its life cycle as bits of one state word. Every change of
/// the word holds the scheduler's context lock, taken through the context's internal <c>Gate</c> property; one of the
/// changes is an internal flag property's setter (<c>set { this.state |= CompleteRequested; }</c>), and its only
/// assignment, in <c>Complete</c>, is inside that lock. Work items are run on the thread pool and completed from
/// continuations. Expected: nothing reported.
/// </summary>
internal static class WorkItemCompletionFlagCase
{
    public static CorpusCase Case { get; } = new("WorkItemCompletionFlag", """
        using System;
        using System.Threading.Tasks;

        namespace Corpus.WorkItems
        {
            [Flags]
            internal enum WorkItemFlags
            {
                None = 0,
                Started = 1,
                CompleteRequested = 2,
                CompletingSynchronously = 4,
                Completed = 8,
            }

            /// <summary>A unit of work the scheduler runs; its state changes under the context's lock.</summary>
            public sealed class WorkItem
            {
                private readonly WorkContext context;
                private readonly Func<Task> body;
                private WorkItemFlags state;
                private Task? running;

                internal WorkItem(WorkContext context, Func<Task> body)
                {
                    this.context = context;
                    this.body = body;
                }

                public bool IsCompleted
                {
                    get
                    {
                        lock (this.context.Gate)
                        {
                            return this.IsCompleteRequested;
                        }
                    }
                }

                internal bool IsCompleteRequested
                {
                    get { return (this.state & WorkItemFlags.CompleteRequested) != 0; }

                    set
                    {
                        if (value)
                        {
                            this.state |= WorkItemFlags.CompleteRequested;
                        }
                    }
                }

                internal void Run()
                {
                    lock (this.context.Gate)
                    {
                        this.state |= WorkItemFlags.Started;
                    }

                    this.running = Task.Run(this.body);
                    this.running.ContinueWith(t => this.Complete(t), TaskScheduler.Default);
                }

                internal void Complete(Task finished)
                {
                    lock (this.context.Gate)
                    {
                        if (!this.IsCompleteRequested)
                        {
                            if (finished.IsCompleted && this.running == null)
                            {
                                this.state |= WorkItemFlags.CompletingSynchronously;
                            }

                            this.IsCompleteRequested = true;
                        }
                    }

                    this.context.OnCompleted(this);
                }

                internal void MarkCompleted()
                {
                    lock (this.context.Gate)
                    {
                        this.state |= WorkItemFlags.Completed;
                        this.state &= ~WorkItemFlags.CompletingSynchronously;
                    }
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace Corpus.WorkItems
            {
                /// <summary>The scheduler's shared state: one lock for every work item it runs.</summary>
                public sealed class WorkContext
                {
                    private readonly object gate = new object();
                    private readonly HashSet<WorkItem> pending = new HashSet<WorkItem>();

                    internal object Gate
                    {
                        get { return this.gate; }
                    }

                    public WorkItem Schedule(Func<Task> body)
                    {
                        var item = new WorkItem(this, body);
                        lock (this.gate)
                        {
                            this.pending.Add(item);
                        }

                        Task.Run(() => item.Run());
                        return item;
                    }

                    internal void OnCompleted(WorkItem item)
                    {
                        lock (this.gate)
                        {
                            this.pending.Remove(item);
                        }

                        item.MarkCompleted();
                    }
                }
            }
            """,
            """
            using System.Threading.Tasks;

            namespace Corpus.WorkItems
            {
                /// <summary>Runs a batch of work items at once and waits for them all.</summary>
                public static class Batch
                {
                    public static async Task RunAllAsync(WorkContext context, int count)
                    {
                        var items = new Task[count];
                        for (var i = 0; i < count; i++)
                        {
                            var index = i;
                            items[i] = Task.Run(() => context.Schedule(() => Task.Delay(index)));
                        }

                        await Task.WhenAll(items).ConfigureAwait(false);
                    }
                }
            }
            """,
        },
        Pattern = Issue9Patterns.SetterCalledUnderCallersLock,
        Clean = true,
    };
}
