namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Thread affinity (clean; docs/real-code-fresh2.md, family A, a task library's blocking count): a context that
/// remembers its main thread's id, whose blocking-count helpers assert they run there
/// (<c>Verify.True(IsOnMainThread)</c> through a property that only compares thread ids); a factory calls them around a
/// synchronous wait, and a background monitor only reads the volatile count. Expected: nothing reported.
/// </summary>
internal static class MainThreadBlockingCountCase
{
    public static CorpusCase Case { get; } = new("MainThreadBlockingCount", """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Affinity
        {
            internal static class Verify
            {
                public static void True(bool condition, string message = "")
                {
                    if (!condition)
                    {
                        throw new InvalidOperationException(message);
                    }
                }
            }

            public sealed class UiContext
            {
                private readonly int _mainThreadId;
                private volatile int _blockingCount;

                public UiContext() => _mainThreadId = Environment.CurrentManagedThreadId;

                public bool IsOnMainThread => Environment.CurrentManagedThreadId == _mainThreadId;

                public bool IsMainThreadBlocked => _blockingCount > 0;

                /// <summary>Only called on the main thread.</summary>
                internal void EnterBlocking()
                {
                    Verify.True(this.IsOnMainThread, "main thread only");
                    _blockingCount++;
                }

                /// <summary>Only called on the main thread.</summary>
                internal void ExitBlocking()
                {
                    Verify.True(this.IsOnMainThread, "main thread only");
                    _blockingCount--;
                }
            }
        }
        """)
    {
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Affinity
            {
                public sealed class UiTaskFactory
                {
                    private readonly UiContext _context;

                    public UiTaskFactory(UiContext context) => _context = context;

                    public T Run<T>(Func<Task<T>> work)
                    {
                        if (!_context.IsOnMainThread)
                        {
                            return Task.Run(work).GetAwaiter().GetResult();
                        }

                        _context.EnterBlocking();
                        try
                        {
                            return work().GetAwaiter().GetResult();
                        }
                        finally
                        {
                            _context.ExitBlocking();
                        }
                    }
                }

                public sealed class HangMonitor : IDisposable
                {
                    private readonly UiContext _context;
                    private readonly Timer _timer;
                    private int _hangs;

                    public HangMonitor(UiContext context)
                    {
                        _context = context;
                        _timer = new Timer(_ => Check(), null, Timeout.Infinite, Timeout.Infinite);
                        _timer.Change(1000, Timeout.Infinite);
                    }

                    public int Hangs => Volatile.Read(ref _hangs);

                    private void Check()
                    {
                        if (_context.IsMainThreadBlocked)
                        {
                            Interlocked.Increment(ref _hangs);
                        }

                        _timer.Change(1000, Timeout.Infinite);
                    }

                    public void Dispose() => _timer.Dispose();
                }
            }
            """,
        },
        Clean = true,
        Pattern = Issue9Patterns.ThreadAffinityAssertion,
    };
}
