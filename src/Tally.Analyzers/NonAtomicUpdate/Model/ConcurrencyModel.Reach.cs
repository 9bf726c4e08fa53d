using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Reachability: which concurrent entries and roots reach a function, backwards along calls.</summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>How <paramref name="functionKey"/> can be running (memoised).</summary>
        public Reach ReachOf(string functionKey) => _reach.GetOrAdd(functionKey, key => ComputeReach(key, new HashSet<string>()));

        private Reach ComputeReach(string functionKey, HashSet<string> inProgress)
        {
            var entries = new List<ReachedEntry>();
            var fromCaller = false;
            var mainOnly = true;
            var distances = new Dictionary<string, int> { [functionKey] = 0 };
            var owned = new HashSet<string>();
            var queue = new Queue<string>();
            queue.Enqueue(functionKey);
            inProgress.Add(functionKey);
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var distance = distances[current];
                var currentEntries = EntriesOf(current);
                foreach (var entry in currentEntries)
                {
                    entries.Add(new ReachedEntry(entry, distance, IsMany(entry, inProgress), NameOf(current), owned.Contains(current)));
                }

                var hasCallers = false;
                foreach (var call in CallersOf(current))
                {
                    hasCallers = true;
                    if (distance + 1 > MaxDepth)
                    {
                        fromCaller = true;
                        mainOnly = false;
                        continue;
                    }

                    if (!distances.ContainsKey(call.CallerKey))
                    {
                        if (call.Owned || owned.Contains(current))
                        {
                            owned.Add(call.CallerKey);
                        }

                        distances.Add(call.CallerKey, distance + 1);
                        queue.Enqueue(call.CallerKey);
                    }
                }

                if (!hasCallers && currentEntries.Count == 0)
                {
                    fromCaller = true;
                    var function = Function(current);
                    if (function == null || !function.Has(FunctionFlags.Main | FunctionFlags.StaticConstructor))
                    {
                        mainOnly = false;
                    }
                }
            }

            return new Reach(entries, fromCaller, fromCaller && mainOnly);
        }

        private string NameOf(string functionKey) => Function(functionKey)?.Name ?? functionKey;

        /// <summary>
        /// Whether runs of <paramref name="entry"/> overlap with each other: always for Parallel, handlers and periodic
        /// timers; never for one-shot timers and hosted loops; for Task.Run, threads and the like, when the start itself
        /// may run again: in a loop, per item, from code that overlaps with itself, or from a method anyone may call again
        /// (not a constructor, not Main, not a start guarded by a check).
        /// </summary>
        private bool IsMany(EntryFact entry, HashSet<string> inProgress)
        {
            if (_entryMany.TryGetValue(entry, out var known))
            {
                return known;
            }

            bool many;
            if (entry.Multiplicity == Multiplicity.Many || entry.Repeated)
            {
                many = true;
            }
            else if (entry.Multiplicity == Multiplicity.Once || entry.Guarded || entry.EnclosingKey == null)
            {
                many = false;
            }
            else
            {
                var enclosing = Function(entry.EnclosingKey);
                if (enclosing != null && enclosing.Has(FunctionFlags.Constructor | FunctionFlags.StaticConstructor | FunctionFlags.Main | FunctionFlags.RunsOnce))
                {
                    many = false;
                }
                else if (inProgress.Contains(entry.EnclosingKey))
                {
                    return false; // A cycle: decide without memoising.
                }
                else
                {
                    inProgress.Add(entry.EnclosingKey);
                    var reach = _reach.TryGetValue(entry.EnclosingKey, out var cached) ? cached : ComputeReach(entry.EnclosingKey, inProgress);
                    inProgress.Remove(entry.EnclosingKey);
                    many = reach.FromCaller && !reach.MainOnly;
                    foreach (var reached in reach.Entries)
                    {
                        many |= reached.Many;
                    }
                }
            }

            _entryMany.TryAdd(entry, many);
            return many;
        }
    }
}
