using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>Facts about symbols that more than one rule or fix needs.</summary>
    internal static class SymbolExtensions
    {
        /// <summary>Whether <paramref name="property"/> is an auto-property declared in source (its accessors have no bodies).</summary>
        public static bool IsAutoProperty(this IPropertySymbol property)
        {
            if (property.IsIndexer || property.GetMethod == null || property.SetMethod == null || property.IsAbstract)
            {
                return false;
            }

            var references = property.DeclaringSyntaxReferences;
            if (references.Length != 1 || !(references[0].GetSyntax() is PropertyDeclarationSyntax declaration))
            {
                return false;
            }

            if (declaration.ExpressionBody != null || declaration.AccessorList == null)
            {
                return false;
            }

            foreach (var accessor in declaration.AccessorList.Accessors)
            {
                if (accessor.Body != null || accessor.ExpressionBody != null)
                {
                    return false;
                }
            }

            return !declaration.Modifiers.Any(SyntaxKind.ExternKeyword);
        }
    }
}
