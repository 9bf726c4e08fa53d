using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// The one way the fixes name what they add (locals, helpers): <c>name</c>, else <c>name2</c>, <c>name3</c>... — the
    /// first one that nothing around the insertion point already uses.
    /// </summary>
    internal static class UniqueNames
    {
        /// <summary>The first of <paramref name="baseName"/>, <paramref name="baseName"/>2, ... that <paramref name="isTaken"/> rejects not.</summary>
        public static string Pick(string baseName, Func<string, bool> isTaken)
        {
            for (var i = 1; ; i++)
            {
                var name = i == 1 ? baseName : baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!isTaken(name))
                {
                    return name;
                }
            }
        }

        /// <summary>A local for code that replaces <paramref name="replaced"/> and moves only its identifiers into the local's scope.</summary>
        public static string LocalName(SemanticModel model, SyntaxNode replaced, string baseName, params string[] alsoTaken)
            => PickLocal(model, replaced, replaced, baseName, alsoTaken);

        /// <summary>
        /// A local declared at <paramref name="statement"/> whose scope may reach any code of the enclosing member (or of the
        /// top-level statements). <c>value</c> is never chosen: it reads as a setter's implicit parameter.
        /// </summary>
        public static string MemberWideLocalName(SemanticModel model, SyntaxNode statement, string baseName)
            => PickLocal(model, statement, EnclosingMember(statement), baseName, new[] { "value" });

        /// <summary>
        /// The one rule: a local declared at <paramref name="position"/> uses no identifier of <paramref name="scope"/> (so
        /// it shadows nothing used there), clashes with no local declared in an enclosing block (CS0136), binds nothing at
        /// that position, and is none of <paramref name="alsoTaken"/> (names of this rewrite's other new locals).
        /// </summary>
        private static string PickLocal(SemanticModel model, SyntaxNode position, SyntaxNode scope, string baseName, string[] alsoTaken)
        {
            var used = new HashSet<string>(IdentifiersIn(scope).Concat(alsoTaken));
            var inScope = LocalsOfEnclosingScopes(position);
            return Pick(baseName, name => used.Contains(name) || inScope.Contains(name) || !model.LookupSymbols(position.SpanStart, name: name).IsEmpty);
        }

        private static SyntaxNode EnclosingMember(SyntaxNode node)
            => node.AncestorsAndSelf().FirstOrDefault(
                   n => n is MemberDeclarationSyntax and not GlobalStatementSyntax and not BaseTypeDeclarationSyntax
                        and not NamespaceDeclarationSyntax and not FileScopedNamespaceDeclarationSyntax)
               ?? node.SyntaxTree.GetRoot();

        private static IEnumerable<string> IdentifiersIn(SyntaxNode node)
            => node.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText);

        /// <summary>
        /// Names declared directly in the blocks (and switch sections) that enclose the statement, wherever in them: a
        /// local of the loop must not reuse them (CS0136). Declarations inside nested blocks, lambdas and local functions
        /// are in sibling scopes and do not count.
        /// </summary>
        private static HashSet<string> LocalsOfEnclosingScopes(SyntaxNode statement)
        {
            var names = new HashSet<string>();
            foreach (var ancestor in statement.Ancestors())
            {
                IEnumerable<SyntaxNode> scopeStatements = ancestor switch
                {
                    BlockSyntax block => block.Statements,
                    SwitchStatementSyntax @switch => @switch.Sections.SelectMany(s => s.Statements),
                    CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>(),
                    _ => Enumerable.Empty<SyntaxNode>(),
                };

                foreach (var scoped in scopeStatements)
                {
                    foreach (var node in scoped.DescendantNodesAndSelf(n => n == scoped || n is not (BlockSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    {
                        var name = node switch
                        {
                            VariableDeclaratorSyntax v => v.Identifier.ValueText,
                            SingleVariableDesignationSyntax d => d.Identifier.ValueText,
                            ForEachStatementSyntax f => f.Identifier.ValueText,
                            LocalFunctionStatementSyntax l => l.Identifier.ValueText,
                            _ => null,
                        };

                        if (name is not null)
                        {
                            names.Add(name);
                        }
                    }
                }

                if (ancestor is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return names;
        }
    }
}
