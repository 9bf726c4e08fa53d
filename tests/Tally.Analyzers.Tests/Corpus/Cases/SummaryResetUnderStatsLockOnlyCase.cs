namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 5 (reported), the twin of <see cref="SummaryNestedLocksCase"/>: the scrape path resets the sample window under
/// the statistics lock only, while request threads append under the window lock. Two writers of the window's position
/// under two different locks: an append and a reset can interleave and lose the reset (or the sample).
/// </summary>
internal static class SummaryResetUnderStatsLockOnlyCase
{
    public static CorpusCase Case { get; } = new("SummaryResetUnderStatsLockOnly", """
        using System;
        using System.Threading.Tasks;

        namespace Corpus.QuantilesBroken
        {
            internal sealed class SampleWindow
            {
                private readonly double[] _samples = new double[256];

                public int Position { get; private set; }

                public bool IsFull => Position == _samples.Length;

                public void Append(double value)
                {
                    _samples[Position] = value;
                    {|TALLY001:Position++|};
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

                public void Observe(double value)
                {
                    lock (_windowLock)
                    {
                        if (!_window.IsFull)
                        {
                            _window.Append(value);
                        }
                    }
                }

                public double Collect()
                {
                    lock (_statsLock)
                    {
                        for (int i = 0; i < _window.Position; i++)
                        {
                            _max = Math.Max(_max, _window.At(i));
                        }

                        _window.Reset();
                        return _max;
                    }
                }
            }

            public static class Scraper
            {
                public static double Run(QuantileSummary summary, double[] latencies)
                {
                    var scrape = Task.Run(() => summary.Collect());
                    Parallel.ForEach(latencies, l => summary.Observe(l));
                    return scrape.Result;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.TwoDifferentLocks,
    };
}
