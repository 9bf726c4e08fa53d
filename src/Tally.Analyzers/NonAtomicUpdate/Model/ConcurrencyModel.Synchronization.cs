using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Which synchronisation of a type speaks for one update: a function that locks or uses Interlocked runs on many
    /// threads, and so does everything it calls outside its lock; the type's other methods are not made concurrent by it.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private static readonly List<SynchronizationFact> NoSynchronizations = new List<SynchronizationFact>();

        private readonly ConcurrentDictionary<string, List<SynchronizationFact>> _synchronizations = new ConcurrentDictionary<string, List<SynchronizationFact>>();
        private readonly ConcurrentDictionary<string, HashSet<string>> _unlockedCallers = new ConcurrentDictionary<string, HashSet<string>>();
        private readonly ConcurrentDictionary<string, bool> _byDesign = new ConcurrentDictionary<string, bool>();

        /// <summary>Every function synchronising the type's own instance state, in merge order.</summary>
        public List<SynchronizationFact> SynchronizationsOf(string typeKey)
        {
            if (_overlay == null || !_overlay.TypeSynchronization.TryGet(typeKey, out _))
            {
                return _facts.TypeSynchronization.Get(typeKey) ?? NoSynchronizations;
            }

            return _synchronizations.GetOrAdd(typeKey, key => OrderedFacts<SynchronizationFact>.Merge(_facts.TypeSynchronization, _overlay.TypeSynchronization, key));
        }

        /// <summary>The first place the type synchronises its own instance state, in any function.</summary>
        public bool TryGetTypeSynchronization(string typeKey, out Evidence evidence)
        {
            var facts = SynchronizationsOf(typeKey);
            evidence = facts.Count > 0 ? facts[0].Evidence : default;
            return facts.Count > 0;
        }

        /// <summary>
        /// The synchronisation of <paramref name="typeKey"/> that says <paramref name="functionKey"/> runs on many threads:
        /// one in the function itself; else one in a function that calls it (directly or through others) without holding
        /// an exclusive lock at the calls; else one in a helper only the function calls (its concurrency is the
        /// function's). <c>null</c> when none does.
        /// </summary>
        public (SynchronizationFact Fact, SynchronizationPath Path)? SynchronizationReaching(string typeKey, string functionKey)
        {
            var facts = SynchronizationsOf(typeKey);
            if (facts.Count == 0)
            {
                return null;
            }

            foreach (var fact in facts)
            {
                if (fact.FunctionKey == functionKey)
                {
                    return (fact, SynchronizationPath.SameFunction);
                }
            }

            var callers = UnlockedCallers(functionKey);
            foreach (var fact in facts)
            {
                if (callers.Contains(fact.FunctionKey))
                {
                    return (fact, SynchronizationPath.Caller);
                }
            }

            foreach (var fact in facts)
            {
                if (IsOnlyCalledBy(fact.FunctionKey, functionKey))
                {
                    return (fact, SynchronizationPath.OnlyCallee);
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the type is synchronised by design: at least half of its non-private instance methods synchronise its
        /// state, themselves or through a helper they call. Its instances are meant for many threads, so every method
        /// its callers reach may run on many (a metrics class whose one plain <c>++</c> sits among Interlocked counters),
        /// unlike a type that synchronises one small part of its state (a lazy initialisation, a reference count).
        /// </summary>
        public bool IsSynchronizedByDesign(string typeKey, INamedTypeSymbol type) => _byDesign.GetOrAdd(typeKey, key =>
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
                foreach (var call in DirectCallers(fact.FunctionKey))
                {
                    synchronizing.Add(call.CallerKey);
                }
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
                if (call.CallerKey != callerKey)
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        /// <summary>
        /// The functions that run <paramref name="functionKey"/> along calls made outside any exclusive lock, up to
        /// <see cref="MaxDepth"/> calls away (memoised). Constructors end a path: their object is not shared yet.
        /// </summary>
        private HashSet<string> UnlockedCallers(string functionKey) => _unlockedCallers.GetOrAdd(functionKey, key =>
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
                    if (IsExclusive(call.Lock) || distances.ContainsKey(call.CallerKey))
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
