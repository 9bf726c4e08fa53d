using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>Step 1 of planning: read what the update is, as written (shape, operator, target, operand).</summary>
    internal static partial class UpdatePlanner
    {
        /// <summary>An update as written, before any decision about it.</summary>
        private sealed class UpdateReading
        {
            public UpdateReading(
                ExpressionSyntax node,
                IOperation operation,
                IOperation target,
                IOperation? operand,
                UpdateShape shape,
                UpdateOperator op,
                bool isChecked,
                bool operandOnLeft,
                bool narrowsSmallInteger)
            {
                Node = node;
                Operation = operation;
                Target = target;
                Operand = operand;
                Shape = shape;
                Operator = op;
                IsChecked = isChecked;
                OperandOnLeft = operandOnLeft;
                NarrowsSmallInteger = narrowsSmallInteger;
            }

            public ExpressionSyntax Node { get; }

            public IOperation Operation { get; }

            /// <summary>The updated location.</summary>
            public IOperation Target { get; }

            /// <summary>The other operand; null for <c>++</c>/<c>--</c>.</summary>
            public IOperation? Operand { get; }

            public UpdateShape Shape { get; }

            public UpdateOperator Operator { get; }

            /// <summary>The operation's own checked flag (the checked context is decided later, from the syntax).</summary>
            public bool IsChecked { get; }

            /// <summary><c>x = n op x</c>: the operand is the left operand, in the syntax and in the computation.</summary>
            public bool OperandOnLeft { get; }

            /// <summary><c>b += n</c> on a small integer: computed in <c>int</c> and narrowed back.</summary>
            public bool NarrowsSmallInteger { get; }

            public bool IsIncrementOrDecrement => Shape is UpdateShape.Prefix or UpdateShape.Postfix;
        }

        private static UpdateReading? ReadShape(SemanticModel model, ExpressionSyntax node, CancellationToken cancellationToken)
        {
            switch (model.GetOperation(node, cancellationToken))
            {
                case IIncrementOrDecrementOperation increment when increment.OperatorMethod is null && !increment.IsLifted:
                    return new UpdateReading(
                        node,
                        increment,
                        increment.Target,
                        operand: null,
                        increment.IsPostfix ? UpdateShape.Postfix : UpdateShape.Prefix,
                        increment.Kind == OperationKind.Increment ? UpdateOperator.Add : UpdateOperator.Subtract,
                        increment.IsChecked,
                        operandOnLeft: false,
                        narrowsSmallInteger: false);

                case ICompoundAssignmentOperation compound when compound.OperatorMethod is null && !compound.IsLifted:
                    return ReadCompound(node, compound);

                case ISimpleAssignmentOperation assignment when !assignment.IsRef && node is AssignmentExpressionSyntax syntax:
                    return ReadAssignment(node, syntax, assignment)
                        ?? ReadExtremumAssignment(node, assignment)
                        ?? ReadGuardedAssignment(model, node, assignment, cancellationToken);

                default:
                    return null;
            }
        }

        /// <summary><c>x op= n</c>; with conversions only for small integers (<c>b += n</c> is <c>b = (byte)(b + n)</c>).</summary>
        private static UpdateReading? ReadCompound(ExpressionSyntax node, ICompoundAssignmentOperation compound)
        {
            if (!TryMapOperator(compound.OperatorKind, out var op))
            {
                return null;
            }

            var inIdentity = !compound.InConversion.Exists || compound.InConversion.IsIdentity;
            var outIdentity = !compound.OutConversion.Exists || compound.OutConversion.IsIdentity;
            var narrows = !inIdentity || !outIdentity;
            if (narrows && (!IsSmallInteger(compound.Target.Type) || !compound.InConversion.IsNumeric || !compound.OutConversion.IsNumeric))
            {
                return null;
            }

            return new UpdateReading(node, compound, compound.Target, compound.Value, UpdateShape.Compound, op, compound.IsChecked, operandOnLeft: false, narrows);
        }

        /// <summary><c>x = x op n</c> or <c>x = n op x</c> (not shifts), computed in the type of <c>x</c>.</summary>
        private static UpdateReading? ReadAssignment(ExpressionSyntax node, AssignmentExpressionSyntax syntax, ISimpleAssignmentOperation assignment)
        {
            if (syntax.Right.WalkDownParentheses() is not BinaryExpressionSyntax
                || assignment.Value is not IBinaryOperation binary
                || binary.OperatorMethod is not null
                || binary.IsLifted
                || !TryMapOperator(binary.OperatorKind, out var op)
                || binary.Type is null
                || assignment.Target.Type is null
                || !AtomicApi.SameType(binary.Type, assignment.Target.Type))
            {
                return null;
            }

            var target = assignment.Target;
            if (StorageReference.SameStorage(target, binary.LeftOperand, StorageComparison.Stable))
            {
                return new UpdateReading(node, assignment, target, binary.RightOperand, UpdateShape.Assignment, op, binary.IsChecked, operandOnLeft: false, narrowsSmallInteger: false);
            }

            if (StorageReference.SameStorage(target, binary.RightOperand, StorageComparison.Stable) && !IsShift(op))
            {
                return new UpdateReading(node, assignment, target, binary.LeftOperand, UpdateShape.Assignment, op, binary.IsChecked, operandOnLeft: true, narrowsSmallInteger: false);
            }

            return null;
        }

        private static bool TryMapOperator(BinaryOperatorKind kind, out UpdateOperator op)
        {
            switch (kind)
            {
                case BinaryOperatorKind.Add: op = UpdateOperator.Add; return true;
                case BinaryOperatorKind.Subtract: op = UpdateOperator.Subtract; return true;
                case BinaryOperatorKind.Multiply: op = UpdateOperator.Multiply; return true;
                case BinaryOperatorKind.Divide: op = UpdateOperator.Divide; return true;
                case BinaryOperatorKind.Remainder: op = UpdateOperator.Remainder; return true;
                case BinaryOperatorKind.And: op = UpdateOperator.And; return true;
                case BinaryOperatorKind.Or: op = UpdateOperator.Or; return true;
                case BinaryOperatorKind.ExclusiveOr: op = UpdateOperator.ExclusiveOr; return true;
                case BinaryOperatorKind.LeftShift: op = UpdateOperator.LeftShift; return true;
                case BinaryOperatorKind.RightShift: op = UpdateOperator.RightShift; return true;
                case BinaryOperatorKind.UnsignedRightShift: op = UpdateOperator.UnsignedRightShift; return true;
                default: op = default; return false;
            }
        }
    }
}
