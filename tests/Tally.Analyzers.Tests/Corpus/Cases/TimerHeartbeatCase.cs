namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A timer callback (a method group of the same type) that updates the type's fields (TALLY003).</summary>
internal static class TimerHeartbeatCase
{
    public static CorpusCase Case { get; } = new("TimerHeartbeat", """
        using System;
        using System.Threading;

        namespace Corpus.Health
        {
            public sealed class Heartbeat : IDisposable
            {
                private readonly Timer _timer;
                private int _beats;
                private int _missed;
                private DateTime _last = DateTime.UtcNow;

                public Heartbeat(TimeSpan period)
                {
                    _timer = new Timer(OnTick, null, period, period);
                }

                public int Beats => _beats;

                private void OnTick(object? state)
                {
                    var now = DateTime.UtcNow;
                    if (now - _last > TimeSpan.FromSeconds(5))
                    {
                        {|TALLY003:_missed++|};
                    }

                    _last = now;
                    {|TALLY003:_beats++|};
                }

                public void Dispose() => _timer.Dispose();
            }
        }
        """);
}
