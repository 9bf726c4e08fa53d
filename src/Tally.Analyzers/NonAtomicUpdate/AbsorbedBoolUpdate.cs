using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// A <c>bool</c> local that no write can change: it starts <c>true</c> and is only ORed into (<c>b |= x</c>,
    /// <c>b = b || x</c>) or set to <c>true</c>, or starts <c>false</c> and is only ANDed into or set to <c>false</c>.
    /// Racing updates of it all store the value it already has, so none can be lost (fresh7, Cachalot's
    /// <c>complete |= ...</c> in a <c>Parallel.For</c>). Anything else that may write it (another operator, another constant,
    /// <c>ref</c>/<c>out</c>, a tuple) keeps the update reported.
    /// </summary>
    internal static class AbsorbedBoolUpdate
    {
        /// <summary>Whether <paramref name="update"/> updates a bool local whose value no write in its function can change.</summary>
        public static bool NeverChanges(IOperation update, ISymbol storage)
        {
            if (storage is not ILocalSymbol { Type.SpecialType: SpecialType.System_Boolean, IsRef: false } local)
            {
                return false;
            }

            var absorbing = AbsorbingValue(update, local);
            if (absorbing == null)
            {
                return false;
            }

            var root = update.Root();

            var initialised = false;
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = declarator.GetVariableInitializer();
                        if (initializer == null || !IsConstant(initializer.Value, absorbing.Value))
                        {
                            return false;
                        }

                        initialised = true;
                        break;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                        if (!KeepsValue(reference, local, absorbing.Value))
                        {
                            return false;
                        }

                        break;
                }
            }

            return initialised;
        }

        /// <summary>Whether this use of the local is a read, or a write that leaves it at <paramref name="absorbing"/>.</summary>
        private static bool KeepsValue(ILocalReferenceOperation reference, ILocalSymbol local, bool absorbing)
        {
            switch (reference.Parent)
            {
                case ICompoundAssignmentOperation compound when compound.Target == reference:
                    return AbsorbingValue(compound, local) == absorbing;
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    return IsConstant(assignment.Value, absorbing) || AbsorbingValue(assignment, local) == absorbing;
                case IArgumentOperation argument:
                    return argument.Parameter == null || argument.Parameter.RefKind is RefKind.None or RefKind.In;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } }:
                case ITupleOperation:
                case IAddressOfOperation:
                    return false;
                default:
                    return true;
            }
        }

        /// <summary><c>true</c> for an OR into the local, <c>false</c> for an AND, null for anything else.</summary>
        private static bool? AbsorbingValue(IOperation update, ILocalSymbol local)
        {
            switch (update)
            {
                case ICompoundAssignmentOperation compound:
                    return Absorbing(compound.OperatorKind);
                case ISimpleAssignmentOperation assignment
                    when assignment.Value.WalkDownConversions() is IBinaryOperation binary
                        && (IsLocal(binary.LeftOperand, local) || IsLocal(binary.RightOperand, local)):
                    return Absorbing(binary.OperatorKind);
                default:
                    return null;
            }
        }

        private static bool? Absorbing(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.Or or BinaryOperatorKind.ConditionalOr => true,
            BinaryOperatorKind.And or BinaryOperatorKind.ConditionalAnd => false,
            _ => null,
        };

        private static bool IsLocal(IOperation operand, ILocalSymbol local) =>
            operand.WalkDownConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool IsConstant(IOperation value, bool expected) =>
            value.WalkDownConversions()?.ConstantValue is { HasValue: true, Value: bool constant } && constant == expected;
    }
}
