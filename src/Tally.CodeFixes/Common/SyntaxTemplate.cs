using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// The one way the fixes generate code: C# text with holes, parsed, and the user's own expressions put back in place
    /// of the holes, so they keep their exact text (and the block comments attached to them). Text because it reads like
    /// the code it produces and because the larger family, TALLY001-005 with its helpers and loops, was written that way
    /// and its outputs are pinned to the byte; building nodes with <c>SyntaxFactory</c> would have to reproduce that text.
    /// </summary>
    internal static class SyntaxTemplate
    {
        private const string HolePrefix = "__tally_";

        /// <summary>The identifier that stands for a user's expression in template text.</summary>
        public static string Hole(string name) => HolePrefix + name;

        /// <summary>One hole and the expression that fills it (null: the template does not use the hole).</summary>
        internal readonly struct Fill
        {
            public Fill(string hole, ExpressionSyntax? expression)
            {
                Hole = hole;
                Expression = expression;
            }

            public string Hole { get; }

            public ExpressionSyntax? Expression { get; }
        }

        /// <summary>The expression <paramref name="text"/> with its holes filled.</summary>
        public static ExpressionSyntax Expression(string text, params Fill[] fills)
            => Filled(SyntaxFactory.ParseExpression(text), fills);

        /// <summary>The statement <paramref name="text"/> with its holes filled.</summary>
        public static StatementSyntax Statement(string text, params Fill[] fills)
            => Filled(SyntaxFactory.ParseStatement(text), fills);

        /// <summary>
        /// The statements of <paramref name="text"/> (several, each ending with <paramref name="newLine"/>), holes filled;
        /// the caller puts them in place of one statement.
        /// </summary>
        public static IReadOnlyList<StatementSyntax> Statements(string text, string newLine, params Fill[] fills)
        {
            var block = (BlockSyntax)SyntaxFactory.ParseStatement("{" + newLine + text + newLine + "}");
            return Filled(block, fills).Statements.ToList();
        }

        /// <summary>The line break the document uses (its first one), for the line breaks of generated text.</summary>
        public static string NewLineOf(SourceText text)
        {
            foreach (var line in text.Lines)
            {
                var breakLength = line.EndIncludingLineBreak - line.End;
                if (breakLength > 0)
                {
                    return text.ToString(new TextSpan(line.End, breakLength));
                }
            }

            return "\n";
        }

        /// <summary>The member declaration <paramref name="text"/>; null when it does not parse as one.</summary>
        public static MemberDeclarationSyntax? Member(string text) => SyntaxFactory.ParseMemberDeclaration(text);

        /// <summary>
        /// Replaces every hole of <paramref name="node"/> with its expression, without the expression's outer whitespace and
        /// in parentheses where the hole's place needs them (<see cref="Parentheses.InPlaceOf"/>).
        /// </summary>
        public static TNode Filled<TNode>(TNode node, params Fill[] fills)
            where TNode : SyntaxNode
        {
            var clean = fills.ToDictionary(f => f.Hole, f => f.Expression is null ? null : Clean(f.Expression));
            return node.ReplaceNodes(
                node.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => clean.ContainsKey(n.Identifier.ValueText)),
                (original, _) => clean[original.Identifier.ValueText] is { } expression
                    ? WithOuterTrivia(Parentheses.InPlaceOf(expression, original), original)
                    : original);
        }

        private static ExpressionSyntax WithOuterTrivia(ExpressionSyntax replacement, SyntaxNode hole)
            => replacement
                .WithLeadingTrivia(hole.GetLeadingTrivia().AddRange(replacement.GetLeadingTrivia()))
                .WithTrailingTrivia(replacement.GetTrailingTrivia().AddRange(hole.GetTrailingTrivia()));

        /// <summary>The node without surrounding whitespace; block comments directly attached are kept.</summary>
        private static ExpressionSyntax Clean(ExpressionSyntax expression)
        {
            var leading = expression.GetLeadingTrivia().Where(IsComment).SelectMany(t => new[] { t, SyntaxFactory.Space });
            var trailing = expression.GetTrailingTrivia().Where(IsComment).SelectMany(t => new[] { SyntaxFactory.Space, t });
            return expression.WithLeadingTrivia(leading).WithTrailingTrivia(trailing);
        }

        /// <summary>A block comment; line comments end the line and cannot move into generated code.</summary>
        public static bool IsComment(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);
    }
}
