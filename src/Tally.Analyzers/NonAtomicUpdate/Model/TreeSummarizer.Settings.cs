using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Facts for settings (held-out family E, static settings): property setters with bodies are calls
    /// (<c>Settings.UseX = true</c> runs the setter), an update that sets or clears fixed bits says so
    /// (<see cref="BitUpdate"/>), and a call records its constant integral arguments, which such a mask may come from.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// Records an assignment to a property whose setter has a body in source as a call of that setter (an
        /// auto-property is storage, written directly).
        /// </summary>
        private void SetterCall(IOperation operation, FunctionBuilder function)
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                _ => null,
            };
            if (target is IPropertyReferenceOperation property)
            {
                AccessorCall(operation, property, property.Property.SetMethod, function); // TreeSummarizer.PropertyCalls.cs
            }
        }

        /// <summary>The fixed bits an update sets or clears (<c>x |= C</c>, <c>x &amp;= ~mask</c>), or <c>null</c> for any other update.</summary>
        private static BitUpdate? BitUpdateOf(IOperation operation, FunctionBuilder function)
        {
            if (!(operation is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Or or BinaryOperatorKind.And } compound))
            {
                return null;
            }

            var clears = compound.OperatorKind == BinaryOperatorKind.And;
            var value = compound.Value.WalkDownConversions();
            var complemented = false;
            if (value is IUnaryOperation { OperatorKind: UnaryOperatorKind.BitwiseNegation } negation)
            {
                complemented = true;
                value = negation.Operand.WalkDownConversions();
            }

            if (compound.Value.ConstantValue.HasValue && AsLong(compound.Value.ConstantValue.Value) is { } constant)
            {
                return new BitUpdate(clears ? ~constant : constant, -1, false, sets: !clears);
            }

            // x |= mask forces mask; x &= ~mask forces mask (to zero); x &= mask forces ~mask.
            return value is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function.Symbol)
                ? new BitUpdate(0, parameter.Parameter.Ordinal, clears != complemented, sets: !clears)
                : null;
        }

        /// <summary>The constant integral and enum arguments of a call; empty for most calls.</summary>
        private static ImmutableArray<ConstantArgument> ConstantArguments(IInvocationOperation invocation)
        {
            ImmutableArray<ConstantArgument>.Builder? builder = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter != null && argument.ArgumentKind == ArgumentKind.Explicit && argument.Value.ConstantValue.HasValue
                    && (argument.Parameter.Type.TypeKind == TypeKind.Enum || argument.Parameter.Type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_UInt64)
                    && AsLong(argument.Value.ConstantValue.Value) is { } value)
                {
                    (builder ??= ImmutableArray.CreateBuilder<ConstantArgument>()).Add(new ConstantArgument(argument.Parameter.Ordinal, value));
                }
            }

            return builder?.ToImmutable() ?? ImmutableArray<ConstantArgument>.Empty;
        }

        private static long? AsLong(object? value) => value switch
        {
            sbyte v => v,
            byte v => v,
            short v => v,
            ushort v => v,
            int v => v,
            uint v => v,
            long v => v,
            ulong v => unchecked((long)v),
            _ => null,
        };
    }
}
