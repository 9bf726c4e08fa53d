namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// A state claim that is not one (marked): a feed poller run by a periodic timer guards each tick with a busy flag
/// checked and set under its lock and cleared in a <c>finally</c>, which would make the ticks exclusive; but a public
/// <c>Resume</c> also clears the flag, holding no claim, so a tick can start while another still polls and both count
/// fetched items. Its twin, the poller's checkpoint, is written only under the lock.
/// </summary>
internal static class PollerBusyFlagResetCase
{
    public static CorpusCase Case { get; } = new("PollerBusyFlagReset", """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Feeds
        {
            public interface IFeedSource
            {
                IReadOnlyList<string> Fetch(long after);
            }

            public sealed class FeedPoller : IDisposable
            {
                private readonly object _sync = new object();
                private readonly IFeedSource _source;
                private readonly Timer _timer;
                private bool _busy;
                private long _itemsFetched;
                private long _checkpoint;

                public FeedPoller(IFeedSource source, TimeSpan period)
                {
                    _source = source;
                    _timer = new Timer(OnTick, null, period, period);
                }

                public long ItemsFetched => _itemsFetched;

                public void Resume()
                {
                    _busy = false;
                }

                private void OnTick(object? state)
                {
                    lock (_sync)
                    {
                        if (_busy)
                        {
                            return;
                        }

                        _busy = true;
                    }

                    try
                    {
                        var items = _source.Fetch(Volatile.Read(ref _checkpoint));
                        {|TALLY003:_itemsFetched += items.Count|};
                        lock (_sync)
                        {
                            _checkpoint += items.Count;
                        }
                    }
                    finally
                    {
                        _busy = false;
                    }
                }

                public void Dispose() => _timer.Dispose();
            }
        }
        """)
    {
        Pattern = Issue9Patterns.StateFreedWithoutClaim,
    };
}
