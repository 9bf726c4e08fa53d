namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// False alarm 2 (clean): a sharded cache whose shard methods are named <c>...InsideLock</c>/<c>...Locked</c> and are
/// called by the cache (another type, another file) only while it holds the shard's <c>SyncRoot</c>. Expected:
/// nothing reported; every caller holds the shard's lock.
/// </summary>
internal static class InsideLockNamingCase
{
    public static CorpusCase Case { get; } = new("InsideLockNaming", """
        using System.Collections.Generic;

        namespace Corpus.Caching
        {
            /// <summary>One shard of the cache; callers hold <see cref="SyncRoot"/> around every method.</summary>
            internal sealed class CacheShard
            {
                private readonly Dictionary<string, byte[]> _entries = new Dictionary<string, byte[]>();
                private long _size;
                private int _evictions;

                public object SyncRoot { get; } = new object();

                public long Size => _size;

                public void AddInsideLock(string key, byte[] value, long limit)
                {
                    if (_entries.TryGetValue(key, out var old))
                    {
                        _size -= old.Length;
                    }

                    _entries[key] = value;
                    _size += value.Length;
                    while (_size > limit && _entries.Count > 1)
                    {
                        EvictOneLocked();
                    }
                }

                public bool TryGetInsideLock(string key, out byte[]? value) => _entries.TryGetValue(key, out value);

                private void EvictOneLocked()
                {
                    foreach (var pair in _entries)
                    {
                        _entries.Remove(pair.Key);
                        _size -= pair.Value.Length;
                        _evictions++;
                        return;
                    }
                }
            }
        }
        """)
    {
        Pattern = Issue9Patterns.InsideLockNaming,
        Clean = true,
        MoreFiles = new[]
        {
            """
            using System;
            using System.Threading.Tasks;

            namespace Corpus.Caching
            {
                public sealed class ShardedCache
                {
                    private readonly CacheShard[] _shards;
                    private readonly long _limitPerShard;

                    public ShardedCache(int shards, long limitPerShard)
                    {
                        _shards = new CacheShard[shards];
                        for (int i = 0; i < shards; i++)
                        {
                            _shards[i] = new CacheShard();
                        }

                        _limitPerShard = limitPerShard;
                    }

                    public void Set(string key, byte[] value)
                    {
                        var shard = ShardOf(key);
                        lock (shard.SyncRoot)
                        {
                            shard.AddInsideLock(key, value, _limitPerShard);
                        }
                    }

                    public byte[]? Get(string key)
                    {
                        var shard = ShardOf(key);
                        lock (shard.SyncRoot)
                        {
                            return shard.TryGetInsideLock(key, out var value) ? value : null;
                        }
                    }

                    private CacheShard ShardOf(string key) => _shards[(key.GetHashCode() & int.MaxValue) % _shards.Length];
                }

                public static class CacheWarmup
                {
                    public static void Warm(ShardedCache cache, string[] keys) =>
                        Parallel.ForEach(keys, key => cache.Set(key, new byte[16]));
                }
            }
            """,
        },
    };
}
