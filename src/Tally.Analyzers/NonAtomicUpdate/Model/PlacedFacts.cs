using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// One fact per key where several trees may give one: the first tree's or the last tree's counts, as a merge in tree
    /// order decides. The tree of the fact that counts is kept, so that a tree laid over the merge later decides the same.
    /// </summary>
    internal sealed class PlacedFacts<T>
    {
        private readonly Dictionary<string, Placed> _facts = new Dictionary<string, Placed>(System.StringComparer.Ordinal);
        private readonly bool _lastWins;

        public PlacedFacts(bool lastWins)
        {
            _lastWins = lastWins;
        }

        public Dictionary<string, Placed>.KeyCollection Keys => _facts.Keys;

        public bool Contains(string key) => _facts.ContainsKey(key);

        /// <summary>Adds a fact; facts must be added in tree order.</summary>
        public void Add(string key, T fact, int tree)
        {
            if (_lastWins || !_facts.ContainsKey(key))
            {
                _facts[key] = new Placed(fact, tree);
            }
        }

        /// <summary>The fact that counts for <paramref name="key"/> when <paramref name="over"/> (if any) is merged with <paramref name="under"/>.</summary>
        public static bool TryGet(PlacedFacts<T> under, PlacedFacts<T>? over, string key, out T fact)
        {
            var inUnder = under._facts.TryGetValue(key, out var below);
            if (over == null || !over._facts.TryGetValue(key, out var above))
            {
                fact = inUnder ? below.Fact : default!;
                return inUnder;
            }

            fact = !inUnder || (under._lastWins ? above.Tree > below.Tree : above.Tree < below.Tree) ? above.Fact : below.Fact;
            return true;
        }

        /// <summary>A fact and the position of the tree it came from.</summary>
        internal readonly struct Placed
        {
            public Placed(T fact, int tree)
            {
                Fact = fact;
                Tree = tree;
            }

            public T Fact { get; }

            public int Tree { get; }
        }
    }
}
