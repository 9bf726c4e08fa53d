namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 3 (clean): a queue poller on a <c>System.Timers.Timer</c> with <c>AutoReset = false</c>; the Elapsed
/// handler restarts the timer when it is done, so handlers never overlap, and only they update the counters.
/// Expected: nothing reported.
/// </summary>
internal static class AutoResetFalseTimerCase
{
    public static CorpusCase Case { get; } = new("AutoResetFalseTimer", """
        using System;
        using System.Collections.Generic;
        using System.Timers;

        namespace Corpus.Polling
        {
            public sealed class QueuePoller : IDisposable
            {
                private readonly Timer _timer;
                private readonly Func<IReadOnlyList<string>> _receive;
                private readonly Action<string> _handle;
                private int _rounds;
                private long _handled;
                private int _idleRounds;

                public QueuePoller(Func<IReadOnlyList<string>> receive, Action<string> handle)
                {
                    _receive = receive;
                    _handle = handle;
                    _timer = new Timer(250) { AutoReset = false };
                    _timer.Elapsed += OnElapsed;
                    _timer.Start();
                }

                public long Handled => System.Threading.Interlocked.Read(ref _handled);

                private void OnElapsed(object? sender, ElapsedEventArgs e)
                {
                    try
                    {
                        _rounds++;
                        var messages = _receive();
                        if (messages.Count == 0)
                        {
                            _idleRounds++;
                        }

                        foreach (string message in messages)
                        {
                            _handle(message);
                            _handled++;
                        }
                    }
                    finally
                    {
                        _timer.Start();
                    }
                }

                public void Dispose() => _timer.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.AutoResetFalseTimer,
        Clean = true,
    };
}
