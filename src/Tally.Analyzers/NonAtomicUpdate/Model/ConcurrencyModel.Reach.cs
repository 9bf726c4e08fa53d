using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Reachability: which concurrent entries and roots reach a function, backwards along calls.</summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>How <paramref name="functionKey"/> can be running (memoised).</summary>
        public Reach ReachOf(string functionKey)
            => _reach.TryGetValue(functionKey, out var reach) ? reach : _reach.GetOrAdd(functionKey, key => ComputeReach(key, new HashSet<string>()));

        private Reach ComputeReach(string functionKey, HashSet<string> inProgress)
        {
            var entries = new List<ReachedEntry>();
            var fromCaller = false;
            var mainOnly = true;
            var distances = new Dictionary<string, int> { [functionKey] = 0 };
            var owned = new HashSet<string>();
            var taken = new TakenPaths(functionKey); // ConcurrencyModel.Ownership.cs
            var sameObject = new HashSet<string> { functionKey }; // Reached along calls on one object (CallFact.SameObject).
            Dictionary<string, int>? libraryCalls = null; // Calls above a stored callback's invocation (StoredCallbackCalls).
            Dictionary<string, string>? handedTo = null; // Along one stored callback value, to the method it was handed to (OneCallbackStep).
            var queue = new Queue<string>();
            var entryFunctions = new List<string>();
            var roots = new List<string>();
            var walked = new List<(string Caller, string Callee, CallFact? Call)>(); // For the lazy initialisers passed (MarkLazyInitializers).
            queue.Enqueue(functionKey);
            inProgress.Add(functionKey);
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var distance = distances[current];
                var currentEntries = EntriesOf(current);
                var hasCallers = false;
                foreach (var entry in currentEntries)
                {
                    if (ContinuesOnExecutor(entry))
                    {
                        hasCallers = true; // A continuation of code confined to an executor runs there too: like a call from that code.
                        walked.Add((entry.EnclosingKey!, current, null));
                        EnqueueWithin(entry.EnclosingKey!, distance + 1, distances, queue, libraryCalls, current);
                        continue;
                    }

                    var many = IsMany(entry, inProgress);
                    entries.Add(new ReachedEntry(AsReached(entry), distance, many, NameOf(current), owned.Contains(current), taken.Contains(current), sameObject: sameObject.Contains(current), libraryCalls: LibraryCalls(libraryCalls, current), oneCallback: StartedWithin(entry, handedTo, current), againOnlyByCalls: many && _entryAgainOnlyByCalls.ContainsKey(entry)));
                    entryFunctions.Add(current);
                }

                foreach (var call in CallersBesidesItself(current))
                {
                    hasCallers = true;
                    walked.Add((call.CallerKey, current, call));
                    // A raise calls its handlers, an invocation of a delegate field the delegates in it: one call, not two.
                    // A property read is part of the expression that makes it: no call of its own either.
                    var step = IsDelegatePseudoFunction(call.CallerKey) || IsGetter(current) ? 0 : 1;
                    if (distance + step > MaxDepth)
                    {
                        fromCaller = true;
                        mainOnly = false;
                        roots.Add(current);
                        continue;
                    }

                    FollowSameObject(sameObject, call, current);
                    if (!distances.ContainsKey(call.CallerKey))
                    {
                        FollowOwned(owned, call, current);
                        taken.Follow(call, current);
                        StoredCallbackCalls(ref libraryCalls, call, current, step);
                        OneCallbackStep(ref handedTo, call, current, sameObject);
                        distances.Add(call.CallerKey, distance + step);
                        queue.Enqueue(call.CallerKey);
                    }
                }

                // An event nobody in the compilation raises runs no handler here: not a root (its subscribers' own reach stands).
                // A property that is not private is also read by code the compilation does not show (serializers, bindings,
                // loggers, other assemblies): its getter is ordinary code even when the compilation's own code reads it too.
                if (((!hasCallers && !IsEvent(current) && !IsMethodParameter(current) && !IsHandedSite(current)) || IsOpenGetter(current)) && currentEntries.Count == 0)
                {
                    fromCaller = true;
                    roots.Add(current);
                    mainOnly &= Function(current) is { } function && function.Has(FunctionFlags.Main | FunctionFlags.StaticConstructor | FunctionFlags.Configuration);
                }
            }

            RecordMainPlaces(functionKey, fromCaller && mainOnly && entries.Count == 0, roots, walked); // ConcurrencyModel.StartOrder.cs
            // ConcurrencyModel.LazyInitializers.cs, ConcurrencyModel.Chains.cs
            return WithChainSteps(functionKey, MarkLazyInitializers(functionKey, entries, entryFunctions, walked, inProgress), entryFunctions, roots, fromCaller, mainOnly);
        }

        /// <summary>
        /// Counts the calls walked above the invocation of a stored callback (a delegate field that calls a constructor's
        /// or method's parameter stored in it, TreeSummarizer.DelegateFields.cs): the library's own path from its start
        /// to the invocation (a command's <c>Execute</c>, its parse loop, the override that invokes the field) does not
        /// count against <c>tally.call_depth</c>, which bounds how far the update is from the start in the code that
        /// handed the callback on. <c>MaxDepth</c> still bounds the whole walk.
        /// </summary>
        private static void StoredCallbackCalls(ref Dictionary<string, int>? libraryCalls, CallFact call, string current, int step)
        {
            if (libraryCalls != null && libraryCalls.TryGetValue(current, out var above))
            {
                libraryCalls[call.CallerKey] = above + step;
            }
            else if (current.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal)
                && call.CallerKey.StartsWith(TreeSummarizer.DelegateFieldKeyPrefix, System.StringComparison.Ordinal))
            {
                (libraryCalls ??= new Dictionary<string, int>())[call.CallerKey] = 0;
            }
        }

        private static int LibraryCalls(Dictionary<string, int>? libraryCalls, string key)
            => libraryCalls != null && libraryCalls.TryGetValue(key, out var calls) ? calls : 0;

        /// <summary>
        /// The calls of <paramref name="functionKey"/> other than its own call of itself: a retry by recursion
        /// (<c>return GetOrAdd(key, factory);</c>) is no way in, so a public method called only by itself stays a root.
        /// A call that escapes (the method handed on as a delegate) is kept.
        /// </summary>
        private IEnumerable<CallFact> CallersBesidesItself(string functionKey)
        {
            foreach (var call in CallersOf(functionKey))
            {
                if (call.CallerKey != functionKey || call.Escapes)
                {
                    yield return call;
                }
            }
        }

        /// <summary>Queues a function reached at <paramref name="distance"/>, unless it was reached already or lies beyond <c>MaxDepth</c>.</summary>
        private static void EnqueueWithin(string key, int distance, Dictionary<string, int> distances, Queue<string> queue, Dictionary<string, int>? libraryCalls, string from)
        {
            if (!distances.ContainsKey(key) && distance <= MaxDepth)
            {
                if (libraryCalls != null && libraryCalls.TryGetValue(from, out var above))
                {
                    libraryCalls[key] = above + 1; // Above a stored callback's invocation (StoredCallbackCalls).
                }

                distances.Add(key, distance);
                queue.Enqueue(key);
            }
        }

        /// <summary>Adds the caller to the functions that reach the update through an object they created (or a fresh parameter).</summary>
        private void FollowOwned(HashSet<string> owned, CallFact call, string current)
        {
            if (call.Owned || owned.Contains(current) || IsFreshParameter(call.CallerKey, call.ReceiverParameter))
            {
                owned.Add(call.CallerKey);
            }
        }

        /// <summary>Adds the caller to the functions reached from the update only along calls on one object (<see cref="CallFact.SameObject"/>).</summary>
        private static void FollowSameObject(HashSet<string> sameObject, CallFact call, string current)
        {
            if (call.SameObject && sameObject.Contains(current))
            {
                sameObject.Add(call.CallerKey);
            }
        }

        // Created on first use: a model is rebuilt on every edit, and most edits never ask about fresh parameters.
        private ConcurrentDictionary<(string, int), bool>? _freshParameters;
        private ConcurrentDictionary<string, List<WriteFact>>? _freshWrites;

        private ConcurrentDictionary<string, List<WriteFact>> FreshWrites => LazyInitializer.EnsureInitialized(ref _freshWrites, () => new ConcurrentDictionary<string, List<WriteFact>>())!;

        /// <summary>
        /// Whether parameter <paramref name="ordinal"/> of <paramref name="functionKey"/> only ever receives an object its
        /// caller has just made: a function only the compilation calls (not public, not a lambda, not started, not an
        /// override or implementation, never taken as a delegate), every call of which passes there a <c>new</c> object,
        /// a local initialised from one or from a method that returns only new objects, or a parameter of its own that is
        /// fresh in turn. Each run of the function then works on its own object, as a constructor does (memoised).
        /// </summary>
        public bool IsFreshParameter(string functionKey, int ordinal)
            => ordinal >= 0 && LazyInitializer.EnsureInitialized(ref _freshParameters, () => new ConcurrentDictionary<(string, int), bool>())!.GetOrAdd((functionKey, ordinal), key => ComputeFreshParameter(key.Item1, key.Item2, 0, new HashSet<(string, int)>()));

        private bool ComputeFreshParameter(string functionKey, int ordinal, int depth, HashSet<(string, int)> visiting)
        {
            var function = Function(functionKey);
            if (function == null || depth > 4 || !visiting.Add((functionKey, ordinal))
                || function.Has(FunctionFlags.Public | FunctionFlags.Lambda | FunctionFlags.Override) || function.Overrides.Length > 0 || EntriesOf(functionKey).Count > 0)
            {
                return false;
            }

            var any = false;
            foreach (var call in DirectCallers(functionKey))
            {
                if (call.Escapes)
                {
                    return false;
                }

                ArgumentFact? passed = null;
                foreach (var argument in call.Arguments)
                {
                    if (argument.Ordinal == ordinal)
                    {
                        passed = argument;
                        break;
                    }
                }

                var fresh = passed.HasValue
                    && (passed.Value.IsNew
                        || (passed.Value.FactoryKey != null && Function(passed.Value.FactoryKey) is { } factory && factory.Has(FunctionFlags.ReturnsNew))
                        || (passed.Value.CallerParameter >= 0 && ComputeFreshParameter(call.CallerKey, passed.Value.CallerParameter, depth + 1, visiting)));
                if (!fresh)
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        /// <summary>The writes of one storage, those made through a fresh parameter marked as writes nobody else can see.</summary>
        private List<WriteFact> WithFreshParameters(List<WriteFact> writes)
        {
            var result = new List<WriteFact>(writes.Count);
            foreach (var write in writes)
            {
                result.Add(write.RootParameter >= 0 && !write.Excluded && IsFreshParameter(write.FunctionKey, write.RootParameter)
                    ? new WriteFact(write.StorageKey, write.FunctionKey, write.Kind, write.Lock, write.Location, write.Description, excluded: true, write.Root, write.ThroughThis, write.OuterLocks, write.RootParameter, write.StaticStorage, write.Guards, write.Bits, write.Statement, write.Place, write.StaticHolderKey)
                    : write);
            }

            return result;
        }

        /// <summary>
        /// Whether the entry is a continuation without a scheduler (<c>ContinueWith</c>) started from a function confined
        /// to a single-threaded executor: <c>TaskScheduler.Current</c> there is the executor's, so the continuation is
        /// not a new concurrent start but more code on the executor's thread.
        /// </summary>
        private bool ContinuesOnExecutor(EntryFact entry)
            => entry.InheritsScheduler && entry.EnclosingKey != null && HasConfinement(LocksOf(entry.EnclosingKey));

        /// <summary>Whether the lock stands for confinement to a single-threaded executor (see <see cref="TreeSummarizer"/>'s confinement).</summary>
        internal static bool IsConfinement(LockFact? held)
            => held.HasValue && held.Value.Key != null && held.Value.Key.StartsWith(TreeSummarizer.ConfinementKeyPrefix, System.StringComparison.Ordinal);

        private string NameOf(string functionKey) => Function(functionKey)?.Name ?? functionKey;

        /// <summary>
        /// The entries whose runs overlap only because ordinary code may call the method holding the start again (see
        /// <see cref="ReachedEntry.AgainOnlyByCalls"/>): filled by <see cref="IsMany"/>.
        /// </summary>
        private readonly ConcurrentDictionary<EntryFact, bool> _entryAgainOnlyByCalls = new ConcurrentDictionary<EntryFact, bool>();

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
            if (entry.Multiplicity == Multiplicity.Many || entry.Repeated || AsReached(entry).Repeated)
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

                    if (many && reach.Entries.Count == 0 && entry.Multiplicity == Multiplicity.PerStart && !entry.FansOut)
                    {
                        // Only "a method anyone may call again": no loop, no item, no overlapping or repeated code starts it.
                        _entryAgainOnlyByCalls.TryAdd(entry, true);
                    }
                }
            }

            _entryMany.TryAdd(entry, many);
            return many;
        }

        /// <summary>Whether the function is a property or indexer getter (see <see cref="FunctionFlags.Getter"/>).</summary>
        private bool IsGetter(string key) => Function(key) is { } function && function.Has(FunctionFlags.Getter);

        /// <summary>A getter that is not private.</summary>
        private bool IsOpenGetter(string key) => Function(key) is { } function && function.Has(FunctionFlags.Getter) && !function.Has(FunctionFlags.Private);

        /// <summary>A constructor parameter or a delegate field standing for the delegates that run through it (see <see cref="TreeSummarizer"/>).</summary>
        private static bool IsDelegatePseudoFunction(string key)
            => key.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal) || key.StartsWith(TreeSummarizer.DelegateFieldKeyPrefix, System.StringComparison.Ordinal) || IsEvent(key) || IsHandedSite(key);

        /// <summary>The pseudo function of an event of the compilation, which calls its subscribed handlers (TreeSummarizer.Events.cs).</summary>
        private static bool IsEvent(string key) => key.StartsWith(TreeSummarizer.EventKeyPrefix, System.StringComparison.Ordinal);

        /// <summary>Whether one of the locks stands for confinement to an executor.</summary>
        private static bool HasConfinement(List<LockFact> locks)
        {
            foreach (var held in locks)
            {
                if (IsConfinement(held))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
