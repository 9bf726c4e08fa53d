using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>Facts about symbols that more than one rule or fix needs.</summary>
    internal static class SymbolExtensions
    {
        /// <summary>Whether the symbol's definition is declared in this compilation's source (a method, event or field of it).</summary>
        public static bool IsDeclaredInSource(this ISymbol symbol)
        {
            var definition = symbol.OriginalDefinition;
            return definition.Locations.Length > 0 && definition.Locations[0].IsInSource;
        }

        /// <summary>
        /// Whether <paramref name="type"/> implements <paramref name="contract"/> (an interface's definition), directly or
        /// through a base type or another interface, with any type arguments.
        /// </summary>
        public static bool ImplementsInterface(this ITypeSymbol type, INamedTypeSymbol contract)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
                {
                    return true;
                }
            }

            return false;
        }

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

        /// <summary>
        /// The field a trivial property reads and writes (<c>get =&gt; _x; set =&gt; _x = value;</c>, or the block forms),
        /// declared in the same type with the property's type and staticness; <c>null</c> for any other property.
        /// </summary>
        public static IFieldSymbol? TrivialBackingField(this IPropertySymbol property)
        {
            if (property.IsIndexer || property.GetMethod == null || property.SetMethod == null || property.IsAbstract || property.ContainingType == null)
            {
                return null;
            }

            var references = property.DeclaringSyntaxReferences;
            if (references.Length != 1 || !(references[0].GetSyntax() is PropertyDeclarationSyntax { AccessorList: { } accessors }))
            {
                return null;
            }

            string? read = null;
            string? written = null;
            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                {
                    read = FieldName(accessor.ExpressionBody?.Expression ?? (OnlyStatement(accessor) as ReturnStatementSyntax)?.Expression);
                }
                else if (accessor.IsKind(SyntaxKind.SetAccessorDeclaration)
                    && (accessor.ExpressionBody?.Expression ?? (OnlyStatement(accessor) as ExpressionStatementSyntax)?.Expression) is AssignmentExpressionSyntax assignment
                    && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && assignment.Right is IdentifierNameSyntax { Identifier.ValueText: "value" })
                {
                    written = FieldName(assignment.Left);
                }
            }

            if (read == null || read != written)
            {
                return null;
            }

            foreach (var member in property.ContainingType.GetMembers(read))
            {
                if (member is IFieldSymbol field && field.IsStatic == property.IsStatic && !field.IsConst
                    && SymbolEqualityComparer.Default.Equals(field.Type, property.Type))
                {
                    return field;
                }
            }

            return null;
        }

        private static StatementSyntax? OnlyStatement(AccessorDeclarationSyntax accessor)
            => accessor.Body is { Statements.Count: 1 } body ? body.Statements[0] : null;

        /// <summary>The field name of <c>_x</c> or <c>this._x</c>.</summary>
        private static string? FieldName(ExpressionSyntax? expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
            _ => null,
        };
    }
}
