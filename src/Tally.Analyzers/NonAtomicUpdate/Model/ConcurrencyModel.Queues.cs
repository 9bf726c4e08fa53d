using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Producers and consumers of a concurrent collection in a field of one object (<see cref="QueueUseFact"/>): which
    /// collections a function adds to, itself or through one call on <c>this</c>, and which functions take from one.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        private static readonly List<QueueUseFact> NoQueueUses = new List<QueueUseFact>();

        // Created on first use: only an update paired with another writer across a start asks.
        private ConcurrentDictionary<string, List<QueueUseFact>>? _queueUses;

        /// <summary>Every add to and take from a concurrent collection of <c>this</c> in functions of the type, in merge order.</summary>
        public List<QueueUseFact> QueueUsesIn(string typeKey)
        {
            if (_overlay == null || !_overlay.QueueUses.TryGet(typeKey, out _))
            {
                return _facts.QueueUses.Get(typeKey) ?? NoQueueUses;
            }

            return LazyInitializer.EnsureInitialized(ref _queueUses, () => new ConcurrentDictionary<string, List<QueueUseFact>>())!.GetOrAdd(typeKey, key => OrderedFacts<QueueUseFact>.Merge(_facts.QueueUses, _overlay.QueueUses, key));
        }

        /// <summary>
        /// Whether <paramref name="functionKey"/> adds to the collection in <paramref name="use"/>'s field of its own
        /// object: <paramref name="use"/> is in the function itself, or in a function it calls on <c>this</c> (not
        /// through a delegate).
        /// </summary>
        public bool AddsThrough(string functionKey, QueueUseFact use)
        {
            if (!use.Adds)
            {
                return false;
            }

            if (use.FunctionKey == functionKey)
            {
                return true;
            }

            foreach (var call in DirectCallers(use.FunctionKey))
            {
                if (call.CallerKey == functionKey && call.OnThis && !call.Escapes)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
