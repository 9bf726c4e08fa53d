namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 1 (reported): a scheduler creates one periodic <c>System.Threading.Timer</c> per job, each with another
/// object's method (<c>collector.Collect</c>) as its callback. Periodic callbacks overlap when a run is slower than
/// the period, and two jobs share one collector: lost updates of its counters.
/// </summary>
internal static class CrossTypeTimerHandlerCase
{
    public static CorpusCase Case { get; } = new("CrossTypeTimerHandler", """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Scheduling
        {
            public sealed class JobScheduler : IDisposable
            {
                private readonly List<Timer> _timers = new List<Timer>();

                public void Every(TimeSpan period, SampleCollector collector, string source)
                {
                    _timers.Add(new Timer(collector.Collect, source, TimeSpan.Zero, period));
                }

                public void Dispose()
                {
                    foreach (var timer in _timers)
                    {
                        timer.Dispose();
                    }
                }
            }

            public static class Setup
            {
                public static JobScheduler Start(SampleCollector collector)
                {
                    var scheduler = new JobScheduler();
                    scheduler.Every(TimeSpan.FromMilliseconds(100), collector, "cpu");
                    scheduler.Every(TimeSpan.FromMilliseconds(250), collector, "memory");
                    return scheduler;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CrossTypeTimerHandler,
        MoreFiles = new[]
        {
            """
            using System;

            namespace Corpus.Scheduling
            {
                public sealed class SampleCollector
                {
                    private long _samples;
                    private int _runs;

                    public long Samples => _samples;

                    public void Collect(object? state)
                    {
                        {|TALLY003:_runs++|};
                        {|TALLY003:_samples += Measure((string)state!)|};
                    }

                    private static int Measure(string source) => source.Length + Environment.TickCount % 7;
                }
            }
            """,
        },
    };
}
