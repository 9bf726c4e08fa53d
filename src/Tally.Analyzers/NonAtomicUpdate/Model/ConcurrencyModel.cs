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

        private readonly Dictionary<string, FunctionFact> _functions = new Dictionary<string, FunctionFact>();
        private readonly Dictionary<string, List<WriteFact>> _writes = new Dictionary<string, List<WriteFact>>();
        private readonly Dictionary<string, List<CallFact>> _callers = new Dictionary<string, List<CallFact>>();
        private readonly Dictionary<string, List<string>> _overriders = new Dictionary<string, List<string>>();
        private readonly Dictionary<string, List<EntryFact>> _entries = new Dictionary<string, List<EntryFact>>();
        private readonly Dictionary<string, RegistrationFact> _singletons = new Dictionary<string, RegistrationFact>();
        private readonly HashSet<string> _perRequest = new HashSet<string>();
        private readonly Dictionary<string, int> _semaphoreCounts = new Dictionary<string, int>();
        private readonly Dictionary<string, Evidence> _typeSynchronization = new Dictionary<string, Evidence>();
        private readonly ConcurrentDictionary<string, Reach> _reach = new ConcurrentDictionary<string, Reach>();
        private readonly ConcurrentDictionary<EntryFact, bool> _entryMany = new ConcurrentDictionary<EntryFact, bool>();
        private readonly ConcurrentDictionary<string, LockFact?> _functionLocks = new ConcurrentDictionary<string, LockFact?>();
        private readonly ConcurrentDictionary<string, List<LockFact>> _functionLockSets = new ConcurrentDictionary<string, List<LockFact>>();
        private readonly ConcurrentDictionary<string, bool> _freshOnly = new ConcurrentDictionary<string, bool>();

        public ConcurrencyModel(IEnumerable<TreeSummary> summaries)
        {
            var delegateStarts = new Dictionary<string, DelegateStartFact>();
            var handoffs = new List<HandoffFact>();
            foreach (var summary in summaries)
            {
                foreach (var start in summary.DelegateStarts)
                {
                    delegateStarts[start.Key] = start.Value;
                }

                handoffs.AddRange(summary.Handoffs);
                foreach (var function in summary.Functions)
                {
                    _functions[function.Key] = function;
                    foreach (var overridden in function.Overrides)
                    {
                        Add(_overriders, overridden, function.Key);
                    }
                }

                foreach (var write in summary.Writes)
                {
                    Add(_writes, write.StorageKey, write);
                }

                foreach (var call in summary.Calls)
                {
                    Add(_callers, call.CalleeKey, call);
                }

                foreach (var entry in summary.Entries)
                {
                    Add(_entries, entry.FunctionKey, entry);
                }

                foreach (var registration in summary.Registrations)
                {
                    if (!registration.Singleton)
                    {
                        _perRequest.Add(registration.TypeKey);
                    }
                    else if (!_singletons.ContainsKey(registration.TypeKey))
                    {
                        _singletons.Add(registration.TypeKey, registration);
                    }
                }

                foreach (var count in summary.SemaphoreCounts)
                {
                    _semaphoreCounts[count.Key] = count.Value;
                }

                foreach (var synchronization in summary.TypeSynchronization)
                {
                    if (!_typeSynchronization.ContainsKey(synchronization.Key))
                    {
                        _typeSynchronization.Add(synchronization.Key, synchronization.Value);
                    }
                }
            }

            StartHandoffs(handoffs, delegateStarts);
        }

        /// <summary>Delegates handed to a type that runs them from its own start sites start there.</summary>
        private void StartHandoffs(List<HandoffFact> handoffs, Dictionary<string, DelegateStartFact> delegateStarts)
        {
            foreach (var handoff in handoffs)
            {
                if (!delegateStarts.TryGetValue(handoff.TypeKey, out var start))
                {
                    continue;
                }

                var name = handoff.TypeKey.Substring(handoff.TypeKey.LastIndexOf('.') + 1);
                Add(_entries, handoff.FunctionKey, new EntryFact(handoff.FunctionKey, null, start.Description + " in '" + name + "'", start.Location, start.Serial ? Multiplicity.Once : Multiplicity.Many, repeated: false, contextKey: start.Serial ? "serial:" + handoff.TypeKey : null));
                if (start.Serial && _callers.TryGetValue(handoff.FunctionKey, out var calls))
                {
                    // Posted to an exclusive scheduler: it runs there, not in the code that posted it.
                    calls.RemoveAll(call => call.Escapes && call.CallerKey == handoff.CallerKey);
                }
            }
        }

        /// <summary>Every write of the storage, in any tree.</summary>
        public List<WriteFact> WritesOf(string storageKey) => _writes.TryGetValue(storageKey, out var writes) ? writes : NoWrites;

        public FunctionFact? Function(string key) => _functions.TryGetValue(key, out var function) ? function : null;

        public bool TryGetSingleton(string typeKey, out RegistrationFact registration) => _singletons.TryGetValue(typeKey, out registration);

        public bool IsPerRequest(string typeKey) => _perRequest.Contains(typeKey) && !_singletons.ContainsKey(typeKey);

        public bool TryGetTypeSynchronization(string typeKey, out Evidence evidence) => _typeSynchronization.TryGetValue(typeKey, out evidence);

        /// <summary>Whether two holders of the lock exclude each other (not per key, not a semaphore with a count above one).</summary>
        public bool IsExclusive(LockFact? held)
            => held.HasValue && held.Value.Exclusive
                && (held.Value.Key == null || !_semaphoreCounts.TryGetValue(held.Value.Key, out var count) || count <= 1);

        /// <summary>Whether both locks are one exclusive lock (an unknown lock object matches any).</summary>
        public bool SameExclusiveLock(LockFact? first, LockFact? second)
            => IsExclusive(first) && IsExclusive(second)
                && (first!.Value.Key == null || second!.Value.Key == null || first.Value.Key == second.Value.Key);

        private List<CallFact> DirectCallers(string key) => _callers.TryGetValue(key, out var calls) ? calls : NoCalls;

        private List<EntryFact> EntriesOf(string key) => _entries.TryGetValue(key, out var entries) ? entries : NoEntries;

        /// <summary>The calls that may run <paramref name="key"/>: direct calls, and calls of the methods it overrides or implements.</summary>
        private IEnumerable<CallFact> CallersOf(string key)
        {
            foreach (var call in DirectCallers(key))
            {
                yield return call;
            }

            if (_functions.TryGetValue(key, out var function))
            {
                foreach (var overridden in function.Overrides)
                {
                    foreach (var call in DirectCallers(overridden))
                    {
                        if (call.DispatchTypeKey == null || (call.DispatchTypeKey.Length > 0 && (function.TypeChain.IsEmpty || function.TypeChain.Contains(call.DispatchTypeKey))))
                        {
                            yield return call; // Not a base call, nor a call on 'this' of a class this override's type does not derive from.
                        }
                    }
                }
            }
        }

        private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map.Add(key, list = new List<T>());
            }

            list.Add(value);
        }
    }
}
