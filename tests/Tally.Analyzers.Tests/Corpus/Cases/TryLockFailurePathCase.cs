namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A try-lock that is not a lock where it matters (marked): a metrics flusher run by a periodic timer and by explicit
/// <c>Flush</c> calls waits a little for the flush lock with <c>Monitor.TryEnter(_sync, timeout, ref taken)</c> and
/// flushes anyway when it timed out (the <c>finally</c> exits only if taken), so two flushes can count at once and
/// lose updates. Its twin on the same type, the sample counter, updates only in the branch where the lock was taken.
/// </summary>
internal static class TryLockFailurePathCase
{
    public static CorpusCase Case { get; } = new("TryLockFailurePath", """
        using System;
        using System.Threading;

        namespace Corpus.Metrics
        {
            public sealed class MetricsFlusher : IDisposable
            {
                private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(50);
                private readonly object _sync = new object();
                private readonly Timer _timer;
                private long _flushes;
                private long _samples;

                public MetricsFlusher(TimeSpan period) => _timer = new Timer(_ => Flush(), null, period, period);

                public long Flushes => Interlocked.Read(ref _flushes);

                public void Flush()
                {
                    var taken = false;
                    try
                    {
                        Monitor.TryEnter(_sync, LockWait, ref taken);
                        // Flushes even when the lock was not taken in time: better late data than none.
                        {|TALLY003:_flushes++|};
                    }
                    finally
                    {
                        if (taken)
                        {
                            Monitor.Exit(_sync);
                        }
                    }
                }

                public bool TrySample(int count)
                {
                    if (!Monitor.TryEnter(_sync, LockWait))
                    {
                        return false;
                    }

                    _samples += count;
                    Monitor.Exit(_sync);
                    return true;
                }

                public void Dispose() => _timer.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.TryLockFailureRuns,
    };
}
