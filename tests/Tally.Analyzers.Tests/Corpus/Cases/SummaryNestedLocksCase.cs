namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of a metrics library's quantile summary (docs/real-code-wider.md, pattern 3):
/// observations are appended to a small unsynchronised sample buffer under the summary's buffer lock; the scrape path
/// takes the buffer lock and, nested inside it in the same method, the statistics lock, then merges and resets the
/// buffer. Both writers of the buffer's position hold the buffer lock; the reset also holds the statistics lock.
/// Expected: nothing reported (the model used to keep only the innermost of two nested <c>lock</c> statements).
/// </summary>
internal static class SummaryNestedLocksCase
{
    public static CorpusCase Case { get; } = new("SummaryNestedLocks", """
        using System;
        using System.Threading.Tasks;

        namespace Corpus.Quantiles
        {
            /// <summary>Not thread-safe: the owner serialises every call.</summary>
            internal sealed class SampleWindow
            {
                private readonly double[] _samples = new double[256];

                public int Position { get; private set; }

                public bool IsFull => Position == _samples.Length;

                public void Append(double value)
                {
                    _samples[Position] = value;
                    Position++;
                }

                public double At(int index) => _samples[index];

                public void Reset()
                {
                    Position = 0;
                }
            }

            public sealed class QuantileSummary
            {
                private readonly object _windowLock = new object();
                private readonly object _statsLock = new object();
                private readonly SampleWindow _window = new SampleWindow();
                private double _max;
                private long _observed;

                /// <summary>Request threads report here.</summary>
                public void Observe(double value)
                {
                    lock (_windowLock)
                    {
                        if (_window.IsFull)
                        {
                            return;
                        }

                        _window.Append(value);
                    }
                }

                /// <summary>The scrape thread collects here.</summary>
                public (double Max, long Count) Collect()
                {
                    lock (_windowLock)
                    {
                        lock (_statsLock)
                        {
                            for (int i = 0; i < _window.Position; i++)
                            {
                                _max = Math.Max(_max, _window.At(i));
                                _observed++;
                            }

                            _window.Reset();
                            return (_max, _observed);
                        }
                    }
                }

                public long Count()
                {
                    lock (_statsLock)
                    {
                        return _observed;
                    }
                }
            }

            public static class Scraper
            {
                public static (double, long) Run(QuantileSummary summary, double[] latencies)
                {
                    var scrape = Task.Run(() => summary.Collect());
                    Parallel.ForEach(latencies, l => summary.Observe(l));
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
