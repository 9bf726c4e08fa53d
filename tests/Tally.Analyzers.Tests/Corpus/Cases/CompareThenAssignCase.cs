namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 7 (reported): <c>if (latency > _maxLatency) _maxLatency = latency;</c> in request handling that runs on many
/// threads (per-request <c>Task.Run</c>): two threads can both pass the check and the smaller value can be written
/// last, losing the maximum. The write is reported, and so is a minimum with an unset value
/// (<c>if (_min == 0 || v &lt; _min) _min = v;</c>). The same check under the tracker's lock stays silent.
/// </summary>
internal static class CompareThenAssignCase
{
    public static CorpusCase Case { get; } = new("CompareThenAssign", """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;

        namespace Corpus.Latency
        {
            public sealed class LatencyTracker
            {
                private readonly object _gate = new object();
                private long _maxLatency;
                private long _maxQueueTime;
                private long _minLatency;

                public Task Handle(Func<Task> request, long queuedTicks) => Task.Run(async () =>
                {
                    var watch = Stopwatch.StartNew();
                    await request().ConfigureAwait(false);
                    long latency = watch.ElapsedTicks;
                    if (latency > _maxLatency)
                    {
                        {|TALLY003:_maxLatency = latency|};
                    }

                    if (_minLatency == 0 || latency < _minLatency)
                    {
                        {|TALLY003:_minLatency = latency|};
                    }

                    lock (_gate)
                    {
                        if (queuedTicks > _maxQueueTime)
                        {
                            _maxQueueTime = queuedTicks;
                        }
                    }
                });
            }
        }
        """)
    {
        Pattern = Issue9Patterns.CompareThenAssignShape,
    };
}
