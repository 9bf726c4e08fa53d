using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>Where code runs while an object, or a type, is still being built (and so before any other thread sees it).</summary>
    internal static class ConstructionSyntax
    {
        /// <summary>
        /// Whether <paramref name="node"/> is in a field initialiser or a constructor of the given kind (static ones for
        /// static state, instance ones for instance state), and not inside a lambda or local function there, which may
        /// run later on any thread.
        /// </summary>
        public static bool IsDuringConstruction(SyntaxNode node, bool isStatic)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        return false;
                    case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax field }:
                        return field.Modifiers.Any(SyntaxKind.StaticKeyword) == isStatic;
                    case ConstructorDeclarationSyntax constructor:
                        return constructor.Modifiers.Any(SyntaxKind.StaticKeyword) == isStatic;
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }
    }
}
