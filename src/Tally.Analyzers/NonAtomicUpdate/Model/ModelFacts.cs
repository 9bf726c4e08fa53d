using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The facts of a compilation's tree summaries merged by key, each one remembering the position of its tree. Where
    /// several trees give facts for one key, the merge order decides what the model answers (the first writer a message
    /// names, which of two registrations counts), and that order is tree order. Keeping the positions lets one tree be
    /// left out of a merge and laid over it later exactly where a merge of all trees would have put it: the IDE's next
    /// compilation after an edit differs from the last one in that one tree, so the model of the other trees is kept and
    /// only the edited tree's summary is merged anew (see <see cref="ModelCache"/>).
    /// </summary>
    internal sealed class ModelFacts
    {
        /// <summary>Merges every summary except the one at <paramref name="excluded"/> (-1: none).</summary>
        public ModelFacts(IReadOnlyList<TreeSummary> summaries, int excluded)
        {
            Excluded = excluded;
            Summaries = new TreeSummary?[summaries.Count];
            for (var tree = 0; tree < summaries.Count; tree++)
            {
                if (tree != excluded)
                {
                    Summaries[tree] = summaries[tree];
                    Add(summaries[tree], tree);
                }
            }
        }

        /// <summary>The facts of one summary, placed at tree position <paramref name="tree"/>: an overlay.</summary>
        public ModelFacts(TreeSummary summary, int tree)
        {
            Excluded = -1;
            Summaries = new[] { summary };
            Add(summary, tree);
        }

        /// <summary>The summaries merged, by tree position; <c>null</c> at the excluded position.</summary>
        public TreeSummary?[] Summaries { get; }

        /// <summary>The tree position left out of the merge, or -1.</summary>
        public int Excluded { get; }

        public OrderedFacts<WriteFact> Writes { get; } = new OrderedFacts<WriteFact>();

        /// <summary>Calls by callee key.</summary>
        public OrderedFacts<CallFact> Callers { get; } = new OrderedFacts<CallFact>();

        /// <summary>Concurrent entries by the key of the function they start.</summary>
        public OrderedFacts<EntryFact> Entries { get; } = new OrderedFacts<EntryFact>();

        /// <summary>Handoffs by the key of the type they hand the delegate to.</summary>
        public OrderedFacts<HandoffFact> Handoffs { get; } = new OrderedFacts<HandoffFact>();

        /// <summary>Delegates handed to fork-join dispatches, by worker key (ConcurrencyModel.JoinedDispatches.cs).</summary>
        public OrderedFacts<JoinedHandFact> JoinedHands { get; } = new OrderedFacts<JoinedHandFact>();

        /// <summary>Delegates kept in a field only passed to calls, by worker key.</summary>
        public OrderedFacts<HeldWorkerFact> HeldWorkers { get; } = new OrderedFacts<HeldWorkerFact>();

        /// <summary>Whether each implementation of a method waits for a delegate parameter, by parameter key.</summary>
        public OrderedFacts<DispatchJoinFact> DispatchJoins { get; } = new OrderedFacts<DispatchJoinFact>();

        /// <summary>Functions by key; a later tree's fact replaces an earlier one's (partial methods).</summary>
        public PlacedFacts<FunctionFact> Functions { get; } = new PlacedFacts<FunctionFact>(lastWins: true);

        /// <summary>Singleton registrations by type key; the first one counts.</summary>
        public PlacedFacts<RegistrationFact> Singletons { get; } = new PlacedFacts<RegistrationFact>(lastWins: false);

        /// <summary>Types registered per request (scoped or transient), in any tree.</summary>
        public HashSet<string> PerRequest { get; } = new HashSet<string>();

        public PlacedFacts<int> SemaphoreCounts { get; } = new PlacedFacts<int>(lastWins: true);

        /// <summary>The functions that synchronise a type's own instance state, by type key.</summary>
        public OrderedFacts<SynchronizationFact> TypeSynchronization { get; } = new OrderedFacts<SynchronizationFact>();

        /// <summary>Adds to and takes from concurrent collections of <c>this</c>, by the key of the using function's type.</summary>
        public OrderedFacts<QueueUseFact> QueueUses { get; } = new OrderedFacts<QueueUseFact>();

        public PlacedFacts<DelegateStartFact> DelegateStarts { get; } = new PlacedFacts<DelegateStartFact>(lastWins: true);

        /// <summary>Hidden types whose objects are converted to another type in any tree (see <see cref="TreeSummary.ConvertedTypes"/>).</summary>
        public HashSet<string> ConvertedTypes { get; } = new HashSet<string>();

        /// <summary>The narrowed interface dispatch pairs of every tree (see <see cref="TreeSummary.NarrowDispatch"/>).</summary>
        public HashSet<string> NarrowDispatch { get; } = new HashSet<string>();

        /// <summary>Object creations by the key of each source class the object is an instance of (<see cref="TreeSummary.Creations"/>).</summary>
        public Dictionary<string, int> Creations { get; } = new Dictionary<string, int>();

        /// <summary>The creations that store one object for all in a static (<see cref="TreeSummary.OnceCreations"/>).</summary>
        public Dictionary<string, int> OnceCreations { get; } = new Dictionary<string, int>();

        /// <summary>The functions with an entry as a handler of a static event declared in source (<see cref="EntryFact.StaticEventKey"/>).</summary>
        public HashSet<string> StaticEventHandlers { get; } = new HashSet<string>();

        /// <summary>Busy-flag sections by flag key (ConcurrencyModel.BusyFlags.cs).</summary>
        public OrderedFacts<BusyFlagFact> BusyFlags { get; } = new OrderedFacts<BusyFlagFact>();

        /// <summary>Busy-flag sections by the key of each function that runs in them: the method, its awaited lambdas, its begin helper.</summary>
        public OrderedFacts<BusyFlagFact> BusyFlagFunctions { get; } = new OrderedFacts<BusyFlagFact>();

        /// <summary>Whether any tree declares a static <c>Main</c> or top-level statements.</summary>
        public bool DeclaresMain { get; private set; }

        private static void AddCounts(Dictionary<string, int> into, Dictionary<string, int> from)
        {
            foreach (var count in from)
            {
                into[count.Key] = (into.TryGetValue(count.Key, out var sites) ? sites : 0) + count.Value;
            }
        }

        /// <summary>The facts of fork-join dispatches (ConcurrencyModel.JoinedDispatches.cs).</summary>
        private void AddJoinedDispatches(TreeSummary summary, int tree)
        {
            JoinedHands.AddAll(summary.JoinedHands, fact => fact.WorkerKey, tree);
            HeldWorkers.AddAll(summary.HeldWorkers, fact => fact.WorkerKey, tree);
            DispatchJoins.AddAll(summary.DispatchJoins, fact => fact.ParameterKey, tree);
        }

        /// <summary>The busy-flag sections, by flag and by each function running in them.</summary>
        private void AddBusyFlags(TreeSummary summary, int tree)
        {
            BusyFlags.AddAll(summary.BusyFlags, fact => fact.FlagKey, tree);
            for (var i = 0; i < summary.BusyFlags.Count; i++)
            {
                var fact = summary.BusyFlags[i];
                BusyFlagFunctions.Add(fact.MethodKey, fact, tree, i);
                foreach (var lambda in fact.Lambdas)
                {
                    BusyFlagFunctions.Add(lambda, fact, tree, i);
                }

                if (fact.BeginHelperKey != null)
                {
                    BusyFlagFunctions.Add(fact.BeginHelperKey, fact, tree, i);
                }
            }
        }

        private void Add(TreeSummary summary, int tree)
        {
            AddCounts(Creations, summary.Creations);
            AddCounts(OnceCreations, summary.OnceCreations);
            DeclaresMain |= summary.DeclaresMain;
            foreach (var start in summary.DelegateStarts)
            {
                DelegateStarts.Add(start.Key, start.Value, tree);
            }

            Handoffs.AddAll(summary.Handoffs, fact => fact.TypeKey, tree);

            ConvertedTypes.UnionWith(summary.ConvertedTypes);
            NarrowDispatch.UnionWith(summary.NarrowDispatch);
            AddJoinedDispatches(summary, tree);
            AddBusyFlags(summary, tree);
            foreach (var function in summary.Functions)
            {
                Functions.Add(function.Key, function, tree);
            }

            Writes.AddAll(summary.Writes, fact => fact.StorageKey, tree);
            Callers.AddAll(summary.Calls, fact => fact.CalleeKey, tree);
            Entries.AddAll(summary.Entries, fact => fact.FunctionKey, tree);
            foreach (var entry in summary.Entries)
            {
                if (entry.StaticEventKey != null)
                {
                    StaticEventHandlers.Add(entry.FunctionKey);
                }
            }

            QueueUses.AddAll(summary.QueueUses, fact => fact.TypeKey, tree);

            foreach (var registration in summary.Registrations)
            {
                if (registration.Singleton)
                {
                    Singletons.Add(registration.TypeKey, registration, tree);
                }
                else
                {
                    PerRequest.Add(registration.TypeKey);
                }
            }

            foreach (var count in summary.SemaphoreCounts)
            {
                SemaphoreCounts.Add(count.Key, count.Value, tree);
            }

            foreach (var synchronization in summary.TypeSynchronization)
            {
                for (var i = 0; i < synchronization.Value.Count; i++)
                {
                    TypeSynchronization.Add(synchronization.Key, synchronization.Value[i], tree, i);
                }
            }
        }
    }
}
