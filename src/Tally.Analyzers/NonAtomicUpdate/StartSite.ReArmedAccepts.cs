using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Thread starts whose task the starting code drops (for re-armed accepts, ConcurrencyModel.ReArmedAccepts.cs).</summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// Whether the start call receiving <paramref name="delegateOperation"/> is a statement of its own, discarded
        /// (<c>_ = Task.Run(...)</c>), or put in a local that its function never awaits, waits for, returns or hands to
        /// a combinator: the starting code goes on without waiting for the started code.
        /// </summary>
        public static bool IsUnjoinedStart(IOperation delegateOperation)
        {
            var parent = delegateOperation.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (!(parent is IArgumentOperation { Parent: IInvocationOperation call }))
            {
                return false;
            }

            IOperation start = call;
            while (start.Parent is IConversionOperation)
            {
                start = start.Parent;
            }

            if (start.Parent is IExpressionStatementOperation
                || (start.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Parent is IExpressionStatementOperation))
            {
                return true;
            }

            return start.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } && NeverWaitedFor(declarator.Symbol, call);
        }
    }
}
