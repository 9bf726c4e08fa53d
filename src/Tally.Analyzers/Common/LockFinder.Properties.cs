using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Lock identity through a property: <c>lock (this.SyncRoot)</c> where <c>SyncRoot =&gt; this.syncRoot</c> locks the
    /// same object as <c>lock (this.syncRoot)</c>, so both must have the field's key, or the model sees two locks where
    /// there is one (fresh sample 2, family P).
    /// </summary>
    internal static partial class LockFinder
    {
        private static readonly ConditionalWeakTable<IPropertySymbol, FieldBox> s_fieldsBehind = new ConditionalWeakTable<IPropertySymbol, FieldBox>();

        /// <summary>
        /// The field a property's getter returns, when the getter is nothing else: <c>=&gt; f</c>, <c>=&gt; this.f</c>,
        /// <c>get { return f; }</c>, <c>=&gt; T.f</c> for a static field of the property's own type. The property must be
        /// non-virtual (an override could return another object) and not an indexer; the field is looked up by name in
        /// the property's type and its base types, without binding the getter (this runs for every lock on a property,
        /// per keystroke), and memoised per property. <c>null</c> otherwise.
        /// </summary>
        public static IFieldSymbol? FieldBehind(IPropertySymbol property)
        {
            if (property.IsIndexer || property.IsVirtual || property.IsAbstract || property.IsExtern
                || (property.IsOverride && !property.IsSealed && !property.ContainingType.IsSealed)
                || property.DeclaringSyntaxReferences.Length == 0)
            {
                return null;
            }

            var definition = property.OriginalDefinition;
            var field = s_fieldsBehind.GetValue(definition, p => new FieldBox(Resolve(p))).Field;
            if (field == null || SymbolEqualityComparer.Default.Equals(definition, property))
            {
                return field;
            }

            // A property of a constructed generic type: the same field of that constructed type.
            foreach (var member in property.ContainingType.GetMembers(field.Name))
            {
                if (member is IFieldSymbol constructed && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, field))
                {
                    return constructed;
                }
            }

            return field;
        }

        /// <summary>The lock key of a property used as a lock object: the field behind it, else the property itself.</summary>
        public static ISymbol LockSymbolOfProperty(IPropertySymbol property) => (ISymbol?)FieldBehind(property) ?? property;

        private static IFieldSymbol? Resolve(IPropertySymbol property)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is PropertyDeclarationSyntax declaration && ReturnedName(declaration, property) is { } name)
                {
                    return FieldNamed(property, name);
                }
            }

            return null;
        }

        /// <summary>The simple name the getter returns, when its body is only that return.</summary>
        private static string? ReturnedName(PropertyDeclarationSyntax declaration, IPropertySymbol property)
        {
            ExpressionSyntax? returned = declaration.ExpressionBody?.Expression;
            if (returned == null && declaration.AccessorList != null)
            {
                foreach (var accessor in declaration.AccessorList.Accessors)
                {
                    if (accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                    {
                        returned = accessor.ExpressionBody?.Expression
                            ?? (accessor.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax ret ? ret.Expression : null);
                    }
                }
            }

            switch (returned)
            {
                case IdentifierNameSyntax identifier:
                    return identifier.Identifier.ValueText;
                case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access
                    when (access.Expression is ThisExpressionSyntax && !property.IsStatic)
                        || (access.Expression is IdentifierNameSyntax type && property.IsStatic && type.Identifier.ValueText == property.ContainingType.Name):
                    return member.Identifier.ValueText;
                default:
                    return null;
            }
        }

        /// <summary>The field a simple name in the property's getter names: the first member of that name up the type chain.</summary>
        private static IFieldSymbol? FieldNamed(IPropertySymbol property, string name)
        {
            for (var type = property.ContainingType; type != null; type = type.BaseType)
            {
                var members = type.GetMembers(name);
                if (members.Length == 0)
                {
                    continue;
                }

                // A static getter can only name a static field; an instance one may name either.
                return members.Length == 1 && members[0] is IFieldSymbol field && (field.IsStatic || !property.IsStatic) ? field : null;
            }

            return null;
        }

        private sealed class FieldBox
        {
            public FieldBox(IFieldSymbol? field) => Field = field;

            public IFieldSymbol? Field { get; }
        }
    }
}
