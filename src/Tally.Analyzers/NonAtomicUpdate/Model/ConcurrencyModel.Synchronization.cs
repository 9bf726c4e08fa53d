using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Which synchronisation of a type speaks for one update: a function that locks or uses Interlocked runs at the same
    /// time as the other functions synchronising on the same object (or as itself, when no other function does), and so
    /// does everything it calls outside its lock; the type's other methods are not made concurrent by it.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private static readonly List<SynchronizationFact> NoSynchronizations = new List<SynchronizationFact>();

        // Created on first use: a model is rebuilt on every edit, and most edits never ask about synchronisation.
        private ConcurrentDictionary<string, List<SynchronizationFact>>? _synchronizations;
        private ConcurrentDictionary<string, HashSet<string>>? _unlockedCallers;
        private ConcurrentDictionary<string, bool>? _byDesign;
        private ConcurrentDictionary<(string Type, string Function, string Storage), bool>? _speaksFor;

        /// <summary>Every function synchronising the type's own instance state, in merge order.</summary>
        public List<SynchronizationFact> SynchronizationsOf(string typeKey)
        {
            if (_overlay == null || !_overlay.TypeSynchronization.TryGet(typeKey, out _))
            {
                return _facts.TypeSynchronization.Get(typeKey) ?? NoSynchronizations;
            }

            return LazyInitializer.EnsureInitialized(ref _synchronizations, () => new ConcurrentDictionary<string, List<SynchronizationFact>>())!.GetOrAdd(typeKey, key => OrderedFacts<SynchronizationFact>.Merge(_facts.TypeSynchronization, _overlay.TypeSynchronization, key));
        }

        /// <summary>The first place the type synchronises its own instance state, in any function.</summary>
        public bool TryGetTypeSynchronization(string typeKey, out Evidence evidence)
        {
            var facts = SynchronizationsOf(typeKey);
            evidence = facts.Count > 0 ? facts[0].Evidence : default;
            return facts.Count > 0;
        }

        /// <summary>
        /// The synchronisation of <paramref name="typeKey"/> that says <paramref name="functionKey"/>, a writer of
        /// <paramref name="storageKey"/>, can overlap with a writer of it: one in the function itself; else one in a
        /// function that calls it (directly or through others) without holding an exclusive lock at the calls, or in a
        /// helper only the function calls (its concurrency is the function's), when that synchronisation speaks for the
        /// storage (<see cref="SpeaksFor"/>). <c>null</c> when none does.
        /// </summary>
        public (SynchronizationFact Fact, SynchronizationPath Path)? SynchronizationReaching(string typeKey, string functionKey, string storageKey)
        {
            var facts = SynchronizationsOf(typeKey);
            if (facts.Count == 0)
            {
                return null;
            }

            foreach (var fact in facts)
            {
                if (fact.FunctionKey == functionKey && SpeaksForOwn(typeKey, fact, storageKey))
                {
                    return (fact, SynchronizationPath.SameFunction);
                }
            }

            var callers = UnlockedCallers(functionKey);
            foreach (var fact in facts)
            {
                if (callers.Contains(fact.FunctionKey) && SpeaksFor(typeKey, fact, storageKey))
                {
                    return (fact, SynchronizationPath.Caller);
                }
            }

            foreach (var fact in facts)
            {
                if (IsOnlyCalledBy(fact.FunctionKey, functionKey) && SpeaksFor(typeKey, fact, storageKey))
                {
                    return (fact, SynchronizationPath.OnlyCallee);
                }
            }

            return null;
        }

        /// <summary>
        /// Whether a synchronisation in another function than the writer's says two writers of the storage can overlap.
        /// A lock (or Interlocked field, lock object, concurrent collection) that no other function of the type uses
        /// exists because its function runs at the same time as itself, so everything it runs overlaps with itself. One
        /// that other functions use too says that the function runs at the same time as those partners, not as itself:
        /// the writer it runs overlaps only with what the partners run, so the synchronisation speaks for the storage
        /// only when a partner runs a writer of it too (itself, a caller of it outside any exclusive lock, or as a helper
        /// only that writer calls). A collecting thread's helper that locks the lookup table the recording threads also
        /// lock says nothing about the collecting thread's own batch count. A partner that the function runs itself, or
        /// that runs the function, is set aside (<see cref="OneRun"/>) (memoised).
        /// </summary>
        private bool SpeaksFor(string typeKey, SynchronizationFact fact, string storageKey)
            => LazyInitializer.EnsureInitialized(ref _speaksFor, () => new ConcurrentDictionary<(string, string, string), bool>())!
                .GetOrAdd((typeKey, fact.FunctionKey, storageKey), _ => ComputeSpeaksFor(typeKey, fact, storageKey));

        private bool ComputeSpeaksFor(string typeKey, SynchronizationFact fact, string storageKey)
        {
            if (RunsBesideItself(fact.FunctionKey))
            {
                return true; // Entered by many threads at once (a public method of a thread-safe API), whatever its partners.
            }

            var facts = SynchronizationsOf(typeKey);
            var partners = new List<SynchronizationFact>();
            foreach (var synchronized in fact.Objects)
            {
                var shared = false;
                foreach (var other in facts)
                {
                    if (other.FunctionKey != fact.FunctionKey && Contains(other.Objects, synchronized) && !OneRun(fact.FunctionKey, other.FunctionKey))
                    {
                        shared = true;
                        if (!partners.Contains(other))
                        {
                            partners.Add(other);
                        }
                    }
                }

                if (!shared)
                {
                    return true; // Only this function (and its own run) synchronises on it: it runs at the same time as itself.
                }
            }

            foreach (var write in WritesOf(storageKey))
            {
                if (write.Excluded || write.Root != ReceiverRoot.Shared)
                {
                    continue;
                }

                foreach (var partner in partners)
                {
                    if (partner.FunctionKey == write.FunctionKey || UnlockedCallers(write.FunctionKey).Contains(partner.FunctionKey)
                        || IsOnlyCalledBy(partner.FunctionKey, write.FunctionKey))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="functionKey"/> itself synchronises the state of <paramref name="typeKey"/>.</summary>
        public bool SynchronizesItself(string typeKey, string functionKey)
        {
            foreach (var fact in SynchronizationsOf(typeKey))
            {
                if (fact.FunctionKey == functionKey)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the lock a writer takes in its own function says that the storage is shared (TALLY001's evidence when
        /// no concurrent start reaches either writer): the lock is evidence of the same kind as any other
        /// synchronisation (<see cref="SpeaksFor"/>). A lock its function alone takes, or one a public method of a public
        /// type takes, says the function runs beside itself, and so its write; a lock other functions of the type take too
        /// says the function runs beside them, which matters for the storage only when one of them runs a writer of it
        /// (a download's <c>Read</c> advancing its offset under the lock it shares with the read-ahead thread, which never
        /// writes the offset, says nothing about a second reader). A lock that is not the type's own synchronisation (a
        /// caller's, another object's, one not recorded) keeps the evidence (<c>true</c>).
        /// </summary>
        public bool LockSpeaksFor(WriteFact write, string storageKey)
        {
            var function = Function(write.FunctionKey);
            if (function?.TypeKey == null || !(write.Lock is { } own) || own.Key == null)
            {
                return true;
            }

            foreach (var fact in SynchronizationsOf(function.TypeKey))
            {
                if (fact.FunctionKey == write.FunctionKey)
                {
                    return !(Contains(fact.Objects, own.Key) || (own.Key == function.TypeKey && Contains(fact.Objects, "this")))
                        || SpeaksForOwn(function.TypeKey, fact, storageKey);
                }
            }

            return true;
        }

        /// <summary>
        /// <see cref="SpeaksFor"/> for the synchronisation of the update's own function or of a second writer's own
        /// function, read one step more carefully: a lock (or Interlocked field) needs two threads. When a partner runs on
        /// a thread the compilation starts (a read-ahead loop, a logic thread), that start explains it, and the function
        /// may be ordinary code run by one thread at a time; when every partner is ordinary code too (a listener's
        /// <c>JobToBeExecuted</c> and <c>JobWasExecuted</c>, both called by the scheduler's workers), the lock says that
        /// ordinary code runs on several threads at once, and the function with it: the synchronisation speaks for its
        /// update as before.
        /// </summary>
        private bool SpeaksForOwn(string typeKey, SynchronizationFact fact, string storageKey)
            => SpeaksFor(typeKey, fact, storageKey) || !PartnerStarted(typeKey, fact);

        /// <summary>Whether a function sharing one of the fact's objects (not the function's own run) is reached by a concurrent start.</summary>
        private bool PartnerStarted(string typeKey, SynchronizationFact fact)
        {
            var facts = SynchronizationsOf(typeKey);
            foreach (var synchronized in fact.Objects)
            {
                foreach (var other in facts)
                {
                    if (other.FunctionKey != fact.FunctionKey && Contains(other.Objects, synchronized) && !OneRun(fact.FunctionKey, other.FunctionKey)
                        && ReachOf(other.FunctionKey).Entries.Count > 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether one of two functions synchronising on one object runs the other itself, along calls made outside any
        /// exclusive lock (a connector's <c>Open</c> reading responses whose reader calls a delayed-cancellation helper
        /// that locks what <c>Open</c> locks). Such a partner is the function's own run, not code running beside it: the
        /// lock they share says nothing about a second writer, and when no other partner is left the function runs
        /// beside itself, as when nothing else synchronises on the object.
        /// </summary>
        private bool OneRun(string functionKey, string partnerKey)
            => UnlockedCallers(partnerKey).Contains(functionKey) || UnlockedCallers(functionKey).Contains(partnerKey);

        private static bool Contains(IReadOnlyList<string> keys, string key)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (keys[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the type is synchronised by design: at least half of its non-private instance methods synchronise its
        /// state in their own body (not through a shared private helper, which its other callers may explain). Its
        /// instances are meant for many threads, so every method its callers reach may run on many (a metrics class
        /// whose one plain <c>++</c> sits among Interlocked counters), unlike a type that synchronises one small part of
        /// its state (a lazy initialisation, a reference count, a close flag).
        /// </summary>
        public bool IsSynchronizedByDesign(string typeKey, INamedTypeSymbol type) => LazyInitializer.EnsureInitialized(ref _byDesign, () => new ConcurrentDictionary<string, bool>())!.GetOrAdd(typeKey, key =>
        {
            var facts = SynchronizationsOf(key);
            if (facts.Count == 0)
            {
                return false;
            }

            var synchronizing = new HashSet<string>();
            foreach (var fact in facts)
            {
                synchronizing.Add(fact.FunctionKey);
            }

            int methods = 0, synchronized = 0;
            foreach (var member in type.OriginalDefinition.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, IsAbstract: false, IsImplicitlyDeclared: false } method
                    && method.DeclaredAccessibility != Accessibility.Private)
                {
                    methods++;
                    if (SymbolKeys.Of(method) is { } methodKey && synchronizing.Contains(methodKey))
                    {
                        synchronized++;
                    }
                }
            }

            return synchronized > 0 && synchronized * 2 >= methods;
        });

        /// <summary>Whether the call is made inside an exclusive lock (the innermost or an enclosing one).</summary>
        private bool HoldsExclusiveLock(CallFact call)
        {
            if (IsExclusive(call.Lock))
            {
                return true;
            }

            foreach (var outer in call.OuterLocks)
            {
                if (IsExclusive(outer))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether only <paramref name="callerKey"/> calls <paramref name="functionKey"/>, which nothing starts and outside code cannot call.</summary>
        private bool IsOnlyCalledBy(string functionKey, string callerKey)
        {
            var function = Function(functionKey);
            if (function == null || function.Has(FunctionFlags.Public) || EntriesOf(functionKey).Count > 0)
            {
                return false;
            }

            var any = false;
            foreach (var call in CallersOf(functionKey))
            {
                if (call.Escapes || call.CallerKey != callerKey)
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        /// <summary>
        /// The functions that run <paramref name="functionKey"/> along calls made outside any exclusive lock, up to
        /// <see cref="MaxDepth"/> calls away (memoised). A delegate handed on (a method group given to a continuation)
        /// runs later, elsewhere, not as part of the call that made it; constructors end a path: their object is not
        /// shared yet.
        /// </summary>
        private HashSet<string> UnlockedCallers(string functionKey) => LazyInitializer.EnsureInitialized(ref _unlockedCallers, () => new ConcurrentDictionary<string, HashSet<string>>())!.GetOrAdd(functionKey, key =>
        {
            var found = new HashSet<string>();
            var distances = new Dictionary<string, int> { [key] = 0 };
            var queue = new Queue<string>();
            queue.Enqueue(key);
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var distance = distances[current];
                if (distance >= MaxDepth)
                {
                    continue;
                }

                foreach (var call in CallersOf(current))
                {
                    if (call.Escapes || HoldsExclusiveLock(call) || distances.ContainsKey(call.CallerKey))
                    {
                        continue;
                    }

                    distances.Add(call.CallerKey, distance + 1);
                    found.Add(call.CallerKey);
                    var caller = Function(call.CallerKey);
                    if (caller == null || !caller.Has(FunctionFlags.Constructor | FunctionFlags.StaticConstructor) || caller.Has(FunctionFlags.Lambda))
                    {
                        queue.Enqueue(call.CallerKey);
                    }
                }
            }

            return found;
        });
    }

    /// <summary>How a function that synchronises its type's state relates to the update's function.</summary>
    internal enum SynchronizationPath : byte
    {
        /// <summary>It is the update's function.</summary>
        SameFunction,

        /// <summary>It calls the update's function, directly or through others, outside any exclusive lock.</summary>
        Caller,

        /// <summary>It is a helper only the update's function calls.</summary>
        OnlyCallee,

        /// <summary>Most of the type's methods synchronise: the type is meant for many threads.</summary>
        ByDesign,
    }
}
