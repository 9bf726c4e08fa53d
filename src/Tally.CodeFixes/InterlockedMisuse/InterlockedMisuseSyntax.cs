using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Tally.Analyzers.Common;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>Syntax helpers for the Interlocked misuse fixes.</summary>
    internal static class InterlockedMisuseSyntax
    {
        /// <summary>
        /// The expression naming an Interlocked method, spelled like the original call's: <c>Interlocked.Add</c> when the call
        /// was qualified, the fully qualified (then simplified) name when it came through <c>using static</c>, so that a
        /// member of the user's type with the same name cannot capture it.
        /// </summary>
        public static ExpressionSyntax RenameInterlockedMethod(ExpressionSyntax callee, InterlockedMethodKind method)
        {
            var newName = method.Name();
            var typeArguments = callee switch
            {
                MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList,
                GenericNameSyntax generic => generic.TypeArgumentList,
                _ => null,
            };
            SimpleNameSyntax name = typeArguments is null
                ? SyntaxFactory.IdentifierName(newName)
                : SyntaxFactory.GenericName(SyntaxFactory.Identifier(newName), typeArguments);

            if (callee is MemberAccessExpressionSyntax memberAccess)
            {
                return memberAccess.WithName(name.WithTriviaFrom(memberAccess.Name));
            }

            var qualified = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseExpression("global::System.Threading.Interlocked"),
                name);
            return qualified.WithTriviaFrom(callee).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        /// <summary>The argument without a <c>name:</c> prefix, so it can move to another call.</summary>
        public static ArgumentSyntax Positional(ArgumentSyntax argument) => argument.WithNameColon(null);

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
