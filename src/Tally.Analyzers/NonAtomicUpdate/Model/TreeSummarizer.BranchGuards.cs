using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Branch guards (see <see cref="BranchGuard"/>): the flag branch a write or call sits in within its function, the
    /// mode a component runs in (<c>if (FormatMessage) base.Write(e); else Interlocked.Increment(ref _count);</c>).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// The branches around <paramref name="operation"/>, in its own function, that are taken on one value of a bool
        /// flag, innermost first: the true or false branch of <c>if (Flag)</c> / <c>if (!Flag)</c> (also <c>?:</c>), or the
        /// statements after <c>if (Flag) { ...; return; }</c>. Empty when there are none (most writes and calls).
        /// </summary>
        private ImmutableArray<BranchGuard> GuardsAt(IOperation operation)
        {
            ImmutableArray<BranchGuard>.Builder? guards = null;
            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                BranchGuard? guard = null;
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.WhenTrue == child || conditional.WhenFalse == child:
                        guard = FlagGuard(conditional.Condition, conditional.WhenTrue == child);
                        break;
                    case IBlockOperation block:
                        guard = GuardBefore(block, child);
                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                        return guards?.ToImmutable() ?? ImmutableArray<BranchGuard>.Empty;
                }

                if (guard is { } found)
                {
                    (guards ??= ImmutableArray.CreateBuilder<BranchGuard>()).Add(found);
                }
            }

            return guards?.ToImmutable() ?? ImmutableArray<BranchGuard>.Empty;
        }

        /// <summary><c>if (Flag) { ...; return; }</c> before <paramref name="child"/> in the block: the rest runs when the flag is false.</summary>
        private BranchGuard? GuardBefore(IBlockOperation block, IOperation child)
        {
            foreach (var statement in block.Operations)
            {
                if (statement == child)
                {
                    return null;
                }

                if (statement is IConditionalOperation { WhenTrue: { } leave, WhenFalse: null } early && ExitsEarly(leave)
                    && FlagGuard(early.Condition, whenTrue: false) is { } rest)
                {
                    return rest;
                }
            }

            return null;
        }

        /// <summary>
        /// A condition that reads one bool flag, possibly negated: a field or auto-property of <c>this</c>, or a static
        /// one. Other conditions (calls, comparisons, locals) say nothing about a mode of the object.
        /// </summary>
        private BranchGuard? FlagGuard(IOperation condition, bool whenTrue)
        {
            var value = condition.WalkDownConversions();
            while (value is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation)
            {
                whenTrue = !whenTrue;
                value = negation.Operand.WalkDownConversions();
            }

            ISymbol? flag = value switch
            {
                IFieldReferenceOperation field when !field.Field.IsConst && (field.Field.IsStatic || field.Instance.WalkDownConversions() is IInstanceReferenceOperation) => field.Field,
                IPropertyReferenceOperation { Arguments.Length: 0 } property when property.Property.IsAutoProperty()
                    && (property.Property.IsStatic || property.Instance.WalkDownConversions() is IInstanceReferenceOperation) => property.Property,
                _ => null,
            };
            if (flag == null || !(value?.Type is { SpecialType: SpecialType.System_Boolean }))
            {
                return null;
            }

            var key = Key(flag.OriginalDefinition);
            return key == null ? null : new BranchGuard(key, whenTrue, flag.IsStatic);
        }

        /// <summary>Whether a call runs on the caller's own object: <c>this.M()</c>, <c>M()</c>, <c>base.M()</c>.</summary>
        private static bool IsOnThis(IInvocationOperation invocation)
            => invocation.Instance.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
    }
}
