using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// The one parenthesisation rule of generated code, for both fixes: a user's expression moved under an operator is
    /// wrapped in parentheses unless it is a primary expression (which binds tighter than any operator).
    /// </summary>
    internal static class Parentheses
    {
        /// <summary>The expression (without its outer trivia), in parentheses unless it is primary.</summary>
        public static ExpressionSyntax IfNeeded(ExpressionSyntax expression)
            => IsPrimary(expression) ? expression.WithoutTrivia() : SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia());

        /// <summary>Whether the expression binds tighter than any unary or binary operator.</summary>
        public static bool IsPrimary(ExpressionSyntax expression)
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
    }
}
