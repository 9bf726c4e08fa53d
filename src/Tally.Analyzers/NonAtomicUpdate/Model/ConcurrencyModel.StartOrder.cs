using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Set-up made by <c>Main</c> before it starts its threads (held-out fresh33, Inveigh's <c>Control</c>): starting a
    /// thread or a task is a happens-before edge, so what <c>Main</c> wrote before the place that starts it is done
    /// before the thread runs, and cannot overlap it. A write reached only from <c>Main</c> (<see cref="Reach.MainOnly"/>,
    /// every root that one <c>Main</c>, no concurrent entry on the way) whose every path leaves <c>Main</c> at a place
    /// before every place of <c>Main</c> through which a start of an entry writing the storage is reached, runs before any
    /// thread that writes the storage exists: it pairs with no writer. Places are ordered block by block
    /// (<see cref="StatementPlace.MayRunBefore"/>): two places in one statement of the innermost block holding both (one
    /// loop, two branches of one <c>if</c>) or both inside loops are not ordered. Deeper calls are followed by the reach.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        // Per function reached only from one Main: where in Main's body its calls leave from.
        // Created on first use: most compilations have no Main, most functions are not reached from it alone.
        private ConcurrentDictionary<string, (string Main, List<StatementPlace> Places)>? _mainPlaces;
        private ConcurrentDictionary<WriteFact, bool>? _beforeStarts;

        /// <summary>
        /// Whether <paramref name="write"/> is made by <c>Main</c> (or code only <c>Main</c> calls) at places of
        /// <c>Main</c>'s body that all come before every place of <c>Main</c> through which any concurrent entry reaching a
        /// writer of the storage is started (memoised).
        /// </summary>
        public bool RunsBeforeStartsInMain(WriteFact write)
            => !write.Excluded && MainPlacesOf(write.FunctionKey, write.Place) is { } at
                && LazyInitializer.EnsureInitialized(ref _beforeStarts, () => new ConcurrentDictionary<WriteFact, bool>())!.GetOrAdd(write, w => NoStartBefore(w.StorageKey, at.Main, at.Places));

        /// <summary>Whether every concurrent entry reaching a writer of <paramref name="storageKey"/> is started in <paramref name="main"/> after all of <paramref name="writes"/>.</summary>
        private bool NoStartBefore(string storageKey, string main, List<StatementPlace> writes)
        {
            foreach (var other in WritesOf(storageKey))
            {
                if (other.Excluded)
                {
                    continue;
                }

                foreach (var reached in ReachOf(other.FunctionKey).Entries)
                {
                    var entry = reached.Entry;
                    if (entry.EnclosingKey == null || !(MainPlacesOf(entry.EnclosingKey, entry.Place) is { } start) || start.Main != main || !AllBefore(writes, start.Places))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Whether every one of <paramref name="earlier"/> runs before every one of <paramref name="later"/> in a run of
        /// <c>Main</c>: a later one cannot run first (<see cref="StatementPlace.MayRunBefore"/>: its statement comes after
        /// in the innermost block holding both), and no loop holds both (when both are in a loop, it may be one).
        /// </summary>
        private static bool AllBefore(List<StatementPlace> earlier, List<StatementPlace> later)
        {
            foreach (var first in earlier)
            {
                foreach (var second in later)
                {
                    if ((first.InLoop && second.InLoop) || second.MayRunBefore(first))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The places of <c>Main</c>'s body through which <paramref name="functionKey"/> runs: <paramref name="place"/>
        /// itself when the function is <c>Main</c>; else those the reach recorded when only one <c>Main</c> reaches the
        /// function, along plain calls; or <c>null</c>.
        /// </summary>
        private (string Main, List<StatementPlace> Places)? MainPlacesOf(string functionKey, StatementPlace? place)
        {
            if (Function(functionKey) is not { } function)
            {
                return null;
            }

            if (function.Has(FunctionFlags.Main))
            {
                return place == null ? null : (functionKey, new List<StatementPlace> { place });
            }

            var reach = ReachOf(functionKey);
            return reach.FromCaller && reach.MainOnly && reach.Entries.Count == 0 && _mainPlaces != null && _mainPlaces.TryGetValue(functionKey, out var at) ? at : null;
        }

        /// <summary>
        /// Records, for a function reached only from start-up code (<paramref name="mainOnly"/>: from callers, <c>Main</c> alone, no entry), the places of <c>Main</c>'s body its calls leave
        /// from, when every root is one <c>Main</c> (not a static constructor or configuration code) and every call out of
        /// it is a plain call at a known place.
        /// </summary>
        private void RecordMainPlaces(string functionKey, bool mainOnly, List<string> roots, List<(string Caller, string Callee, CallFact? Call)> walked)
        {
            if (!mainOnly)
            {
                return;
            }

            string? main = null;
            foreach (var root in roots)
            {
                if (root == functionKey || (main != null && root != main) || !(Function(root) is { } function && function.Has(FunctionFlags.Main)))
                {
                    return;
                }

                main = root;
            }

            if (main == null)
            {
                return;
            }

            var places = new List<StatementPlace>();
            foreach (var (caller, _, call) in walked)
            {
                if (caller != main)
                {
                    continue;
                }

                if (call == null || call.Escapes || call.Place == null)
                {
                    return;
                }

                places.Add(call.Place);
            }

            if (places.Count > 0)
            {
                LazyInitializer.EnsureInitialized(ref _mainPlaces, () => new ConcurrentDictionary<string, (string Main, List<StatementPlace> Places)>())![functionKey] = (main, places);
            }
        }
    }
}
