using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using System.Threading;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Step 1 for the two running-extremum shapes, <c>x = Math.Max(x, v)</c> and <c>if (v &gt; x) x = v;</c> (and their
    /// <c>Min</c> forms): only the Tally library's <c>Atomic.Max</c>/<c>Atomic.Min</c> rewrite them.
    /// </summary>
    internal static partial class UpdatePlanner
    {
        /// <summary><c>x = Math.Max(x, v)</c> or <c>x = Math.Min(v, x)</c>, computed in the type of <c>x</c>.</summary>
        private static UpdateReading? ReadExtremumAssignment(ExpressionSyntax node, ISimpleAssignmentOperation assignment)
        {
            if (assignment.Value is not IInvocationOperation { Instance: null, Arguments.Length: 2 } call
                || !IsSystemMath(call.TargetMethod.ContainingType)
                || call.TargetMethod.Name is not ("Max" or "Min")
                || assignment.Target.Type is not { } type
                || !AtomicApi.SameType(call.TargetMethod.ReturnType, type))
            {
                return null;
            }

            var op = call.TargetMethod.Name == "Max" ? UpdateOperator.Maximum : UpdateOperator.Minimum;
            var first = call.Arguments[0].Value;
            var second = call.Arguments[1].Value;
            if (StorageReference.SameStorage(assignment.Target, first.WalkDownImplicitConversions(), StorageComparison.Stable))
            {
                return new UpdateReading(node, assignment, assignment.Target, second, UpdateShape.Assignment, op, isChecked: false, operandOnLeft: false, narrowsSmallInteger: false);
            }

            if (StorageReference.SameStorage(assignment.Target, second.WalkDownImplicitConversions(), StorageComparison.Stable))
            {
                return new UpdateReading(node, assignment, assignment.Target, first, UpdateShape.Assignment, op, isChecked: false, operandOnLeft: true, narrowsSmallInteger: false);
            }

            return null;
        }

        /// <summary>
        /// <c>if (v &gt; x) x = v;</c> (also <c>x &lt; v</c>, <c>&gt;=</c>, and the <c>Min</c> forms) with no <c>else</c>,
        /// where <c>v</c> is a value that reads the same in the condition and in the assignment.
        /// </summary>
        private static UpdateReading? ReadGuardedAssignment(SemanticModel model, ExpressionSyntax node, ISimpleAssignmentOperation assignment, CancellationToken cancellationToken)
        {
            if (GuardingStatement(node) is not { } guard
                || model.GetOperation(guard.Condition, cancellationToken) is not IBinaryOperation { OperatorMethod: null, IsLifted: false } comparison
                || assignment.Target.Type is not { } type)
            {
                return null;
            }

            var value = assignment.Value.WalkDownImplicitConversions();
            var left = comparison.LeftOperand.WalkDownImplicitConversions();
            var right = comparison.RightOperand.WalkDownImplicitConversions();
            bool targetOnLeft;
            if (StorageReference.SameStorage(assignment.Target, left, StorageComparison.Stable) && SameValue(value, right))
            {
                targetOnLeft = true;
            }
            else if (StorageReference.SameStorage(assignment.Target, right, StorageComparison.Stable) && SameValue(value, left))
            {
                targetOnLeft = false;
            }
            else
            {
                return null;
            }

            // The comparison must be made in the location's type (a long x compared with an int v is, after widening).
            if (comparison.LeftOperand.Type is not { } compared || !AtomicApi.SameType(compared, type) || !IsSimpleValue(model, value, cancellationToken))
            {
                return null;
            }

            // "v > x" and "x < v" assign the larger value; "v < x" and "x > v" the smaller.
            bool? larger = comparison.OperatorKind switch
            {
                BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => !targetOnLeft,
                BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => targetOnLeft,
                _ => null,
            };
            if (larger is not { } max)
            {
                return null;
            }

            var op = max ? UpdateOperator.Maximum : UpdateOperator.Minimum;
            return new UpdateReading(node, assignment, assignment.Target, assignment.Value, UpdateShape.GuardedAssignment, op, isChecked: false, operandOnLeft: false, narrowsSmallInteger: false);
        }

        /// <summary>The <c>if</c> (without <c>else</c>) whose only statement is the assignment <paramref name="node"/>, or null.</summary>
        internal static IfStatementSyntax? GuardingStatement(SyntaxNode node)
        {
            if (node is not AssignmentExpressionSyntax || node.Parent is not ExpressionStatementSyntax statement)
            {
                return null;
            }

            var owner = statement.Parent is BlockSyntax { Statements.Count: 1 } block ? block.Parent : statement.Parent;
            return owner is IfStatementSyntax { Else: null } guard && (guard.Statement == statement || guard.Statement == statement.Parent) ? guard : null;
        }

        /// <summary>The assignment an <c>if</c> guards (<c>if (v &gt; x) x = v;</c>), for a diagnostic reported on the <c>if</c>.</summary>
        internal static ExpressionSyntax? GuardedAssignmentOf(IfStatementSyntax guard)
        {
            var statement = guard.Statement is BlockSyntax { Statements.Count: 1 } block ? block.Statements[0] : guard.Statement;
            return statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } && GuardingStatement(assignment) == guard ? assignment : null;
        }

        /// <summary>The same constant, or the same local or parameter.</summary>
        private static bool SameValue(IOperation a, IOperation b)
        {
            if (a.ConstantValue.HasValue || b.ConstantValue.HasValue)
            {
                return a.ConstantValue.HasValue && b.ConstantValue.HasValue && Equals(a.ConstantValue.Value, b.ConstantValue.Value);
            }

            return a is ILocalReferenceOperation or IParameterReferenceOperation
                && SymbolEqualityComparer.Default.Equals(StorageReference.VariableOf(a), StorageReference.VariableOf(b));
        }

        private static bool IsSystemMath(INamedTypeSymbol? type)
            => type is { Name: "Math", ContainingType: null, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }
}
