using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Facts by key, each key's facts in merge order (tree position, then position in the tree's summary), with that
    /// order kept beside them so that another tree's facts can be merged in where a merge of all trees would put them.
    /// </summary>
    internal sealed class OrderedFacts<T>
    {
        private readonly Dictionary<string, Bucket> _buckets = new Dictionary<string, Bucket>(System.StringComparer.Ordinal);

        public Dictionary<string, Bucket>.KeyCollection Keys => _buckets.Keys;

        /// <summary>Adds a fact; facts must be added in merge order.</summary>
        public void Add(string key, T fact, int tree, int index)
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                _buckets.Add(key, bucket = new Bucket());
            }

            bucket.Facts.Add(fact);
            bucket.Orders.Add(((long)tree << 32) | (uint)index);
        }

        /// <summary>Adds one tree's facts in their summary order, each under the key <paramref name="keyOf"/> gives it.</summary>
        public void AddAll(IReadOnlyList<T> facts, System.Func<T, string> keyOf, int tree)
        {
            for (var i = 0; i < facts.Count; i++)
            {
                Add(keyOf(facts[i]), facts[i], tree, i);
            }
        }

        /// <summary>The facts of <paramref name="key"/>, in merge order; <c>null</c> for none.</summary>
        public List<T>? Get(string key) => _buckets.TryGetValue(key, out var bucket) ? bucket.Facts : null;

        /// <summary>The facts of <paramref name="key"/> and their merge order.</summary>
        public bool TryGet(string key, out Bucket bucket) => _buckets.TryGetValue(key, out bucket);

        /// <summary>The facts of <paramref name="key"/> in both, in the order one merge of both sets of trees would give.</summary>
        public static List<T> Merge(OrderedFacts<T> under, OrderedFacts<T> over, string key)
        {
            under._buckets.TryGetValue(key, out var first);
            over._buckets.TryGetValue(key, out var second);
            var merged = new List<T>((first?.Facts.Count ?? 0) + (second?.Facts.Count ?? 0));
            int i = 0, j = 0;
            while (first != null && i < first.Facts.Count && second != null && j < second.Facts.Count)
            {
                merged.Add(first.Orders[i] < second.Orders[j] ? first.Facts[i++] : second.Facts[j++]);
            }

            for (; first != null && i < first.Facts.Count; i++)
            {
                merged.Add(first.Facts[i]);
            }

            for (; second != null && j < second.Facts.Count; j++)
            {
                merged.Add(second.Facts[j]);
            }

            return merged;
        }

        /// <summary>One key's facts and, at the same index, each fact's merge order (tree position, then index in the tree).</summary>
        internal sealed class Bucket
        {
            public List<T> Facts { get; } = new List<T>(1);

            public List<long> Orders { get; } = new List<long>(1);
        }
    }
}
