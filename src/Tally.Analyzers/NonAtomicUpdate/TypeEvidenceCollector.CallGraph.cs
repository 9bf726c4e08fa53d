using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The calls within a type: which methods run concurrently, and which private methods run only under a lock.</summary>
    internal sealed partial class TypeEvidenceCollector
    {
        private CallGraph BuildCallGraph()
        {
            var graph = new CallGraph();
            lock (_gate)
            {
                foreach (var call in _calls)
                {
                    var caller = call.Caller.OriginalDefinition;
                    if (!graph.Callers.TryGetValue(call.Callee, out var callers))
                    {
                        graph.Callers.Add(call.Callee, callers = new List<CallEdge>());
                    }

                    callers.Add(call);
                    if (!graph.Callees.TryGetValue(caller, out var callees))
                    {
                        graph.Callees.Add(caller, callees = new List<ISymbol>());
                    }

                    callees.Add(call.Callee);
                }

                foreach (var escaped in _escaped)
                {
                    graph.Escaped.Add(escaped);
                }

                foreach (var entry in _entries)
                {
                    graph.Entries.Add(entry.Key, entry.Value);
                }
            }

            return graph;
        }

        private static HeldLock? LockOfPrivateMethod(CallGraph graph, ISymbol method, Dictionary<ISymbol, HeldLock?> cache, int depth)
        {
            if (cache.TryGetValue(method, out var cached))
            {
                return cached;
            }

            cache[method] = null; // Guards recursion.
            HeldLock? result = null;
            if (depth <= 3 && method is IMethodSymbol m
                && (m.DeclaredAccessibility == Accessibility.Private || m.MethodKind == MethodKind.LocalFunction)
                && m.MethodKind != MethodKind.Constructor
                && !graph.Escaped.Contains(m.OriginalDefinition)
                && !graph.Entries.ContainsKey(m.OriginalDefinition)
                && graph.Callers.TryGetValue(m.OriginalDefinition, out var callers))
            {
                foreach (var call in callers)
                {
                    var callerLock = call.Lock ?? LockOfPrivateMethod(graph, call.Caller, cache, depth + 1);
                    if (!callerLock.HasValue || (result.HasValue && !result.Value.IsSameLock(callerLock.Value)))
                    {
                        result = null;
                        break;
                    }

                    result ??= callerLock;
                }
            }

            cache[method] = result;
            return result;
        }

        private static Dictionary<ISymbol, StartSite> ComputeReachable(CallGraph graph, int callDepth)
        {
            var reachable = new Dictionary<ISymbol, StartSite>(SymbolEqualityComparer.Default);
            if (graph.Entries.Count == 0)
            {
                return reachable;
            }

            var depths = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            var queue = new Queue<ISymbol>();
            foreach (var entry in graph.Entries)
            {
                if (entry.Value.Depth <= callDepth)
                {
                    reachable[entry.Key] = entry.Value.Site;
                    depths[entry.Key] = entry.Value.Depth;
                    queue.Enqueue(entry.Key);
                }
            }

            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var depth = depths[current];
                if (depth >= callDepth || !graph.Callees.TryGetValue(current, out var callees))
                {
                    continue;
                }

                foreach (var callee in callees)
                {
                    if (!depths.ContainsKey(callee))
                    {
                        depths[callee] = depth + 1;
                        reachable[callee] = reachable[current];
                        queue.Enqueue(callee);
                    }
                }
            }

            return reachable;
        }

        private sealed class CallGraph
        {
            public Dictionary<ISymbol, List<CallEdge>> Callers { get; } = new Dictionary<ISymbol, List<CallEdge>>(SymbolEqualityComparer.Default);

            public Dictionary<ISymbol, List<ISymbol>> Callees { get; } = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> Escaped { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public Dictionary<ISymbol, (StartSite Site, int Depth)> Entries { get; } = new Dictionary<ISymbol, (StartSite, int)>(SymbolEqualityComparer.Default);
        }

        private readonly struct CallEdge
        {
            public CallEdge(ISymbol caller, ISymbol callee, HeldLock? held)
            {
                Caller = caller;
                Callee = callee;
                Lock = held;
            }

            public ISymbol Caller { get; }

            public ISymbol Callee { get; }

            public HeldLock? Lock { get; }
        }
    }
}
