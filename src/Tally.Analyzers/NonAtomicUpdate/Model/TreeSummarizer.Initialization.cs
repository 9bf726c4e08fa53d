using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Plain writes that initialise a storage once, before anything updates it.</summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// Whether <paramref name="assignment"/> stores a constant only while the storage still holds its default:
        /// <c>if (_next == 0) { _next = 1; }</c>. That is a lazy start value, written before the first update (a
        /// sequence number set when confirmations are switched on, before anything is published): it does not pair
        /// with the updates as another writer. A reset to a constant without that check (<c>_count = 0</c>) still does.
        /// </summary>
        private static bool IsGuardedInitialization(IOperation assignment, ISymbol storage)
        {
            if (!(assignment is ISimpleAssignmentOperation { Value.ConstantValue.HasValue: true }))
            {
                return false;
            }

            IOperation child = assignment;
            for (var parent = assignment.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.WhenTrue == child:
                        return ChecksDefault(conditional.Condition, storage);
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                        return false;
                }
            }

            return false;
        }

        /// <summary><c>storage == 0</c>, <c>storage == null</c>, <c>storage == default</c> (either side), possibly one part of an <c>&amp;&amp;</c>.</summary>
        private static bool ChecksDefault(IOperation condition, ISymbol storage)
        {
            if (!(condition.WalkDownConversions() is IBinaryOperation binary))
            {
                return false;
            }

            if (binary.OperatorKind == BinaryOperatorKind.ConditionalAnd)
            {
                return ChecksDefault(binary.LeftOperand, storage) || ChecksDefault(binary.RightOperand, storage);
            }

            return binary.OperatorKind == BinaryOperatorKind.Equals
                && ((IsStorage(binary.LeftOperand, storage) && IsDefault(binary.RightOperand)) || (IsStorage(binary.RightOperand, storage) && IsDefault(binary.LeftOperand)));
        }

        private static bool IsStorage(IOperation operation, ISymbol storage) => operation.WalkDownConversions() switch
        {
            IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, storage),
            IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, storage),
            _ => false,
        };

        private static bool IsDefault(IOperation operation)
        {
            var stripped = operation.WalkDownConversions();
            var constant = stripped == null ? default : stripped.ConstantValue;
            if (stripped is IDefaultValueOperation || (constant.HasValue && constant.Value == null))
            {
                return true;
            }

            if (!constant.HasValue)
            {
                return false;
            }

            // Each numeric kind compared in its own type: no conversion that throws (a char, a double beyond decimal's range).
            return constant.Value is char c ? c == '\0' : NumericConstant.IsNumber(constant.Value, 0);
        }
    }
}
