using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>
    /// Where the Interlocked misuse fixes put the code they generate (<see cref="Common.SyntaxTemplate"/>), and the name of
    /// the local they introduce.
    /// </summary>
    internal static class InterlockedMisuseSyntax
    {
        /// <summary>
        /// Replaces one statement with several, inside a block, a switch section or top-level statements; elsewhere (an
        /// embedded statement) wraps them in a new block.
        /// </summary>
        public static SyntaxNode ReplaceStatement(SyntaxNode root, StatementSyntax statement, IReadOnlyList<StatementSyntax> replacements)
        {
            var formatted = replacements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
            formatted[0] = formatted[0].WithLeadingTrivia(statement.GetLeadingTrivia());
            formatted[formatted.Count - 1] = formatted[formatted.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());

            switch (statement.Parent)
            {
                case BlockSyntax:
                case SwitchSectionSyntax:
                    return formatted.Count == 1 ? root.ReplaceNode(statement, formatted[0]) : root.ReplaceNode(statement, formatted);
                case GlobalStatementSyntax global:
                    // Top-level statements are members to the formatter, which would put blank lines between elastic
                    // ones: end each with the original statement's line break instead.
                    return root.ReplaceNode(
                        global,
                        formatted.Select((s, i) => (SyntaxNode)SyntaxFactory.GlobalStatement(
                            (i > 0 ? s.WithLeadingTrivia(default(SyntaxTriviaList)) : s)
                                .WithTrailingTrivia(i < formatted.Count - 1 ? statement.GetTrailingTrivia() : s.GetTrailingTrivia()))));
                default:
                    return formatted.Count == 1
                        ? root.ReplaceNode(statement, formatted[0])
                        : root.ReplaceNode(
                            statement,
                            SyntaxFactory.Block(replacements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)))
                                .WithTriviaFrom(statement)
                                .WithAdditionalAnnotations(Formatter.Annotation));
            }
        }

        /// <summary>A local name for the value of a field: <c>_next</c>, <c>s_next</c>, <c>m_next</c> give <c>next</c>.</summary>
        public static string LocalNameForField(string fieldName)
        {
            var name = fieldName;
            foreach (var prefix in new[] { "s_", "m_", "t_" })
            {
                if (name.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    name = name.Substring(prefix.Length);
                    break;
                }
            }

            name = name.TrimStart('_');
            if (name.Length == 0)
            {
                return "newValue";
            }

            name = char.ToLowerInvariant(name[0]) + name.Substring(1);
            return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
                ? name + "Value"
                : name;
        }
    }
}
