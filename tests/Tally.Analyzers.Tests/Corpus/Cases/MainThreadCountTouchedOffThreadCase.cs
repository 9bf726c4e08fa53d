namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Thread affinity, reported twin of <see cref="MainThreadBlockingCountCase"/>: the helpers that count pending UI
/// refreshes assert the UI thread, but a cancellation path clears the count from a thread-pool continuation without the
/// check, so it overlaps the UI thread's updates. Expected: TALLY001 on the unchecked write's update.
/// </summary>
internal static class MainThreadCountTouchedOffThreadCase
{
    public static CorpusCase Case { get; } = new("MainThreadCountTouchedOffThread", """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Corpus.Affinity
        {
            public sealed class RefreshQueue
            {
                private readonly Thread _uiThread;
                private int _pending;

                public RefreshQueue(Thread uiThread) => _uiThread = uiThread;

                public void Schedule(Action refresh)
                {
                    Debug.Assert(Thread.CurrentThread == _uiThread, "UI thread only");
                    _pending++;
                    refresh();
                }

                public void Completed()
                {
                    if (Thread.CurrentThread != _uiThread)
                    {
                        throw new InvalidOperationException("UI thread only");
                    }

                    _pending--;
                }

                public Task CancelAllAsync(Task running) =>
                    running.ContinueWith(_ => {|TALLY001:_pending -= 1|}, TaskScheduler.Default);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ThreadCheckOnSomeWritersOnly,
    };
}
