using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Lazy initialisers (docs/detection-model.md, "A lazy initialiser reached from a timer"): a function that loads a
    /// cached field while it is null (<c>Items =&gt; _items ?? Load()</c>, <c>if (_items == null) { Load(); }</c>, <c>if (_conf
    /// != null) return _conf; _conf = Load(); ...</c>) and that ordinary code runs too. A concurrent entry that reaches a
    /// write only through such a region writes there only if nothing loaded the field before it ran: its overlap with the
    /// other writers is inferred (<see cref="ReachedEntry.ThroughLazyInitializer"/>), not certain.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>
        /// The entries of a reach, those whose every way to <paramref name="functionKey"/> (among the calls walked) passes
        /// a lazy initialiser's call marked (<see cref="ReachedEntry.WithLazyInitializer"/>).
        /// </summary>
        private List<ReachedEntry> MarkLazyInitializers(string functionKey, List<ReachedEntry> entries, List<string> entryFunctions, List<(string Caller, string Callee, CallFact? Call)> walked, HashSet<string> inProgress)
        {
            if (entries.Count == 0 || !walked.Exists(step => step.Call?.LazyGuard != null))
            {
                return entries;
            }

            var byCallee = new Dictionary<string, List<(string Caller, CallFact? Call)>>();
            foreach (var step in walked)
            {
                if (!byCallee.TryGetValue(step.Callee, out var callers))
                {
                    byCallee.Add(step.Callee, callers = new List<(string, CallFact?)>());
                }

                callers.Add((step.Caller, step.Call));
            }

            // The functions reached from the write along calls that are not a lazy initialiser's.
            var direct = new HashSet<string> { functionKey };
            var queue = new Queue<string>();
            queue.Enqueue(functionKey);
            while (queue.Count > 0)
            {
                if (!byCallee.TryGetValue(queue.Dequeue(), out var callers))
                {
                    continue;
                }

                foreach (var (caller, call) in callers)
                {
                    if (!direct.Contains(caller) && (call == null || !IsLazyInitializerCall(call, inProgress)))
                    {
                        direct.Add(caller);
                        queue.Enqueue(caller);
                    }
                }
            }

            List<ReachedEntry>? marked = null;
            for (var i = 0; i < entries.Count; i++)
            {
                if (!direct.Contains(entryFunctions[i]))
                {
                    marked ??= new List<ReachedEntry>(entries);
                    marked[i] = entries[i].WithLazyInitializer();
                }
            }

            return marked ?? entries;
        }

        /// <summary>
        /// Whether a call is a lazy initialiser's: made only while a cached field is null (<see cref="CallFact.LazyGuard"/>),
        /// in a region that assigns the static field, itself or in the function called (a plain assignment there), by a
        /// function ordinary code runs too.
        /// </summary>
        private bool IsLazyInitializerCall(CallFact call, HashSet<string> inProgress)
            => call.LazyGuard is { } guard
                && (guard.AssignedInRegion || AssignsCachedField(call, guard.FieldKey))
                && RunByOrdinaryCode(call.CallerKey, inProgress);

        private bool AssignsCachedField(CallFact call, string fieldKey)
        {
            foreach (var write in WritesOf(fieldKey))
            {
                if (write.FunctionKey == call.CalleeKey && write.Kind == WriteKind.Write && write.StaticStorage)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether ordinary code reaches the function (<see cref="Reach.FromCaller"/>); not when its reach is being worked out.</summary>
        private bool RunByOrdinaryCode(string functionKey, HashSet<string> inProgress)
        {
            if (_reach.TryGetValue(functionKey, out var known))
            {
                return known.FromCaller;
            }

            if (inProgress.Contains(functionKey))
            {
                return false; // A cycle: the call is taken as an ordinary one, the reach as it was.
            }

            inProgress.Add(functionKey);
            var reach = ComputeReach(functionKey, inProgress);
            inProgress.Remove(functionKey);
            return reach.FromCaller;
        }

        /// <summary>
        /// The reach of a lazy initialiser's own write (<see cref="WriteFact.LazyGuard"/>: in the region that loads the
        /// field, <c>if (_conf.FeatureSet &lt; 1) _conf.FeatureSet = 1;</c> after <c>_conf = Load();</c>), when ordinary code
        /// runs it too: every entry reaches the write through the guard.
        /// </summary>
        private static Reach WithLazyInitializerWrite(WriteFact write, Reach reach)
        {
            if (write.LazyGuard == null || !reach.FromCaller || reach.Entries.TrueForAll(entry => entry.ThroughLazyInitializer))
            {
                return reach;
            }

            var marked = reach.Entries.ConvertAll(entry => entry.WithLazyInitializer());
            return new Reach(marked, reach.FromCaller, reach.MainOnly) { Chain = reach.Chain, CallerChain = reach.CallerChain, OtherRoots = reach.OtherRoots };
        }
    }
}
