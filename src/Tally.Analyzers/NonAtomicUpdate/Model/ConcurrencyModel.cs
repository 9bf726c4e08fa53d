using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The whole compilation's concurrency model, assembled from per-tree summaries: who writes each storage and under
    /// which lock, who calls each function (directly, or by virtual and interface dispatch), where concurrent code starts
    /// and how often it overlaps with itself. Queries are answered lazily and memoised; the model is immutable once built,
    /// so concurrent analyzer callbacks may share it.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private const int MaxDepth = 8;

        private static readonly List<WriteFact> NoWrites = new List<WriteFact>();
        private static readonly List<CallFact> NoCalls = new List<CallFact>();
        private static readonly List<EntryFact> NoEntries = new List<EntryFact>();

        private readonly ModelFacts _facts;
        private readonly ModelFacts? _overlay;

        // Where the overlay (or the handoffs) change a key's list, the merged list; every other key reads _facts directly.
        private readonly Dictionary<string, List<WriteFact>> _writes = new Dictionary<string, List<WriteFact>>();
        private readonly Dictionary<string, List<CallFact>> _callers = new Dictionary<string, List<CallFact>>();
        private readonly Dictionary<string, List<EntryFact>> _entries = new Dictionary<string, List<EntryFact>>();
        private readonly ConcurrentDictionary<string, Reach> _reach = new ConcurrentDictionary<string, Reach>();
        private readonly ConcurrentDictionary<EntryFact, bool> _entryMany = new ConcurrentDictionary<EntryFact, bool>();
        private readonly ConcurrentDictionary<(string Function, int Depth, string? Initialized), LockAnswer> _functionLockSets = new ConcurrentDictionary<(string Function, int Depth, string? Initialized), LockAnswer>();
        private readonly ConcurrentDictionary<WriteFact, List<LockFact>> _writeLocks = new ConcurrentDictionary<WriteFact, List<LockFact>>();
        private readonly ConcurrentDictionary<string, bool> _freshOnly = new ConcurrentDictionary<string, bool>();

        /// <summary>The model of every tree's summary, merged in order.</summary>
        public ConcurrencyModel(IReadOnlyList<TreeSummary> summaries)
            : this(new ModelFacts(summaries, excluded: -1), null)
        {
        }

        /// <summary>
        /// The model of <paramref name="facts"/> with <paramref name="overlay"/> (one tree's facts, at the position
        /// <paramref name="facts"/> left out) laid over them: the same model as a merge of all the trees in order.
        /// </summary>
        public ConcurrencyModel(ModelFacts facts, ModelFacts? overlay)
        {
            _facts = facts;
            _overlay = overlay;
            if (overlay != null)
            {
                foreach (var key in overlay.Writes.Keys)
                {
                    _writes.Add(key, OrderedFacts<WriteFact>.Merge(facts.Writes, overlay.Writes, key));
                }

                foreach (var key in overlay.Callers.Keys)
                {
                    _callers.Add(key, OrderedFacts<CallFact>.Merge(facts.Callers, overlay.Callers, key));
                }

                foreach (var key in overlay.Entries.Keys)
                {
                    _entries.Add(key, OrderedFacts<EntryFact>.Merge(facts.Entries, overlay.Entries, key));
                }
            }

            DropRaisedStaticEvents(); // ConcurrencyModel.StaticEvents.cs
            StartHandoffs();
        }

        /// <summary>The position of the tree laid over the model of the others, or -1 for a model merged from all trees at once.</summary>
        internal int OverlaidTree => _overlay == null ? -1 : _facts.Excluded;

        /// <summary>Delegates handed to a type that runs them from its own start sites start there.</summary>
        private void StartHandoffs()
        {
            // The handoffs to types with a start site, in merge order (the entries they add come after every tree's own).
            var started = new List<(long Order, HandoffFact Handoff, DelegateStartFact Start)>();
            foreach (var typeKey in _facts.DelegateStarts.Keys)
            {
                AddStarted(started, typeKey);
            }

            if (_overlay != null)
            {
                foreach (var typeKey in _overlay.DelegateStarts.Keys)
                {
                    if (!_facts.DelegateStarts.Contains(typeKey))
                    {
                        AddStarted(started, typeKey);
                    }
                }
            }

            started.Sort((a, b) => a.Order.CompareTo(b.Order));
            HashSet<(string, string)>? startedElsewhere = null;
            foreach (var (_, handoff, start) in started)
            {
                var name = handoff.TypeKey.Substring(System.Math.Max(handoff.TypeKey.LastIndexOf('.'), handoff.TypeKey.IndexOf(':')) + 1);
                var entries = Own(_entries, handoff.FunctionKey, EntriesOf(handoff.FunctionKey));
                if (start.DirectMethodKey != null && start.DirectMethodKey == handoff.MethodKey)
                {
                    // A helper that starts the delegate it is given once per call: started where the helper is called.
                    entries.Add(new EntryFact(handoff.FunctionKey, handoff.CallerKey, start.Description + " in '" + name + "'", start.Location, Multiplicity.PerStart, handoff.Repeated, handoff.Guarded));
                    (startedElsewhere ??= new HashSet<(string, string)>()).Add((handoff.FunctionKey, handoff.CallerKey));
                    continue;
                }

                entries.Add(new EntryFact(handoff.FunctionKey, null, start.Description + " in '" + name + "'", start.Location, start.Serial ? Multiplicity.Once : Multiplicity.Many, repeated: false, contextKey: start.Serial ? "serial:" + handoff.TypeKey : null));
                if (start.Serial)
                {
                    (startedElsewhere ??= new HashSet<(string, string)>()).Add((handoff.FunctionKey, handoff.CallerKey));
                }
            }

            if (startedElsewhere == null)
            {
                return;
            }

            foreach (var (functionKey, callerKey) in startedElsewhere)
            {
                if (DirectCallers(functionKey).Count > 0)
                {
                    // Posted to an exclusive scheduler, or started by a helper: it runs there, not in the code that handed it on.
                    Own(_callers, functionKey, DirectCallers(functionKey)).RemoveAll(call => call.Escapes && call.CallerKey == callerKey);
                }
            }
        }

        private void AddStarted(List<(long, HandoffFact, DelegateStartFact)> started, string typeKey)
        {
            PlacedFacts<DelegateStartFact>.TryGet(_facts.DelegateStarts, _overlay?.DelegateStarts, typeKey, out var start);
            AddHandoffs(started, _facts, typeKey, start);
            if (_overlay != null)
            {
                AddHandoffs(started, _overlay, typeKey, start);
            }
        }

        private static void AddHandoffs(List<(long, HandoffFact, DelegateStartFact)> started, ModelFacts source, string typeKey, DelegateStartFact start)
        {
            if (source.Handoffs.TryGet(typeKey, out var bucket))
            {
                for (var i = 0; i < bucket.Facts.Count; i++)
                {
                    started.Add((bucket.Orders[i], bucket.Facts[i], start));
                }
            }
        }

        /// <summary>This model's own copy of a key's list (the shared facts are never changed).</summary>
        private static List<T> Own<T>(Dictionary<string, List<T>> owned, string key, List<T> current)
        {
            if (!owned.TryGetValue(key, out var list))
            {
                owned.Add(key, list = new List<T>(current));
            }

            return list;
        }

        /// <summary>Every write of the storage, in any tree.</summary>
        public List<WriteFact> WritesOf(string storageKey)
        {
            var writes = MergedWritesOf(storageKey);
            foreach (var write in writes)
            {
                if (write.RootParameter >= 0 && !write.Excluded)
                {
                    return FreshWrites.GetOrAdd(storageKey, key => WithFreshParameters(MergedWritesOf(key)));
                }
            }

            return writes;
        }

        /// <summary>The write of the storage summarised at exactly <paramref name="node"/> (an Interlocked call, an update), if any.</summary>
        public WriteFact? WriteAt(string storageKey, SyntaxNode node)
        {
            foreach (var write in WritesOf(storageKey))
            {
                if (write.Location.SourceTree == node.SyntaxTree && write.Location.SourceSpan == node.Span)
                {
                    return write;
                }
            }

            return null;
        }

        private List<WriteFact> MergedWritesOf(string storageKey) => _writes.TryGetValue(storageKey, out var writes) ? writes : _facts.Writes.Get(storageKey) ?? NoWrites;

        public FunctionFact? Function(string key) => PlacedFacts<FunctionFact>.TryGet(_facts.Functions, _overlay?.Functions, key, out var function)
            ? function
            : CompletionBase(key) is { } baseKey ? Function(baseKey) : null;

        /// <summary>
        /// The function a completion pseudo function belongs to (a handler's operation branch, a synchronous completion
        /// in its starter; see <see cref="TreeSummarizer"/>'s completions), or <c>null</c> for any other key. Only asked
        /// when a key has no function of its own.
        /// </summary>
        private static string? CompletionBase(string key)
        {
            if (key.IndexOf('|') < 0)
            {
                return null;
            }

            var at = key.IndexOf(TreeSummarizer.BranchKeySeparator, System.StringComparison.Ordinal);
            if (at < 0)
            {
                at = key.IndexOf(TreeSummarizer.SynchronousKeySeparator, System.StringComparison.Ordinal);
            }

            return at > 0 ? key.Substring(0, at) : null;
        }

        public bool TryGetSingleton(string typeKey, out RegistrationFact registration) => PlacedFacts<RegistrationFact>.TryGet(_facts.Singletons, _overlay?.Singletons, typeKey, out registration);

        public bool IsPerRequest(string typeKey)
            => (_facts.PerRequest.Contains(typeKey) || (_overlay != null && _overlay.PerRequest.Contains(typeKey))) && !TryGetSingleton(typeKey, out _);


        /// <summary>Whether two holders of the lock exclude each other (not per key, not a semaphore with a count above one).</summary>
        public bool IsExclusive(LockFact? held)
            => held.HasValue && held.Value.Exclusive
                && (held.Value.Key == null || !PlacedFacts<int>.TryGet(_facts.SemaphoreCounts, _overlay?.SemaphoreCounts, held.Value.Key, out var count) || count <= 1);

        /// <summary>Whether both locks are one exclusive lock (an unknown lock object matches any).</summary>
        public bool SameExclusiveLock(LockFact? first, LockFact? second)
            => IsExclusive(first) && IsExclusive(second)
                && (first!.Value.Key == null || second!.Value.Key == null || first.Value.Key == second.Value.Key);

        /// <summary>Whether an object of the function's (hidden) type, or of a type deriving from it, is converted to another type anywhere.</summary>
        private bool IsSeenAsAnotherType(FunctionFact function)
        {
            foreach (var typeKey in function.TypeChain)
            {
                if (_facts.ConvertedTypes.Contains(typeKey) || (_overlay != null && _overlay.ConvertedTypes.Contains(typeKey)))
                {
                    return true;
                }
            }

            return false;
        }

        private List<CallFact> DirectCallers(string key) => _callers.TryGetValue(key, out var calls) ? calls : _facts.Callers.Get(key) ?? NoCalls;

        private List<EntryFact> EntriesOf(string key) => _entries.TryGetValue(key, out var entries) ? entries : _facts.Entries.Get(key) ?? NoEntries;

        /// <summary>The calls that may run <paramref name="key"/>: direct calls, and calls of the methods it overrides or implements.</summary>
        private IEnumerable<CallFact> CallersOf(string key)
        {
            // A constructor parameter that is only stored in a field the type only invokes runs where the field is
            // invoked: the escapes from the code that made the object do not run it.
            var storedOnly = key.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal)
                && DirectCallers(TreeSummarizer.StoredOnlyKeyOf(key)).Count > 0;
            storedOnly = storedOnly || HandedOnOnly(key); // ConcurrencyModel.StoredCallbacks.cs
            foreach (var call in DirectCallers(key))
            {
                if (!(storedOnly && call.Escapes) && !HandedIntoStore(call.CallerKey)) // ConcurrencyModel.HandedSites.cs
                {
                    yield return call;
                }
            }

            // A handler's operation branch runs wherever the handler is called (its completions start it directly).
            var branch = key.IndexOf('|') < 0 ? -1 : key.IndexOf(TreeSummarizer.BranchKeySeparator, System.StringComparison.Ordinal);
            if (branch > 0)
            {
                foreach (var call in DirectCallers(key.Substring(0, branch)))
                {
                    yield return call;
                }
            }

            if (Function(key) is { } function)
            {
                foreach (var overridden in function.Overrides)
                {
                    if (!function.InterfaceMembers.IsEmpty && function.InterfaceMembers.Contains(overridden) && !IsSeenAsAnotherType(function))
                    {
                        continue; // Nothing ever hands an object of its hidden type out as the interface.
                    }

                    foreach (var call in DirectCallers(overridden))
                    {
                        if ((call.DispatchTypeKey == null || (call.DispatchTypeKey.Length > 0 && (function.TypeChain.IsEmpty || function.TypeChain.Contains(call.DispatchTypeKey))))
                            && MayRunOn(function, call.ReceiverClasses) && MayRunThrough(function, call))
                        {
                            yield return call; // Not a base call, nor a call on 'this' of a class this override's type does not derive from.
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Whether an override may run for a call on an object of a known class (<see cref="CallFact.ReceiverClasses"/>):
        /// declared in that class or one of its bases (inherited), or in a class deriving from it.
        /// </summary>
        private static bool MayRunOn(FunctionFact function, System.Collections.Immutable.ImmutableArray<string> receiverClasses)
            => receiverClasses.IsEmpty || function.TypeChain.IsEmpty || function.TypeKey == null
                || receiverClasses.Contains(function.TypeKey) || function.TypeChain.Contains(receiverClasses[0]);
    }
}
