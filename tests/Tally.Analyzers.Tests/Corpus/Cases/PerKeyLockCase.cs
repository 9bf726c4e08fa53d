namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 5 (reported): a rate limiter locks a per-key object (<c>lock (_locks.GetOrAdd(key, ...))</c>). That is right
/// for the key's own bucket (<c>bucket.Used++</c>, silent: one lock per bucket), but two different keys hold two
/// different locks, so the global <c>_granted</c>/<c>_denied</c> counters are updated without exclusion: lost updates.
/// </summary>
internal static class PerKeyLockCase
{
    public static CorpusCase Case { get; } = new("PerKeyLock", """
        using System;
        using System.Collections.Concurrent;

        namespace Corpus.Limits
        {
            public sealed class RateLimiter
            {
                private readonly ConcurrentDictionary<string, object> _locks = new ConcurrentDictionary<string, object>();
                private readonly ConcurrentDictionary<string, Bucket> _buckets = new ConcurrentDictionary<string, Bucket>();
                private readonly int _limit;
                private long _granted;
                private long _denied;

                public RateLimiter(int limit) => _limit = limit;

                public bool TryAcquire(string client)
                {
                    var bucket = _buckets.GetOrAdd(client, _ => new Bucket());
                    lock (_locks.GetOrAdd(client, _ => new object()))
                    {
                        if (bucket.Used >= _limit)
                        {
                            {|TALLY005:_denied++|};
                            return false;
                        }

                        bucket.Used++;
                        {|TALLY005:_granted++|};
                        return true;
                    }
                }

                private sealed class Bucket
                {
                    public int Used;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.PerKeyLock,
    };
}
