namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean): a health poller with a one-shot <c>System.Threading.Timer</c> (period
/// <c>Timeout.Infinite</c>) that its callback re-arms in a <c>finally</c> at the end. The next callback is only
/// scheduled after the current one finished, so callbacks never overlap, and only they update the counters.
/// Expected: nothing reported.
/// </summary>
internal static class OneShotTimerCase
{
    public static CorpusCase Case { get; } = new("OneShotTimer", """
        using System;
        using System.Threading;

        namespace Corpus.Health
        {
            public sealed class HealthPoller : IDisposable
            {
                private readonly Func<bool> _probe;
                private readonly TimeSpan _interval;
                private readonly Timer _timer;
                private int _polls;
                private int _failures;
                private int _consecutiveFailures;

                public HealthPoller(Func<bool> probe, TimeSpan interval)
                {
                    _probe = probe;
                    _interval = interval;
                    _timer = new Timer(Poll, null, interval, Timeout.InfiniteTimeSpan);
                }

                public int Polls => Volatile.Read(ref _polls);

                public bool Healthy => Volatile.Read(ref _consecutiveFailures) < 3;

                private void Poll(object? state)
                {
                    try
                    {
                        _polls++;
                        if (_probe())
                        {
                            _consecutiveFailures = 0;
                        }
                        else
                        {
                            _failures++;
                            _consecutiveFailures++;
                        }
                    }
                    finally
                    {
                        _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                    }
                }

                public void Dispose() => _timer.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.OneShotTimerRearmed,
        Clean = true,
    };
}
