using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// Where generated code needs parentheses, for every fix: a user's expression moved into generated code
    /// (<see cref="InPlaceOf"/>), and generated code that takes the place of a user's expression (<see cref="AdditiveInPlaceOf"/>).
    /// Both only add parentheses that precedence requires, so the output reads as a person would write it.
    /// </summary>
    internal static class Parentheses
    {
        /// <summary>
        /// <paramref name="expression"/> for the place of <paramref name="hole"/>: as it is where any expression fits (an
        /// argument, an initializer, the right side of an assignment), else in parentheses unless it is primary.
        /// </summary>
        public static ExpressionSyntax InPlaceOf(ExpressionSyntax expression, SyntaxNode hole)
            => TakesAnyExpression(hole) || IsPrimary(expression) ? expression : SyntaxFactory.ParenthesizedExpression(expression);

        /// <summary>Whether the expression binds tighter than any unary or binary operator.</summary>
        public static bool IsPrimary(SyntaxNode expression)
            => expression is IdentifierNameSyntax
                or GenericNameSyntax
                or QualifiedNameSyntax
                or AliasQualifiedNameSyntax
                or MemberAccessExpressionSyntax
                or InvocationExpressionSyntax
                or ElementAccessExpressionSyntax
                or LiteralExpressionSyntax
                or ParenthesizedExpressionSyntax
                or ThisExpressionSyntax
                or CheckedExpressionSyntax
                or DefaultExpressionSyntax
                or TypeOfExpressionSyntax
                or SizeOfExpressionSyntax
                or ObjectCreationExpressionSyntax
                or PredefinedTypeSyntax;

        private static bool TakesAnyExpression(SyntaxNode place)
            => place.Parent is ArgumentSyntax or EqualsValueClauseSyntax
                || (place.Parent is AssignmentExpressionSyntax assignment && assignment.Right == place);

        /// <summary>
        /// The additive <paramref name="replacement"/> (<c>call - 1</c>) for the place of <paramref name="replaced"/>, in
        /// parentheses where that place binds tighter: the replaced <c>x++</c> is primary and may stand anywhere
        /// (<c>x++ * 2</c>, <c>-x--</c>).
        /// </summary>
        public static ExpressionSyntax AdditiveInPlaceOf(ExpressionSyntax replacement, ExpressionSyntax replaced)
            => AdditiveFits(replaced) ? replacement : SyntaxFactory.ParenthesizedExpression(replacement.WithoutTrivia());

        private static bool AdditiveFits(ExpressionSyntax node)
        {
            switch (node.Parent)
            {
                case ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax or ExpressionStatementSyntax
                    or ParenthesizedExpressionSyntax or CheckedExpressionSyntax or LambdaExpressionSyntax or InitializerExpressionSyntax
                    or IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or YieldStatementSyntax
                    or InterpolationSyntax or SwitchExpressionArmSyntax or SwitchStatementSyntax or ThrowStatementSyntax
                    or AnonymousObjectMemberDeclaratorSyntax or ExpressionElementSyntax:
                    return true;
                case AssignmentExpressionSyntax assignment:
                    return assignment.Right == node;
                case ConditionalExpressionSyntax:
                    return true;
                case BinaryExpressionSyntax binary:
                    // Operators that bind more loosely than + and -; an additive one only with the replaced node on its left.
                    return binary.Kind() is SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression
                            or SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
                            or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
                            or SyntaxKind.BitwiseAndExpression or SyntaxKind.ExclusiveOrExpression or SyntaxKind.BitwiseOrExpression
                            or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression
                        || (binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression && binary.Left == node);
                default:
                    return false;
            }
        }
    }
}
