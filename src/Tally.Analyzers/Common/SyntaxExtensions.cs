using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>Walking through the parentheses of syntax, where a function suspends and what is a loop, once for every rule and fix.</summary>
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
    
        /// <summary>
        /// Whether <paramref name="node"/> is a place where its function may suspend: an <c>await</c>, an
        /// <c>await foreach</c> (also a deconstructing one, <c>await foreach (var (k, v) in pairs)</c>), an
        /// <c>await using</c> statement or declaration.
        /// </summary>
        public static bool IsSuspension(this SyntaxNode node) => node switch
        {
            AwaitExpressionSyntax => true,
            CommonForEachStatementSyntax loop => !loop.AwaitKeyword.IsKind(SyntaxKind.None),
            UsingStatementSyntax statement => !statement.AwaitKeyword.IsKind(SyntaxKind.None),
            LocalDeclarationStatementSyntax declaration => !declaration.AwaitKeyword.IsKind(SyntaxKind.None),
            _ => false,
        };

        /// <summary>
        /// Whether <paramref name="node"/> or a node inside it, outside lambdas and local functions (they suspend only
        /// themselves; a lambda or local function given as <paramref name="node"/> is not looked into either), is a place
        /// where its function may suspend (<see cref="IsSuspension"/>).
        /// </summary>
        public static bool HoldsSuspension(this SyntaxNode node)
        {
            foreach (var inner in node.DescendantNodesAndSelf(n => !(n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (inner.IsSuspension())
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="node"/> is a loop statement: <c>for</c>, <c>while</c>, <c>do</c> or any
        /// <c>foreach</c> (also a deconstructing one, <c>foreach (var (k, v) in pairs)</c>, and <c>await foreach</c>).
        /// </summary>
        public static bool IsLoop(this SyntaxNode node)
            => node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;
    }
}
