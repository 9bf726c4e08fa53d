namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 5 (reported): a routing table counts lookups under <c>EnterReadLock</c>, which many readers hold at once, so
/// the lookup counters are lost. Changes counted under <c>EnterWriteLock</c> (exclusive) stay silent.
/// </summary>
internal static class ReadLockCase
{
    public static CorpusCase Case { get; } = new("ReadLock", """
        using System.Collections.Generic;
        using System.Threading;

        namespace Corpus.Routing
        {
            public sealed class RouteTable
            {
                private readonly ReaderWriterLockSlim _lock = new ReaderWriterLockSlim();
                private readonly Dictionary<string, string> _routes = new Dictionary<string, string>();
                private long _lookups;
                private long _misses;
                private int _changes;

                public string? Resolve(string path)
                {
                    _lock.EnterReadLock();
                    try
                    {
                        {|TALLY001:_lookups++|};
                        if (_routes.TryGetValue(path, out var target))
                        {
                            return target;
                        }

                        {|TALLY001:_misses += 1|};
                        return null;
                    }
                    finally
                    {
                        _lock.ExitReadLock();
                    }
                }

                public void Set(string path, string target)
                {
                    _lock.EnterWriteLock();
                    try
                    {
                        _routes[path] = target;
                        _changes++;
                    }
                    finally
                    {
                        _lock.ExitWriteLock();
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.ReadLock,
    };
}
