using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Lazy initialisers (see <see cref="LazyGuard"/>): the region of a function that runs only while a cached field is
    /// still null, <c>if (_items == null) { Load(); }</c>, <c>if (_conf != null) return _conf; ...</c>,
    /// <c>_items ?? Load()</c>, <c>_items ??= Load()</c>.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        // Per region (the branch, the coalesce operand, the first statement after the early return) and field: whether the
        // region assigns the field. Many calls and writes of one region ask the same question.
        private Dictionary<(IOperation, ISymbol), bool>? _lazyRegions;

        /// <summary>
        /// The null test around <paramref name="operation"/>, in its own function, of a static field: the innermost one
        /// whose region assigns that field itself, else the innermost one (whose region may assign the field through a
        /// call, which the model checks). <c>null</c> when there is none.
        /// </summary>
        private LazyGuard? LazyGuardAt(IOperation operation)
        {
            LazyGuard? unassigned = null;
            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                IFieldSymbol? field = null;
                IOperation? region = null;
                var after = false;
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.WhenTrue == child:
                        field = NullTested(conditional.Condition, whenNull: true);
                        region = child;
                        break;
                    case IConditionalOperation conditional when conditional.WhenFalse == child:
                        field = NullTested(conditional.Condition, whenNull: false);
                        region = child;
                        break;
                    case ICoalesceOperation coalesce when coalesce.WhenNull == child:
                        field = CachedField(coalesce.Value);
                        region = child;
                        break;
                    case ICoalesceAssignmentOperation coalesceAssignment when coalesceAssignment.Value == child
                        && CachedField(coalesceAssignment.Target) is { } target && Key(target) is { } targetKey:
                        return new LazyGuard(targetKey, assignedInRegion: true);
                    case IBlockOperation block:
                        (field, region) = EarlyReturnWhileSet(block, child);
                        after = true;
                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                        return unassigned;
                }

                if (field == null || region == null || !(Key(field) is { } key))
                {
                    continue;
                }

                if (AssignsInRegion(region, field, after))
                {
                    return new LazyGuard(key, assignedInRegion: true);
                }

                unassigned ??= new LazyGuard(key, assignedInRegion: false);
            }

            return unassigned;
        }

        /// <summary>
        /// <c>if (_field != null) return ...;</c> (or <c>throw</c>) before <paramref name="child"/> in the block, with no
        /// else: the field and the first statement after it, which starts the region that runs only while it is null.
        /// </summary>
        private static (IFieldSymbol?, IOperation?) EarlyReturnWhileSet(IBlockOperation block, IOperation child)
        {
            var operations = block.Operations;
            for (var i = 0; i < operations.Length && operations[i] != child; i++)
            {
                if (operations[i] is IConditionalOperation { WhenTrue: { } leave, WhenFalse: null } early && ExitsEarly(leave)
                    && NullTested(early.Condition, whenNull: false) is { } field)
                {
                    return (field, operations[i + 1]);
                }
            }

            return (null, null);
        }

        /// <summary>
        /// The cached field a condition tests for null, when the condition holds only while the field is null
        /// (<paramref name="whenNull"/>: <c>_f == null</c>, <c>_f is null</c>, one side of an <c>&amp;&amp;</c>) or only while it
        /// is set (<c>_f != null</c>, <c>_f is not null</c>, one side of an <c>&amp;&amp;</c>, for the else branch: an
        /// <c>&amp;&amp;</c> is false for other reasons too, so only the plain test counts there).
        /// </summary>
        private static IFieldSymbol? NullTested(IOperation condition, bool whenNull)
        {
            switch (condition.WalkDownConversions())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when whenNull:
                    return NullTested(both.LeftOperand, whenNull) ?? NullTested(both.RightOperand, whenNull);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                    when (binary.OperatorKind == BinaryOperatorKind.Equals) == whenNull:
                    return IsNull(binary.RightOperand) ? CachedField(binary.LeftOperand) : IsNull(binary.LeftOperand) ? CachedField(binary.RightOperand) : null;
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } isNull when whenNull && IsNull(constant.Value):
                    return CachedField(isNull.Value);
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } isNotNull when !whenNull && IsNull(constant.Value):
                    return CachedField(isNotNull.Value);
                default:
                    return null;
            }
        }

        private static bool IsNull(IOperation operation)
            => operation.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: null } };

        /// <summary>
        /// A static field (<c>_items</c>, <c>Registry._items</c>). Not an instance field: each object's first use may come at
        /// any time (a fan-out over objects that each load their own value), so its null test says nothing about when the
        /// region runs for the program.
        /// </summary>
        private static IFieldSymbol? CachedField(IOperation? operation)
            => operation.WalkDownConversions() is IFieldReferenceOperation { Field: { IsConst: false, IsStatic: true } field } ? field : null;

        /// <summary>
        /// Whether the region (with <paramref name="rest"/>, it and the statements after it in its block) assigns the
        /// static field (<c>_f = ...</c>, <c>_f ??= ...</c>), outside lambdas and local functions.
        /// </summary>
        private bool AssignsInRegion(IOperation region, IFieldSymbol field, bool rest)
        {
            var cache = _lazyRegions ??= new Dictionary<(IOperation, ISymbol), bool>();
            if (cache.TryGetValue((region, field), out var known))
            {
                return known;
            }

            var assigns = false;
            if (rest && region.Parent is IBlockOperation block)
            {
                for (var i = block.Operations.IndexOf(region); i >= 0 && i < block.Operations.Length && !assigns; i++)
                {
                    assigns = Assigns(block.Operations[i], field);
                }
            }
            else
            {
                assigns = Assigns(region, field);
            }

            cache[(region, field)] = assigns;
            return assigns;
        }

        private static bool Assigns(IOperation region, IFieldSymbol field)
        {
            foreach (var operation in region.DescendantsAndSelf())
            {
                var target = operation switch
                {
                    ISimpleAssignmentOperation simple => simple.Target,
                    ICoalesceAssignmentOperation coalesce => coalesce.Target,
                    _ => null,
                };
                if (target != null && SymbolEqualityComparer.Default.Equals(CachedField(target), field) && !InNestedFunction(operation, region))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
