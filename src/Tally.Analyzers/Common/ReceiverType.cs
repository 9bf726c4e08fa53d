using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// The type of a call's receiver in a method body that is not bound (a lock helper's body, read from another tree):
    /// found from the symbols the method already has (its parameters, its type's fields and properties) and from the
    /// syntax of local declarations, never from a semantic model. Only the shapes helpers use are followed
    /// (<c>_gate</c>, <c>this._gate</c>, <c>_owner._gate</c>, a parameter, a local with a declared type or a <c>new</c>
    /// initializer, a static class named by itself); anything else is unknown.
    /// </summary>
    internal readonly struct ReceiverType
    {
        private ReceiverType(string? name, ITypeSymbol? symbol)
        {
            Name = name;
            Symbol = symbol;
        }

        /// <summary>The type's simple name; <c>null</c> when the receiver's type is not known.</summary>
        public string? Name { get; }

        /// <summary>The type's symbol, when a symbol gave it (not for a local's declared type name or a static class name).</summary>
        public ITypeSymbol? Symbol { get; }

        public static ReceiverType Of(ExpressionSyntax receiver, IMethodSymbol method, SyntaxNode body)
        {
            switch (receiver)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Of(parenthesized.Expression, method, body);
                case ThisExpressionSyntax:
                    return FromSymbol(method.ContainingType);
                case IdentifierNameSyntax identifier:
                    return OfName(identifier.Identifier.ValueText, method, body);
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax } access:
                    return FromSymbol(MemberType(method.ContainingType, access.Name.Identifier.ValueText));
                case MemberAccessExpressionSyntax access:
                    var owner = Of(access.Expression, method, body);
                    return owner.Symbol is INamedTypeSymbol ownerType ? FromSymbol(MemberType(ownerType, access.Name.Identifier.ValueText)) : default;
                default:
                    return default;
            }
        }

        private static ReceiverType OfName(string name, IMethodSymbol method, SyntaxNode body)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == name)
                {
                    return FromSymbol(parameter.Type);
                }
            }

            foreach (var node in body.DescendantNodes())
            {
                if (node is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name)
                {
                    return declarator.Parent is VariableDeclarationSyntax declaration ? OfLocal(declaration.Type, declarator.Initializer?.Value) : default;
                }
            }

            var member = MemberType(method.ContainingType, name);
            if (member != null)
            {
                return FromSymbol(member);
            }

            // Not a local, parameter or member: a type named by itself (Monitor.Enter).
            return char.IsUpper(name[0]) ? new ReceiverType(name, null) : default;
        }

        private static ReceiverType OfLocal(TypeSyntax type, ExpressionSyntax? initializer)
        {
            if (!type.IsVar)
            {
                return FromName(type);
            }

            return initializer is ObjectCreationExpressionSyntax creation ? FromName(creation.Type) : default;
        }

        private static ReceiverType FromName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => FromName(qualified.Right),
            SimpleNameSyntax simple => new ReceiverType(simple.Identifier.ValueText, null),
            _ => default,
        };

        private static ReceiverType FromSymbol(ITypeSymbol? type) => type == null || type.TypeKind == TypeKind.Error ? default : new ReceiverType(type.Name, type);

        /// <summary>The type of the instance field or property of that name, in the type or a base type.</summary>
        private static ITypeSymbol? MemberType(INamedTypeSymbol? type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    switch (member)
                    {
                        case IFieldSymbol field:
                            return field.Type;
                        case IPropertySymbol property:
                            return property.Type;
                    }
                }
            }

            return null;
        }
    }
}
