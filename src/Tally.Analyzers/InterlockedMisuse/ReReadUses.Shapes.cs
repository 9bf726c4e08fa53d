using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>The shapes <see cref="ReReadUses"/> asks about on its climb: loop exits, calls and their receivers, collections, and the climb's state.</summary>
    internal static partial class ReReadUses
    {
        /// <summary>Whether the branch is only a <c>break</c> or <c>continue</c> of a loop that encloses it (not of a <c>switch</c>).</summary>
        private static bool OnlyLeavesALoop(IOperation branch)
        {
            while (branch is IBlockOperation { Operations.Length: 1 } block)
            {
                branch = block.Operations[0];
            }

            if (!(branch is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } jump))
            {
                return false;
            }

            for (var current = branch.Parent; current is not null; current = current.Parent)
            {
                if (current is ILoopOperation loop)
                {
                    return SymbolEqualityComparer.Default.Equals(jump.Target, loop.ExitLabel)
                           || SymbolEqualityComparer.Default.Equals(jump.Target, loop.ContinueLabel);
                }

                if (current is ISwitchOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Whether the call's value goes on (not a statement of its own, not <c>void</c>), <c>?.</c> looked through.</summary>
        private static bool ResultIsUsed(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.ReturnsVoid)
            {
                return false;
            }

            IOperation current = invocation;
            while (current.Parent is IConditionalAccessOperation access && access.WhenNotNull == current)
            {
                current = access;
            }

            return current.Parent is not (null or IExpressionStatementOperation);
        }

        /// <summary>What a call is made on: the instance, or the first argument of an extension method.</summary>
        private static ITypeSymbol? ReceiverType(IInvocationOperation invocation)
        {
            if (invocation.Instance is { } instance)
            {
                return instance.Type;
            }

            return invocation.TargetMethod.IsExtensionMethod && InterlockedMisuseFacts.GetArgument(invocation, 0) is { } receiver
                ? receiver.Value.WalkDownConversions()?.Type
                : null;
        }

        /// <summary>
        /// Whether <paramref name="receiver"/> is a local declared with a new object in this function
        /// (<c>var tags = new Dictionary&lt;string, object&gt;();</c>), not a <c>ref</c> local: an object of this call.
        /// </summary>
        private static bool MadeHere(IOperation? receiver)
            => receiver is ILocalReferenceOperation { Local.IsRef: false } local
                && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax }
                && local.Syntax.SyntaxTree == local.Local.DeclaringSyntaxReferences[0].SyntaxTree;

        /// <summary>A collection: a type (not <c>string</c>) that implements <c>IEnumerable</c>.</summary>
        private static bool IsCollection(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType == SpecialType.System_String)
            {
                return false;
            }

            if (type.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return true;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (contract.SpecialType == SpecialType.System_Collections_IEnumerable)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether another argument of the call passes storage by <c>ref</c> or <c>out</c> (the call stores into it).</summary>
        private static bool WritesThroughReference(IInvocationOperation invocation, IArgumentOperation value)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument != value
                    && argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out }
                    && argument.Value.WalkDownConversions() is IFieldReferenceOperation or IArrayElementReferenceOperation
                        or IParameterReferenceOperation { Parameter.RefKind: not RefKind.None })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What the climb has passed on its way up from the read.</summary>
        private readonly struct Flow
        {
            private Flow(bool compared, bool relational, bool reduced, bool throughCall)
            {
                Compared = compared;
                Relational = relational;
                Reduced = reduced;
                ThroughCall = throughCall;
            }

            /// <summary>A comparison took the value (its result, a <c>bool</c>, goes on).</summary>
            public bool Compared { get; }

            /// <summary>That comparison was <c>&lt; &lt;= &gt; &gt;=</c>.</summary>
            public bool Relational { get; }

            /// <summary>The value was reduced with <c>%</c> or <c>&amp;</c> before any comparison.</summary>
            public bool Reduced { get; }

            /// <summary>The value went through a call (an argument or receiver) whose result goes on.</summary>
            public bool ThroughCall { get; }

            public Flow Through(IBinaryOperation binary, IOperation operand)
            {
                if (Compared)
                {
                    return this;
                }

                switch (binary.OperatorKind)
                {
                    case BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.ObjectValueEquals or BinaryOperatorKind.ObjectValueNotEquals:
                        return Compare(relational: false);
                    case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual:
                        return Compare(relational: true);
                    case BinaryOperatorKind.Remainder or BinaryOperatorKind.And when binary.LeftOperand == operand && IsNumeric(binary.Type):
                        return new Flow(false, false, true, ThroughCall);
                    default:
                        return this;
                }
            }

            public Flow Compare(bool relational) => Compared ? this : new Flow(true, relational, Reduced, ThroughCall);

            public Flow Call() => new Flow(Compared, Relational, Reduced, true);

            private static bool IsNumeric(ITypeSymbol? type)
                => type is not null && type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_UInt64;
        }
    }
}
