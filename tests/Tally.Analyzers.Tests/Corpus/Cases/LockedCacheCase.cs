namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>A cache whose counters are all updated under its lock (or in its constructor): nothing to report.</summary>
internal static class LockedCacheCase
{
    public static CorpusCase Case { get; } = new("LockedCache", """
        using System;
        using System.Collections.Generic;

        namespace Corpus.Caching
        {
            public sealed class LruCache<TKey, TValue>
                where TKey : notnull
            {
                private readonly object _gate = new object();
                private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = new Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>>();
                private readonly LinkedList<(TKey Key, TValue Value)> _order = new LinkedList<(TKey Key, TValue Value)>();
                private readonly int _capacity;
                private long _hits;
                private long _misses;
                private int _evictions;
                private int _resets;

                public LruCache(int capacity)
                {
                    _capacity = capacity;
                    _resets++;
                }

                public double HitRatio
                {
                    get
                    {
                        lock (_gate)
                        {
                            long total = _hits + _misses;
                            return total == 0 ? 0 : (double)_hits / total;
                        }
                    }
                }

                public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
                {
                    lock (_gate)
                    {
                        if (_map.TryGetValue(key, out var node))
                        {
                            _hits++;
                            _order.Remove(node);
                            _order.AddFirst(node);
                            return node.Value.Value;
                        }

                        _misses += 1;
                        var value = factory(key);
                        _map[key] = _order.AddFirst((key, value));
                        if (_map.Count > _capacity)
                        {
                            Evict();
                        }

                        return value;
                    }
                }

                public void Clear()
                {
                    lock (_gate)
                    {
                        _map.Clear();
                        _order.Clear();
                        _resets = _resets + 1;
                    }
                }

                // Only called with _gate held.
                private void Evict()
                {
                    var last = _order.Last!;
                    _order.RemoveLast();
                    _map.Remove(last.Value.Key);
                    _evictions++;
                }
            }
        }
        """);
}
