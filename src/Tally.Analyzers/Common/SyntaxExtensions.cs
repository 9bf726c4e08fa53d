using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>Walking through the parentheses of syntax, once for every rule and fix.</summary>
    internal static class SyntaxExtensions
    {
        /// <summary>The expression inside any number of parentheses: <c>((x))</c> gives <c>x</c>.</summary>
        public static ExpressionSyntax WalkDownParentheses(this ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary>The outermost parentheses around the expression, or the expression itself: its place in its parent.</summary>
        public static ExpressionSyntax WalkUpParentheses(this ExpressionSyntax expression)
        {
            while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized;
            }

            return expression;
        }
    }
}
