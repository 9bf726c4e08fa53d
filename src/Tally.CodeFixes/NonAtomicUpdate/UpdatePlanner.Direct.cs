using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>The direct strategy: one <c>Interlocked</c> call computes exactly what the update computed.</summary>
    internal static partial class UpdatePlanner
    {
        /// <summary>The direct plan for an update of an <c>int</c>, <c>long</c>, <c>uint</c> or <c>ulong</c>, or null.</summary>
        private static DirectUpdatePlan? TryPlanDirect(SemanticModel model, PlannedUpdate update, IOperation? operand, AtomicApi api, CancellationToken cancellationToken)
        {
            var type = update.Type;
            if (update.Shape is UpdateShape.Prefix or UpdateShape.Postfix)
            {
                var method = update.Operator == UpdateOperator.Add ? InterlockedMethodKind.Increment : InterlockedMethodKind.Decrement;
                if (!api.HasInterlocked(method, type, 1))
                {
                    return null;
                }

                var adjustment = update.Shape == UpdateShape.Postfix && update.ValueUsed
                    ? (update.Operator == UpdateOperator.Add ? ResultAdjustment.SubtractOne : ResultAdjustment.AddOne)
                    : ResultAdjustment.None;
                return new DirectUpdatePlan(update, method, takesOperand: false, Negation.None, adjustment);
            }

            if (operand is null)
            {
                return null;
            }

            switch (update.Operator)
            {
                // x += 1 is an increment: Interlocked.Increment says so, and returns the same new value.
                case UpdateOperator.Add when IsConstantOne(model, operand, cancellationToken) && api.HasInterlocked(InterlockedMethodKind.Increment, type, 1):
                    return new DirectUpdatePlan(update, InterlockedMethodKind.Increment, takesOperand: false, Negation.None, ResultAdjustment.None);

                case UpdateOperator.Add:
                    return api.HasInterlocked(InterlockedMethodKind.Add, type, 2)
                        ? new DirectUpdatePlan(update, InterlockedMethodKind.Add, takesOperand: true, Negation.None, ResultAdjustment.None)
                        : null;

                case UpdateOperator.Subtract when !update.OperandOnLeft:
                    if (IsConstantOne(model, operand, cancellationToken) && api.HasInterlocked(InterlockedMethodKind.Decrement, type, 1))
                    {
                        return new DirectUpdatePlan(update, InterlockedMethodKind.Decrement, takesOperand: false, Negation.None, ResultAdjustment.None);
                    }

                    return api.HasInterlocked(InterlockedMethodKind.Add, type, 2)
                        ? new DirectUpdatePlan(
                            update, InterlockedMethodKind.Add, takesOperand: true, ChooseNegation(model, type, operand, cancellationToken), ResultAdjustment.None,
                            operandNeedsUnchecked: model.GetConstantValue(operand.Syntax, cancellationToken).HasValue && !IsExplicitlyUnchecked(update.Node))
                        : null;

                case UpdateOperator.Or:
                case UpdateOperator.And:
                    return TryPlanBitwise(model, update, operand, api, cancellationToken);

                default:
                    return null;
            }
        }

        /// <summary><c>x |= m</c>, <c>x &amp;= m</c>: Interlocked.Or/And return the OLD value; the new one is old | m, which evaluates m twice.</summary>
        private static DirectUpdatePlan? TryPlanBitwise(SemanticModel model, PlannedUpdate update, IOperation operand, AtomicApi api, CancellationToken cancellationToken)
        {
            var isOr = update.Operator == UpdateOperator.Or;
            var method = isOr ? InterlockedMethodKind.Or : InterlockedMethodKind.And;
            if (!api.HasInterlocked(method, update.Type, 2))
            {
                return null;
            }

            var adjustment = ResultAdjustment.None;
            if (update.ValueUsed)
            {
                if (!IsSimpleValue(model, operand, cancellationToken))
                {
                    return null;
                }

                adjustment = isOr ? ResultAdjustment.OrOperand : ResultAdjustment.AndOperand;
            }

            return new DirectUpdatePlan(update, method, takesOperand: true, Negation.None, adjustment);
        }

        private static Negation ChooseNegation(SemanticModel model, ITypeSymbol type, IOperation operand, CancellationToken cancellationToken)
        {
            if (IsUnsigned(type))
            {
                return Negation.UnsignedComplement;
            }

            var inner = operand.WalkDownImplicitConversions();
            var sameType = inner.Type is not null && AtomicApi.SameType(inner.Type, type);
            var constant = model.GetConstantValue(inner.Syntax, cancellationToken);
            if (constant.HasValue && constant.Value is not null)
            {
                var value = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                var innerType = inner.Type ?? type;
                if (value == MinValueOf(type))
                {
                    return Negation.UncheckedMinus;
                }

                // The negation of a constant is computed in the constant's own type before any widening.
                return value == MinValueOf(innerType) ? Negation.MinusOfCast : Negation.Minus;
            }

            return sameType ? Negation.Minus : Negation.MinusOfCast;
        }

        private static long MinValueOf(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Int32 => int.MinValue,
            SpecialType.System_Int64 => long.MinValue,
            SpecialType.System_Int16 => short.MinValue,
            SpecialType.System_SByte => sbyte.MinValue,
            _ => 0,
        };

        /// <summary>Whether the operand is the numeric constant 1 (<c>x -= 1</c> is <c>Interlocked.Decrement</c>).</summary>
        private static bool IsConstantOne(SemanticModel model, IOperation operand, CancellationToken cancellationToken)
        {
            var constant = model.GetConstantValue(operand.Syntax, cancellationToken);
            return constant.HasValue && NumericConstant.IsNumber(constant.Value, 1);
        }
    }
}
