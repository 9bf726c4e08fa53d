namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Miss 4 (reported): cache statistics exposed as trivial properties over fields (<c>get => _hits; set => _hits =
/// value;</c>) and updated with <c>stats.Hits++</c> inside a <c>Parallel.ForEach</c>: the property's get and set are
/// a read and a write of the field, so the update is lost like a field's. The sequential twin stays silent.
/// </summary>
internal static class TrivialPropertyCase
{
    public static CorpusCase Case { get; } = new("TrivialProperty", """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Corpus.Caching.Stats
        {
            public sealed class LookupStatistics
            {
                private int _hits;
                private int _misses;

                public int Hits
                {
                    get => _hits;
                    set => _hits = value;
                }

                public int Misses
                {
                    get { return _misses; }
                    set { _misses = value; }
                }
            }

            public static class CacheProbe
            {
                public static LookupStatistics ProbeAll(IReadOnlyDictionary<string, string> cache, IEnumerable<string> keys)
                {
                    var stats = new LookupStatistics();
                    Parallel.ForEach(keys, key =>
                    {
                        if (cache.ContainsKey(key))
                        {
                            {|TALLY003:stats.Hits++|};
                        }
                        else
                        {
                            {|TALLY003:stats.Misses += 1|};
                        }
                    });
                    return stats;
                }

                public static LookupStatistics ProbeSequentially(IReadOnlyDictionary<string, string> cache, IEnumerable<string> keys)
                {
                    var stats = new LookupStatistics();
                    foreach (string key in keys)
                    {
                        if (cache.ContainsKey(key))
                        {
                            stats.Hits++;
                        }
                    }

                    return stats;
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.TrivialPropertyOverField,
    };
}
