using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// A check that leaves unless a private state field of the object holds its free value: <c>if (_busy) return;</c>,
    /// <c>if (_state != State.Idle) throw ...;</c> (also one term of <c>||</c>).
    /// </summary>
    internal readonly struct StateGuard
    {
        public StateGuard(IFieldSymbol field, object? free)
        {
            Field = field;
            Free = free;
        }

        public IFieldSymbol Field { get; }

        /// <summary>The value the field holds after the check: nobody claims the object.</summary>
        public object? Free { get; }
    }

    /// <summary>
    /// A claim: inside <c>lock (L)</c>, a <see cref="StateGuard"/> followed by a write of another constant to the field
    /// (<c>lock (_sync) { if (_busy) return; _busy = true; }</c>); or the lock a gated check runs under.
    /// </summary>
    internal readonly struct StateClaim
    {
        public StateClaim(IFieldSymbol field, object? free, ILockOperation lockOperation)
        {
            Field = field;
            Free = free;
            Lock = lockOperation;
        }

        public IFieldSymbol Field { get; }

        public object? Free { get; }

        public ILockOperation Lock { get; }
    }

    /// <summary>
    /// State claims: a private field checked and set under one lock hands the object to one claimant at a time, who
    /// keeps it after the lock is released, until it writes the free value back. Shapes here; whether a field's writes
    /// make its claims sound in <c>StateClaims.Validation.cs</c>.
    /// </summary>
    internal static partial class StateClaims
    {
        /// <summary>The claim a statement makes: a <c>lock</c> whose body checks the state and then sets it to another constant.</summary>
        public static StateClaim? ClaimOf(IOperation statement)
        {
            if (!(statement is ILockOperation { Body: IBlockOperation body } lockOperation))
            {
                return null;
            }

            StateGuard? guard = null;
            foreach (var inner in body.Operations)
            {
                if (guard == null)
                {
                    guard = GuardOf(inner);
                    continue;
                }

                if (inner is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                    && StateField(assignment.Target) is { } field && SymbolEqualityComparer.Default.Equals(field, guard.Value.Field)
                    && assignment.Value.ConstantValue is { HasValue: true } taken && !Equals(taken.Value, guard.Value.Free))
                {
                    return new StateClaim(field, guard.Value.Free, lockOperation);
                }
            }

            return null;
        }

        /// <summary>A statement <c>if (check) leave;</c> whose check fails only while the state is free.</summary>
        public static StateGuard? GuardOf(IOperation statement)
            => statement is IConditionalOperation { WhenFalse: null } conditional && Leaves(conditional.WhenTrue)
                ? FreeAfter(conditional.Condition)
                : null;

        /// <summary>What a condition that is false says about a state field: <c>_busy</c>, <c>!_open</c>, <c>_state != Idle</c>, one term of <c>||</c>.</summary>
        private static StateGuard? FreeAfter(IOperation condition)
        {
            condition = condition.WalkDownConversions()!;
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not when StateField(not.Operand) is { Type.SpecialType: SpecialType.System_Boolean } negated:
                    return new StateGuard(negated, true);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                    return FreeAfter(or.LeftOperand) ?? FreeAfter(or.RightOperand);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals or BinaryOperatorKind.Equals } comparison:
                    return Compared(comparison, comparison.LeftOperand, comparison.RightOperand) ?? Compared(comparison, comparison.RightOperand, comparison.LeftOperand);
                default:
                    return StateField(condition) is { Type.SpecialType: SpecialType.System_Boolean } flag ? new StateGuard(flag, false) : (StateGuard?)null;
            }
        }

        private static StateGuard? Compared(IBinaryOperation comparison, IOperation side, IOperation other)
        {
            if (!(StateField(side) is { } field) || !(other.ConstantValue is { HasValue: true } constant))
            {
                return null;
            }

            if (comparison.OperatorKind == BinaryOperatorKind.NotEquals)
            {
                return new StateGuard(field, constant.Value);
            }

            return constant.Value is bool flag ? new StateGuard(field, !flag) : (StateGuard?)null;
        }

        /// <summary>A private field of this object (or a private static field) read or written directly.</summary>
        internal static IFieldSymbol? StateField(IOperation? reference)
            => reference.WalkDownConversions() is IFieldReferenceOperation { Field: { IsConst: false, DeclaredAccessibility: Accessibility.Private } field } fieldReference
                && (field.IsStatic || fieldReference.Instance.WalkDownConversions() is IInstanceReferenceOperation)
                ? field
                : null;

        /// <summary>Whether a guard's failure branch always leaves: return, throw, break, continue (not a <c>goto</c>, which may land after the claim).</summary>
        private static bool Leaves(IOperation branch)
        {
            while (branch is IBlockOperation block)
            {
                if (block.Operations.Length == 0)
                {
                    return false;
                }

                branch = block.Operations[block.Operations.Length - 1];
            }

            return (branch is IReturnOperation && branch.Kind != OperationKind.YieldReturn) || branch is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } || branch is IThrowOperation
                || (branch is IExpressionStatementOperation { Operation: IThrowOperation });
        }

        /// <summary>
        /// Whether <paramref name="field"/> is written between statement <paramref name="claimIndex"/> of
        /// <paramref name="block"/> and <paramref name="operation"/> (nested lambdas included: a callback may give the
        /// claim back at any time).
        /// </summary>
        public static bool WrittenOnTheWay(IFieldSymbol field, IBlockOperation block, int claimIndex, IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IBlockOperation inner)
                {
                    var index = inner.Operations.IndexOf(child);
                    for (var i = index - 1; i > (inner == block ? claimIndex : -1); i--)
                    {
                        if (Writes(inner.Operations[i], field))
                        {
                            return true;
                        }
                    }

                    if (inner == block)
                    {
                        return false;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether a statement between a gated check and the operation waits on the lock (<c>Monitor.Wait</c> lets a claimant in).</summary>
        public static bool WaitsOnTheWay(System.Collections.Immutable.ImmutableArray<IOperation> statements, int from, int to)
        {
            for (var i = from + 1; i < to; i++)
            {
                foreach (var descendant in statements[i].DescendantsAndSelf())
                {
                    if (descendant is IInvocationOperation { TargetMethod: { Name: "Wait", ContainingType: { Name: "Monitor" } } })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="root"/> writes <paramref name="field"/> anywhere inside it.</summary>
        public static bool Writes(IOperation root, IFieldSymbol field)
        {
            foreach (var descendant in root.DescendantsAndSelf())
            {
                if (descendant is IFieldReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Field, field) && IsWrite(reference))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a reference to a field writes it: an assignment's target, an increment, a ref or out argument.</summary>
        internal static bool IsWrite(IFieldReferenceOperation reference)
        {
            IOperation current = reference;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                IAssignmentOperation assignment => assignment.Target == current,
                IIncrementOrDecrementOperation => true,
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
                ITupleOperation tuple => tuple.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == tuple,
                _ => false,
            };
        }
    }
}
