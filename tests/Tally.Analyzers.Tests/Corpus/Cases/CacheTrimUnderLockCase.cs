namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean), in the shape of a repeated-message filter: the public check takes a lock and calls a private
/// factory, which calls a private trim helper twice (a normal and an aggressive pass); the helper doubles the cache's
/// budget. Every path to the helper holds the lock; asking about the same locked caller twice must give the same
/// answer. Expected: nothing reported.
/// </summary>
internal static class CacheTrimUnderLockCase
{
    public static CorpusCase Case { get; } = new("CacheTrimUnderLock", """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Filtering
        {
            public sealed class RepeatFilter
            {
                private readonly Dictionary<string, DateTime> _lastSeen = new Dictionary<string, DateTime>();
                private readonly Stack<string> _stale = new Stack<string>();
                private int _budget = 64;
                private int _trims;

                public int Budget => _budget;

                /// <summary>Called by every logging thread.</summary>
                public bool ShouldDrop(string message, DateTime now)
                {
                    lock (_lastSeen)
                    {
                        if (_lastSeen.TryGetValue(message, out var seen) && now - seen < TimeSpan.FromSeconds(10))
                        {
                            return true;
                        }

                        Remember(message, now);
                        return false;
                    }
                }

                private void Remember(string message, DateTime now)
                {
                    if (_lastSeen.Count > _budget)
                    {
                        Trim(now, TimeSpan.FromSeconds(10));
                        if (_lastSeen.Count > 4 * _budget)
                        {
                            Trim(now, TimeSpan.FromSeconds(2));
                        }
                    }

                    _lastSeen[message] = now;
                }

                private void Trim(DateTime now, TimeSpan age)
                {
                    foreach (var pair in _lastSeen)
                    {
                        if (now - pair.Value > age)
                        {
                            _stale.Push(pair.Key);
                        }
                    }

                    while (_stale.Count > 0)
                    {
                        _lastSeen.Remove(_stale.Pop());
                    }

                    _trims++;
                    if (_lastSeen.Count * 2 > _budget)
                    {
                        _budget *= 2;
                    }
                }
            }

            public static class FilterLoad
            {
                public static int Run(RepeatFilter filter, string[] messages)
                {
                    int dropped = 0;
                    Parallel.ForEach(messages, message =>
                    {
                        if (filter.ShouldDrop(message, DateTime.UtcNow))
                        {
                            System.Threading.Interlocked.Increment(ref dropped);
                        }
                    });
                    return dropped;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.LockHeldByEveryCallerButConstructor,
        Clean = true,
    };
}
