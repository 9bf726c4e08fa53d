using System.Collections.Concurrent;
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
                var hasCallers = false;
                foreach (var entry in currentEntries)
                {
                    if (ContinuesOnExecutor(entry))
                    {
                        // A continuation of code confined to an executor runs there too: like a call from that code.
                        hasCallers = true;
                        if (!distances.ContainsKey(entry.EnclosingKey!) && distance + 1 <= MaxDepth)
                        {
                            distances.Add(entry.EnclosingKey!, distance + 1);
                            queue.Enqueue(entry.EnclosingKey!);
                        }

                        continue;
                    }

                    entries.Add(new ReachedEntry(entry, distance, IsMany(entry, inProgress), NameOf(current), owned.Contains(current)));
                }

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
                        if (call.Owned || owned.Contains(current) || IsFreshParameter(call.CallerKey, call.ReceiverParameter))
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

        private readonly ConcurrentDictionary<(string, int), bool> _freshParameters = new ConcurrentDictionary<(string, int), bool>();
        private readonly ConcurrentDictionary<string, List<WriteFact>> _freshWrites = new ConcurrentDictionary<string, List<WriteFact>>();

        /// <summary>
        /// Whether parameter <paramref name="ordinal"/> of <paramref name="functionKey"/> only ever receives an object its
        /// caller has just made: a function only the compilation calls (not public, not a lambda, not started, not an
        /// override or implementation, never taken as a delegate), every call of which passes there a <c>new</c> object,
        /// a local initialised from one or from a method that returns only new objects, or a parameter of its own that is
        /// fresh in turn. Each run of the function then works on its own object, as a constructor does (memoised).
        /// </summary>
        public bool IsFreshParameter(string functionKey, int ordinal)
            => ordinal >= 0 && _freshParameters.GetOrAdd((functionKey, ordinal), key => ComputeFreshParameter(key.Item1, key.Item2, 0, new HashSet<(string, int)>()));

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
                    ? new WriteFact(write.StorageKey, write.FunctionKey, write.Kind, write.Lock, write.Location, write.Description, excluded: true, write.Root, write.ThroughThis, write.RootParameter)
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
            => entry.InheritsScheduler && entry.EnclosingKey != null && IsConfinement(LockOf(entry.EnclosingKey));

        /// <summary>Whether the lock stands for confinement to a single-threaded executor (see <see cref="TreeSummarizer"/>'s confinement).</summary>
        internal static bool IsConfinement(LockFact? held)
            => held.HasValue && held.Value.Key != null && held.Value.Key.StartsWith(TreeSummarizer.ConfinementKeyPrefix, System.StringComparison.Ordinal);

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

        /// <summary>
        /// The lock every caller of <paramref name="functionKey"/> holds, when only the compilation can call it (private,
        /// local function, non-public override) and no delegate to it escapes: a private helper called under the lock,
        /// a virtual called by its base class under the base's lock. Constructors do not count as callers: their object
        /// is not shared yet. Also a lock the function asserts (<c>Debug.Assert(Monitor.IsEntered(x))</c>) or its name
        /// promises (<c>...InsideLock</c>).
        /// </summary>
        /// <summary>
        /// How many calls up the lock every caller holds is looked for: five, enough for an event loop's pool whose
        /// helpers are reached through a completion helper, a task object and the callback it was made with.
        /// </summary>
        private const int MaxLockDepth = 5;

        public LockFact? LockOf(string functionKey) => _functionLocks.GetOrAdd(functionKey, key => ComputeLock(key, 0, new HashSet<string>()) is { } held && held.Key != NoNewWayInKey ? held : (LockFact?)null);

        /// <summary>
        /// The key of the answer "every way in comes back through the path being asked about" (a helper whose only callers
        /// are further up the same path): it holds whatever the path holds, so its caller ignores it. Never memoised.
        /// </summary>
        private const string NoNewWayInKey = "(no new way in)";

        private LockFact? ComputeLock(string functionKey, int depth, HashSet<string> visiting)
        {
            var function = Function(functionKey);
            if (function?.AssertedLock is { } asserted)
            {
                return asserted; // Needs no walk: asked at any depth.
            }

            if ((function == null && !IsDelegatePseudoFunction(functionKey)) || depth > MaxLockDepth || !visiting.Add(functionKey))
            {
                return null;
            }

            // 'visiting' holds the functions on the current path only: a helper called twice by one locked caller asks
            // about that caller twice, and must get the same answer both times.
            var held = ComputeLockOnPath(function, functionKey, depth, visiting);
            visiting.Remove(functionKey);
            return held;
        }

        /// <summary>
        /// The one executor every entry of the function is confined to, when each is a continuation without a scheduler
        /// (<c>ContinueWith</c>) of a function confined to it; <c>null</c> otherwise (a start runs anywhere).
        /// </summary>
        private LockFact? ContinuationConfinement(string functionKey, int depth, HashSet<string> visiting)
        {
            LockFact? result = null;
            foreach (var entry in EntriesOf(functionKey))
            {
                var confined = entry.InheritsScheduler && entry.EnclosingKey != null && !visiting.Contains(entry.EnclosingKey)
                    ? ComputeLock(entry.EnclosingKey, depth + 1, visiting)
                    : null;
                if (!IsConfinement(confined) || (result.HasValue && !SameExclusiveLock(result, confined)))
                {
                    return null;
                }

                result ??= confined;
            }

            return result;
        }

        /// <summary>A constructor parameter or a delegate field standing for the delegates that run through it (see <see cref="TreeSummarizer"/>).</summary>
        private static bool IsDelegatePseudoFunction(string key)
            => key.StartsWith(TreeSummarizer.ParameterKeyPrefix, System.StringComparison.Ordinal) || key.StartsWith(TreeSummarizer.DelegateFieldKeyPrefix, System.StringComparison.Ordinal);

        private LockFact? ComputeLockOnPath(FunctionFact? function, string functionKey, int depth, HashSet<string> visiting)
        {
            if (function == null)
            {
                function = new FunctionFact(functionKey, null, functionKey, FunctionFlags.Private, System.Collections.Immutable.ImmutableArray<string>.Empty, null);
            }

            if (function.Has(FunctionFlags.LockedByName))
            {
                return new LockFact(null, exclusive: true, Microsoft.CodeAnalysis.Location.None);
            }

            // Not public: private, protected, internal. Only code of this compilation (and, for protected members, types
            // deriving from it) calls it, so a base class's template method taking its lock around a chain of protected
            // virtuals covers every override.
            // A lambda has no direct callers: it is confined when it is posted to an executor or continues confined code.
            var lambda = function.Has(FunctionFlags.Lambda);
            var eligible = !function.Has(FunctionFlags.Public);
            if (!eligible)
            {
                return null;
            }

            LockFact? result = null;
            var any = false;
            var cycled = false;
            if (EntriesOf(functionKey).Count > 0)
            {
                result = ContinuationConfinement(functionKey, depth, visiting);
                if (!result.HasValue)
                {
                    return null;
                }

                any = true;
            }

            foreach (var call in CallersOf(functionKey))
            {
                var caller = Function(call.CallerKey);
                if (caller != null && caller.Has(FunctionFlags.Constructor) && !caller.Has(FunctionFlags.Lambda))
                {
                    continue;
                }

                if (call.Escapes && !IsConfinement(call.Lock))
                {
                    return null; // Runs through a delegate, wherever it is invoked; posted to an executor, it runs there.
                }

                if (lambda && !call.Escapes)
                {
                    return null;
                }

                if (visiting.Contains(call.CallerKey) && !call.Escapes)
                {
                    cycled = true;
                    continue; // A cycle back onto the path (an override calling its base): no new way in.
                }

                var held = IsExclusive(call.Lock) ? call.Lock : ComputeLock(call.CallerKey, IsDelegatePseudoFunction(call.CallerKey) ? depth : depth + 1, visiting);
                if (held is { Key: NoNewWayInKey })
                {
                    cycled = true;
                    continue;
                }

                if (!held.HasValue || (result.HasValue && !SameExclusiveLock(result, held)))
                {
                    return null;
                }

                result ??= held;
                any = true;
            }

            return any ? result : cycled ? new LockFact(NoNewWayInKey, exclusive: false, Microsoft.CodeAnalysis.Location.None) : (LockFact?)null;
        }
    }
}
