using System;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// The library strategy: when the project references the Tally library, one <c>Tally.Atomic</c> call replaces what
    /// would otherwise be a generated compare-exchange helper (<c>s_factor *= 3</c> becomes
    /// <c>Atomic.Multiply(ref s_factor, 3)</c>). Chosen only where the library's method computes exactly what the update
    /// computed, including its value, its checked context and, for floating point, the bits of the result.
    /// </summary>
    internal static partial class UpdatePlanner
    {
        /// <summary>The library plan, or null when the library is not referenced or has no exact method.</summary>
        private static LibraryUpdatePlan? TryPlanLibrary(
            SemanticModel model, PlannedUpdate update, IOperation? operand, TypeCategory category, bool overflowMatters, AtomicApi api, CancellationToken cancellationToken)
        {
            if (api.LibraryAtomic is null)
            {
                return null;
            }

            var choice = category switch
            {
                TypeCategory.Integer => ChooseIntegerMethod(model, update, operand, overflowMatters, api, cancellationToken),
                TypeCategory.FloatingPoint => ChooseFloatingMethod(model, update, operand, api, cancellationToken),
                _ => null,
            };

            if (choice is not { } c)
            {
                return null;
            }

            var replaced = update.Shape == UpdateShape.GuardedAssignment ? GuardingStatement(update.Node) : null;
            return new LibraryUpdatePlan(update, c.Method, c.Operand, c.Negation, c.Adjustment, replaced);
        }

        /// <summary>The method, what it is passed besides the location, and how its result becomes the expression's value.</summary>
        private readonly struct LibraryChoice
        {
            public LibraryChoice(string method, LibraryOperand operand, Negation negation = Negation.None, ResultAdjustment adjustment = ResultAdjustment.None)
            {
                Method = method;
                Operand = operand;
                Negation = negation;
                Adjustment = adjustment;
            }

            public string Method { get; }

            public LibraryOperand Operand { get; }

            public Negation Negation { get; }

            public ResultAdjustment Adjustment { get; }
        }

        /// <summary>
        /// <c>int</c>/<c>long</c>: checked arithmetic, multiplication, exclusive or, max and min; <c>uint</c>/<c>ulong</c>:
        /// what <c>Interlocked</c> lacks on older frameworks. Methods return the new value, bitwise ones the old value.
        /// </summary>
        private static LibraryChoice? ChooseIntegerMethod(SemanticModel model, PlannedUpdate update, IOperation? operand, bool overflowMatters, AtomicApi api, CancellationToken cancellationToken)
        {
            var signed = update.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;
            var stepping = update.Shape is UpdateShape.Prefix or UpdateShape.Postfix;
            var oldValueUsed = update.Shape == UpdateShape.Postfix && update.ValueUsed;
            var arithmetic = signed == overflowMatters;
            LibraryChoice? choice = update.Operator switch
            {
                UpdateOperator.Add when stepping && arithmetic => new LibraryChoice(
                    signed ? "IncrementChecked" : "Increment", LibraryOperand.None, adjustment: oldValueUsed ? ResultAdjustment.SubtractOne : ResultAdjustment.None),
                UpdateOperator.Subtract when stepping && arithmetic => new LibraryChoice(
                    signed ? "DecrementChecked" : "Decrement", LibraryOperand.None, adjustment: oldValueUsed ? ResultAdjustment.AddOne : ResultAdjustment.None),
                UpdateOperator.Add when !signed && !overflowMatters && operand is not null && IsConstantOne(model, operand, cancellationToken) => new LibraryChoice("Increment", LibraryOperand.None),
                UpdateOperator.Subtract when !signed && !overflowMatters && !update.OperandOnLeft && operand is not null && IsConstantOne(model, operand, cancellationToken) => new LibraryChoice("Decrement", LibraryOperand.None),
                UpdateOperator.Add when arithmetic => new LibraryChoice(signed ? "AddChecked" : "Add", LibraryOperand.Operand),
                UpdateOperator.Subtract when arithmetic && !update.OperandOnLeft => new LibraryChoice(signed ? "SubtractChecked" : "Subtract", LibraryOperand.Operand),
                UpdateOperator.Multiply when signed => new LibraryChoice(overflowMatters ? "MultiplyChecked" : "Multiply", LibraryOperand.Operand),
                UpdateOperator.Maximum when signed => new LibraryChoice("Max", LibraryOperand.Operand),
                UpdateOperator.Minimum when signed => new LibraryChoice("Min", LibraryOperand.Operand),
                UpdateOperator.And => Bitwise("And", ResultAdjustment.AndOperand),
                UpdateOperator.Or => Bitwise("Or", ResultAdjustment.OrOperand),
                UpdateOperator.ExclusiveOr => Bitwise("Xor", ResultAdjustment.XorOperand),
                _ => null,
            };

            // Bitwise methods return the old value; the expression's value is the new one, which needs the operand again.
            LibraryChoice? Bitwise(string method, ResultAdjustment adjustment)
                => !update.ValueUsed ? new LibraryChoice(method, LibraryOperand.Operand)
                    : operand is not null && IsSimpleValue(model, operand, cancellationToken) ? new LibraryChoice(method, LibraryOperand.Operand, adjustment: adjustment)
                    : null;

            return choice is { } c && Exists(api, update, c) ? c : null;
        }

        /// <summary>
        /// <c>double</c>/<c>float</c>: addition (<c>Add</c> returns the new value, <c>GetAndAdd</c> the old one), subtraction
        /// of a constant (as the addition of its negation, which IEEE arithmetic defines to be the same operation), and
        /// <c>Math.Max</c>/<c>Math.Min</c> with the location first. A variable subtrahend, or the operand on the left,
        /// would differ in the bits of a NaN result, so those keep the generated helper.
        /// </summary>
        private static LibraryChoice? ChooseFloatingMethod(SemanticModel model, PlannedUpdate update, IOperation? operand, AtomicApi api, CancellationToken cancellationToken)
        {
            if (update.OperandOnLeft)
            {
                return null;
            }

            var oldValueUsed = update.Shape == UpdateShape.Postfix && update.ValueUsed;
            LibraryChoice? choice = (update.Operator, update.Shape) switch
            {
                (UpdateOperator.Add, UpdateShape.Prefix or UpdateShape.Postfix) => new LibraryChoice(oldValueUsed ? "GetAndAdd" : "Add", LibraryOperand.One),
                (UpdateOperator.Subtract, UpdateShape.Prefix or UpdateShape.Postfix) => new LibraryChoice(oldValueUsed ? "GetAndAdd" : "Add", LibraryOperand.MinusOne),
                (UpdateOperator.Add, _) => new LibraryChoice("Add", LibraryOperand.Operand),
                (UpdateOperator.Subtract, _) when operand is not null && IsNonNaNConstant(model, operand, cancellationToken) => new LibraryChoice(
                    "Add", LibraryOperand.Operand, SameTypeOperand(operand, update.Type) ? Negation.Minus : Negation.MinusOfCast),
                (UpdateOperator.Maximum, _) when update.Type.SpecialType == SpecialType.System_Double => new LibraryChoice("Max", LibraryOperand.Operand),
                (UpdateOperator.Minimum, _) when update.Type.SpecialType == SpecialType.System_Double => new LibraryChoice("Min", LibraryOperand.Operand),
                _ => null,
            };

            return choice is { } c && Exists(api, update, c) ? c : null;
        }

        private static bool Exists(AtomicApi api, PlannedUpdate update, LibraryChoice choice)
            => api.HasLibraryMethod(choice.Method, update.Type, choice.Operand == LibraryOperand.None ? 1 : 2);

        /// <summary>A constant operand that is not NaN (<c>x - NaN</c> and <c>x + -NaN</c> differ in the sign bit of the result).</summary>
        private static bool IsNonNaNConstant(SemanticModel model, IOperation operand, CancellationToken cancellationToken)
        {
            var constant = model.GetConstantValue(operand.Syntax, cancellationToken);
            return constant.HasValue && constant.Value is not null && !NumericConstant.IsNaN(constant.Value);
        }

        /// <summary>
        /// The operand already has the location's type: its negation is computed in that type. Otherwise it is negated
        /// after the conversion (<c>-(double)0</c> is -0.0, which <c>-0</c> converted is not).
        /// </summary>
        private static bool SameTypeOperand(IOperation operand, ITypeSymbol type)
            => operand.WalkDownImplicitConversions().Type is { } t && AtomicApi.SameType(t, type);

    }

    /// <summary>What a <c>Tally.Atomic</c> call is passed besides the location.</summary>
    internal enum LibraryOperand
    {
        /// <summary>Nothing (<c>IncrementChecked(ref x)</c>).</summary>
        None,

        /// <summary>The update's operand.</summary>
        Operand,

        /// <summary>The constant <c>1</c> (<c>d++</c> is <c>Add(ref d, 1)</c>).</summary>
        One,

        /// <summary>The constant <c>-1</c> (<c>d--</c> is <c>Add(ref d, -1)</c>).</summary>
        MinusOne,
    }
}
