using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A public event whose <c>add</c> accessor hands the handler on to another event of the compilation
    /// (<c>public event EventHandler Received { add { _received += value; } remove { ... } }</c>, the shape libraries use to
    /// check or log subscriptions): a raise of the inner event runs the handlers added to the outer one. The inner
    /// event's pseudo function calls the outer's (<see cref="EventKeyPrefix"/>), which calls its subscribers.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private void EventForwarding(IEventAssignmentOperation assignment, FunctionBuilder function)
        {
            if (!assignment.Adds
                || function.Symbol is not IMethodSymbol { MethodKind: MethodKind.EventAdd, AssociatedSymbol: IEventSymbol { IsStatic: false } outer } accessor
                || assignment.HandlerValue.WalkDownConversions() is not IParameterReferenceOperation { Parameter: { } handler }
                || !SymbolEqualityComparer.Default.Equals(handler.ContainingSymbol, accessor)
                || assignment.EventReference is not IEventReferenceOperation { Event: { IsStatic: false } inner }
                || !inner.IsDeclaredInSource() || SymbolEqualityComparer.Default.Equals(inner.OriginalDefinition, outer.OriginalDefinition)
                || Key(inner.OriginalDefinition) is not { } innerKey || Key(outer.OriginalDefinition) is not { } outerKey)
            {
                return;
            }

            _summary.Calls.Add(new CallFact(EventKeyPrefix + innerKey, EventKeyPrefix + outerKey, null, escapes: false));
        }
    }
}
