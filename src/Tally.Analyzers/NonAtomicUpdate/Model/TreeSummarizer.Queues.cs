using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Adds to and takes from a concurrent collection in a field of the function's own object (see
    /// <see cref="QueueUseFact"/>): a <c>ConcurrentQueue</c>, <c>ConcurrentStack</c>, <c>ConcurrentBag</c> or
    /// <c>BlockingCollection</c> of <c>System.Collections.Concurrent</c>, a <c>Channel</c>'s writer and reader, or a queue of the
    /// project that locks itself around each add and take (TreeSummarizer.OwnQueues.cs).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private void QueueUse(IInvocationOperation invocation, FunctionBuilder function)
        {
            var name = invocation.TargetMethod.Name;
            var adds = IsAdd(name);
            if (!adds && !IsTake(name))
            {
                if (OwnQueueUse(invocation, out adds)) // TreeSummarizer.OwnQueues.cs
                {
                    Record(invocation, function, adds);
                }

                return;
            }

            var holder = invocation.Instance.WalkDownConversions();
            if (holder is IPropertyReferenceOperation { Property.Name: "Writer" or "Reader" } end && end.Instance != null
                && IsChannel(end.Property.ContainingType) && (end.Property.Name == "Writer") == adds)
            {
                holder = end.Instance.WalkDownConversions(); // _channel.Writer.TryWrite(x), _channel.Reader.ReadAllAsync()
            }
            else if (!IsProducerConsumerCollection(invocation.TargetMethod.ContainingType) && !OwnQueueUse(invocation, out _))
            {
                return;
            }

            RecordOn(holder, function, adds);
        }

        /// <summary>Records the use on the invocation's receiver, when that is a field or auto-property of <c>this</c>.</summary>
        private void Record(IInvocationOperation invocation, FunctionBuilder function, bool adds)
            => RecordOn(invocation.Instance.WalkDownConversions(), function, adds);

        private void RecordOn(IOperation? holder, FunctionBuilder function, bool adds)
        {
            var storage = StorageOf(holder, out var receiver);
            if (storage == null || storage.IsStatic || !(receiver.WalkDownConversions() is IInstanceReferenceOperation))
            {
                return;
            }

            var key = Key(storage);
            var typeKey = Key(function.Symbol.ContainingType);
            if (key != null && typeKey != null)
            {
                _summary.QueueUses.Add(new QueueUseFact(typeKey, key, function.Key, adds));
            }
        }

        private static bool IsAdd(string name)
            => name is "Enqueue" or "TryAdd" or "Add" or "Push" or "PushRange" or "TryWrite" or "WriteAsync";

        private static bool IsTake(string name)
            => name is "TryDequeue" or "TryTake" or "Take" or "TryPop" or "TryPopRange" or "GetConsumingEnumerable" or "TryRead" or "ReadAsync" or "ReadAllAsync";

        /// <summary>A queue, stack, bag or blocking collection of <c>System.Collections.Concurrent</c> (not a dictionary).</summary>
        private static bool IsProducerConsumerCollection(INamedTypeSymbol? type)
            => type != null && KnownSymbols.IsConcurrentCollection(type)
                && type.Name is "ConcurrentQueue" or "ConcurrentStack" or "ConcurrentBag" or "BlockingCollection";

        private static bool IsChannel(INamedTypeSymbol? type)
            => type is { Name: "Channel", ContainingNamespace: { Name: "Channels", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };
    }
}
