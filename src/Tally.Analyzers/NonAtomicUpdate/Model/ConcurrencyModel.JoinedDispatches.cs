using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Set before a fork-join dispatch (family E, BepuPhysics' <c>PoseIntegrator</c>): a count the dispatching method sets
    /// (itself, or through a private helper it alone calls) just before it hands the workers to a call that returns only
    /// when they are done, while the workers take from the count with Interlocked. The atomic writes say the workers run
    /// at once with each other; they do not say the setting overlaps them: every run of the workers starts after it and
    /// ends before the dispatching method goes on. A dispatch joins when it is <c>Parallel.For</c>, <c>ForEach</c> or
    /// <c>Invoke</c>, or a source method every implementation of which in the compilation invokes the delegate itself or
    /// hands it on and then waits (TreeSummarizer.JoinedDispatches.cs).
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private const int MaxWorkerDepth = 4;

        /// <summary>
        /// Whether <paramref name="atomic"/> runs only in workers of joined dispatches, and <paramref name="plain"/> only
        /// before such a dispatch of one of those workers, in the dispatching method or a private helper only it calls,
        /// with no concurrent start reaching any of the dispatching methods and no delegate running them (two of their
        /// calls at once would overlap one's setting with the other's workers). Whether the plain write's method runs straight through (not async)
        /// is the caller's check.
        /// </summary>
        public bool PreparedBeforeJoinedWorkers(WriteFact plain, WriteFact atomic)
        {
            var hands = new List<JoinedHandFact>();
            if (!OnlyInJoinedWorkers(atomic.FunctionKey, 0, new HashSet<string>(), hands) || hands.Count == 0)
            {
                return false;
            }

            var direct = new HashSet<string>();
            foreach (var hand in hands)
            {
                if (ReachOf(hand.CallerKey).Entries.Count > 0 || !OnlyDirectlyCalled(hand.CallerKey, 0, direct))
                {
                    return false;
                }
            }

            if (plain.Place != null && Before(plain.FunctionKey, plain.Place, hands))
            {
                return true; // Set by the dispatching method itself.
            }

            var helper = Function(plain.FunctionKey);
            if (helper == null || !helper.Has(FunctionFlags.Private) || helper.Has(FunctionFlags.Nested | FunctionFlags.Lambda | FunctionFlags.Override)
                || helper.Overrides.Length > 0 || EntriesOf(plain.FunctionKey).Count > 0)
            {
                return false;
            }

            var callers = DirectCallers(plain.FunctionKey);
            foreach (var call in callers)
            {
                if (call.Escapes || call.Place == null || !Before(call.CallerKey, call.Place, hands))
                {
                    return false;
                }
            }

            return callers.Count > 0;
        }

        /// <summary>
        /// Whether no delegate runs <paramref name="functionKey"/>, within <see cref="MaxDepth"/> calls up: a dispatching
        /// method that is itself a worker of a dispatcher (which the model sees as a delegate, not as a start) would
        /// prepare in one copy while another copy's workers run.
        /// </summary>
        private bool OnlyDirectlyCalled(string functionKey, int depth, HashSet<string> visited)
        {
            if (depth > MaxDepth || !visited.Add(functionKey))
            {
                return true;
            }

            foreach (var call in CallersOf(functionKey))
            {
                if (call.Escapes || !OnlyDirectlyCalled(call.CallerKey, depth + 1, visited))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether a joined dispatch in <paramref name="functionKey"/> follows <paramref name="place"/> whenever it runs.</summary>
        private static bool Before(string functionKey, StatementPlace place, List<JoinedHandFact> hands)
        {
            foreach (var hand in hands)
            {
                if (hand.CallerKey == functionKey && hand.Place.Follows(place))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="functionKey"/> is a worker of joined dispatches only, or a private function called only
        /// (directly, not through delegates) by such workers or other such functions; <paramref name="hands"/> gets the
        /// dispatches of the workers found.
        /// </summary>
        private bool OnlyInJoinedWorkers(string functionKey, int depth, HashSet<string> visited, List<JoinedHandFact> hands)
        {
            if (!visited.Add(functionKey))
            {
                return true;
            }

            var function = Function(functionKey);
            if (depth > MaxWorkerDepth || function == null || function.Has(FunctionFlags.Public | FunctionFlags.Override) || function.Overrides.Length > 0)
            {
                return false;
            }

            if (JoinedWorker(functionKey, hands))
            {
                return true;
            }

            var callers = DirectCallers(functionKey);
            if (callers.Count == 0 || !function.Has(FunctionFlags.Private) || function.Has(FunctionFlags.Lambda) || EntriesOf(functionKey).Count > 0)
            {
                return false;
            }

            foreach (var call in callers)
            {
                if (call.Escapes || Function(call.CallerKey) == null || !OnlyInJoinedWorkers(call.CallerKey, depth + 1, visited, hands))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether every way the function runs is a joined dispatch: each delegate made of it (handed straight to a
        /// dispatch, or kept by a constructor in a field every use of which is a dispatch's argument) and each start of it
        /// matches a joined dispatch of the same function, and nothing calls it directly.
        /// </summary>
        private bool JoinedWorker(string workerKey, List<JoinedHandFact> hands)
        {
            var own = JoinedHandsOf(workerKey);
            var found = new List<JoinedHandFact>(own);
            var makers = new Dictionary<string, int>(); // Delegates made of the worker, by the function making them.
            var heldFields = new HashSet<string>(); // The held fields' storage functions, which "call" the worker they hold.
            var starters = new Dictionary<string, int>(); // Parallel calls starting the worker, by the function calling.
            foreach (var hand in own)
            {
                Count(hand.DispatchParameterKey == null ? starters : makers, hand.CallerKey);
            }

            foreach (var held in HeldWorkersOf(workerKey))
            {
                var uses = JoinedHandsOf(TreeSummarizer.JoinedFieldKey(held.FieldKey));
                if (uses.Count == 0 || uses.Count != held.ArgumentUses)
                {
                    return false; // Some use of the field is not a dispatch.
                }

                found.AddRange(uses);
                Count(makers, held.ConstructorKey);
                heldFields.Add(TreeSummarizer.DelegateFieldKeyPrefix + held.FieldKey);
            }

            if (found.Count == 0)
            {
                return false;
            }

            foreach (var hand in found)
            {
                if (hand.DispatchParameterKey != null && !Joins(hand.DispatchParameterKey))
                {
                    return false;
                }
            }

            foreach (var call in DirectCallers(workerKey))
            {
                if (!call.Escapes && heldFields.Contains(call.CallerKey))
                {
                    continue; // The field's storage link (TreeSummarizer.StoredDelegates.cs): every use of the field is a dispatch.
                }

                if (call.Escapes ? !Take(makers, call.CallerKey) : !found.Exists(hand => hand.DispatchParameterKey == call.CallerKey))
                {
                    return false; // Handed elsewhere, or called directly.
                }
            }

            foreach (var entry in EntriesOf(workerKey))
            {
                if (entry.EnclosingKey == null || !Take(starters, entry.EnclosingKey))
                {
                    return false; // Started by something other than Parallel in the dispatching method.
                }
            }

            hands.AddRange(found);
            return true;
        }

        private static void Count(Dictionary<string, int> counts, string key) => counts[key] = (counts.TryGetValue(key, out var count) ? count : 0) + 1;

        private static bool Take(Dictionary<string, int> makers, string callerKey)
        {
            if (!makers.TryGetValue(callerKey, out var count) || count == 0)
            {
                return false;
            }

            makers[callerKey] = count - 1;
            return true;
        }

        /// <summary>Whether every implementation of the dispatch's parameter in the compilation waits for the delegate (at least one).</summary>
        private bool Joins(string parameterKey)
        {
            var facts = FactsOf(_facts.DispatchJoins, _overlay?.DispatchJoins, parameterKey);
            return facts.Count > 0 && facts.TrueForAll(fact => fact.Joins);
        }

        private List<JoinedHandFact> JoinedHandsOf(string workerKey) => FactsOf(_facts.JoinedHands, _overlay?.JoinedHands, workerKey);

        private List<HeldWorkerFact> HeldWorkersOf(string workerKey) => FactsOf(_facts.HeldWorkers, _overlay?.HeldWorkers, workerKey);

        private static List<T> FactsOf<T>(OrderedFacts<T> facts, OrderedFacts<T>? overlay, string key)
            => overlay == null ? facts.Get(key) ?? new List<T>() : OrderedFacts<T>.Merge(facts, overlay, key);
    }
}
