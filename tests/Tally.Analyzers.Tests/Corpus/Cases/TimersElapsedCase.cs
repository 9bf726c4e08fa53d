namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 2 (reported): a sampler on a <c>System.Timers.Timer</c> with the default <c>AutoReset = true</c>. Elapsed is
/// raised on the thread pool every interval whether or not the previous handler finished, so handlers overlap when
/// sampling is slow: lost updates of the counters.
/// </summary>
internal static class TimersElapsedCase
{
    public static CorpusCase Case { get; } = new("TimersElapsed", """
        using System;
        using System.Timers;

        namespace Corpus.Sampling
        {
            public sealed class QueueDepthSampler : IDisposable
            {
                private readonly Timer _timer = new Timer(50);
                private readonly Func<int> _depth;
                private long _sum;
                private int _samples;

                public QueueDepthSampler(Func<int> depth)
                {
                    _depth = depth;
                    _timer.Elapsed += OnElapsed;
                    _timer.Start();
                }

                public double Average => _samples == 0 ? 0 : (double)_sum / _samples;

                private void OnElapsed(object? sender, ElapsedEventArgs e)
                {
                    {|TALLY003:_sum += _depth()|};
                    {|TALLY003:_samples++|};
                }

                public void Dispose() => _timer.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.TimersTimerElapsed,
    };
}
