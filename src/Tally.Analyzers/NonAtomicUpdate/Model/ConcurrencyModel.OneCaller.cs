using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Who the ordinary code reaching a function is, for the usage contract "one caller at a time" (docs/detection-model.md,
    /// "Usage contracts: one caller at a time"): the contract speaks for the application's calls on an instance, so it
    /// applies only when every root of ordinary code reaching the function is such a call.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        // Created on first use: a model is rebuilt on every edit, and only updates of types with a contract ask.
        private ConcurrentDictionary<(string, string), bool>? _onlyCallsOnObject;

        /// <summary>
        /// Whether the ordinary code reaching <paramref name="functionKey"/> consists only of calls on the object itself:
        /// walking callers back along plain calls within the class hierarchy of <paramref name="typeKey"/> (the type and
        /// the classes it derives from or that derive from it, as <paramref name="inHierarchy"/> says), every root is a
        /// function of that hierarchy (its public API, an override the framework calls), and every call from outside
        /// the hierarchy is made on an object the caller has just made (<c>using var s = OpenRead(); s.Read(...)</c>),
        /// or on a fresh parameter: each run of such a caller has its own object. Not when some path goes through a
        /// delegate handed on (it runs wherever its receiver runs it: a library callback, a continuation), through a
        /// call from another type on an object it keeps or got elsewhere (whether it shares it is that code's matter),
        /// or further than the model follows. Concurrent starts reaching the code are not roots: they stay entries
        /// (memoised per function and type).
        /// </summary>
        public bool OnlyCallsOnObject(string functionKey, string typeKey, System.Func<string, bool> inHierarchy)
            => LazyInitializer.EnsureInitialized(ref _onlyCallsOnObject, () => new ConcurrentDictionary<(string, string), bool>())!
                .GetOrAdd((functionKey, typeKey), key => ComputeOnlyCallsOnObject(key.Item1, inHierarchy));

        private bool ComputeOnlyCallsOnObject(string functionKey, System.Func<string, bool> inHierarchy)
        {
            var distances = new Dictionary<string, int> { [functionKey] = 0 };
            var queue = new Queue<string>();
            queue.Enqueue(functionKey);
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var distance = distances[current];
                if (!(Function(current) is { TypeKey: { } currentType } function) || function.Has(FunctionFlags.Lambda) || !inHierarchy(currentType))
                {
                    return false;
                }

                var next = new List<string>();
                foreach (var entry in EntriesOf(current))
                {
                    if (ContinuesOnExecutor(entry))
                    {
                        next.Add(entry.EnclosingKey!); // More code of the function that started it (see ComputeReach).
                    }
                }

                foreach (var call in CallersOf(current))
                {
                    if (call.Escapes)
                    {
                        return false;
                    }

                    if (Function(call.CallerKey)?.TypeKey is { } callerType && !inHierarchy(callerType))
                    {
                        if (call.Owned || IsFreshParameter(call.CallerKey, call.ReceiverParameter))
                        {
                            continue; // Each run of that caller works on its own object.
                        }

                        return false;
                    }

                    next.Add(call.CallerKey);
                }

                foreach (var caller in next)
                {
                    if (distances.ContainsKey(caller))
                    {
                        continue;
                    }

                    if (distance + 1 > MaxDepth)
                    {
                        return false;
                    }

                    distances.Add(caller, distance + 1);
                    queue.Enqueue(caller);
                }
            }

            return true;
        }
    }
}
