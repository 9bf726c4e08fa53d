namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of a metrics library's quantile summary (docs/real-code-wider.md): observations
/// go into a small unsynchronised buffer object the summary owns, under the summary's buffer lock; when the buffer
/// fills, or when the scrape thread asks for a value, a private method takes a second lock (the statistics lock),
/// swaps the hot and cold buffers and drains the cold one, clearing it. The buffer's <c>Add</c> and <c>Clear</c> both
/// run under the buffer lock: <c>Add</c> directly, <c>Clear</c> through two private methods whose callers hold it.
/// Expected: nothing reported. (The real summary also takes both locks nested in one method; the model keeps only the
/// innermost of two nested <c>lock</c> statements and reports that shape, so it is left out here.)
/// </summary>
internal static class SummaryBufferUnderCallerLocksCase
{
    public static CorpusCase Case { get; } = new("SummaryBufferUnderCallerLocks", """
        using System;
        using System.Threading.Tasks;

        namespace Corpus.Metrics
        {
            /// <summary>Not thread-safe: a fixed array of observations with a fill position.</summary>
            internal sealed class ObservationBuffer
            {
                private readonly double[] _values;

                public ObservationBuffer(int capacity)
                {
                    _values = new double[capacity];
                }

                public int Count { get; private set; }

                public bool IsFull => Count == _values.Length;

                public void Add(double value)
                {
                    _values[Count++] = value;
                }

                public double this[int index] => _values[index];

                public void Clear()
                {
                    Count = 0;
                }
            }

            public sealed class LatencySummary
            {
                private readonly object _bufferGate = new object();
                private readonly object _statsGate = new object();
                private ObservationBuffer _hot = new ObservationBuffer(128);
                private ObservationBuffer _cold = new ObservationBuffer(128);
                private double _sum;
                private long _count;

                /// <summary>Called by every request thread.</summary>
                public void Observe(double seconds)
                {
                    lock (_bufferGate)
                    {
                        _hot.Add(seconds);
                        if (_hot.IsFull)
                        {
                            Rotate();
                        }
                    }
                }

                /// <summary>Called by the scrape thread.</summary>
                public double Average()
                {
                    lock (_bufferGate)
                    {
                        Rotate();
                    }

                    lock (_statsGate)
                    {
                        return _count == 0 ? 0 : _sum / _count;
                    }
                }

                private void Rotate()
                {
                    lock (_statsGate)
                    {
                        (_hot, _cold) = (_cold, _hot);
                        Drain();
                    }
                }

                private void Drain()
                {
                    for (int i = 0; i < _cold.Count; i++)
                    {
                        _sum += _cold[i];
                        _count++;
                    }

                    _cold.Clear();
                }
            }

            public static class SummaryLoad
            {
                public static double Run(LatencySummary summary, double[] samples)
                {
                    var scrape = Task.Run(() => summary.Average());
                    Parallel.ForEach(samples, s => summary.Observe(s));
                    return scrape.Result;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LockHeldByEveryCallerButConstructor,
        Clean = true,
    };
}
