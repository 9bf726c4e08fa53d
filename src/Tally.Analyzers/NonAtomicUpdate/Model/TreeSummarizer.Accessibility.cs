using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Which public members code outside the compilation can call (see <see cref="FunctionFlags.Public"/>).</summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// Whether code outside the compilation can call a public member: its types are all public, or it overrides or
        /// implements a member other code may call through (an internal sink's public <c>Emit</c> reached through its
        /// interface). A public method of an internal type is called only by this compilation (and its friend assemblies,
        /// typically tests), so the locks its callers hold are known like a private method's.
        /// </summary>
        private static bool IsCallableFromOutside(ISymbol symbol)
        {
            for (var type = symbol.ContainingType; type != null; type = type.ContainingType)
            {
                if (type.DeclaredAccessibility != Accessibility.Public)
                {
                    return symbol is IMethodSymbol method && (method.IsOverride || ImplementsInterfaceMember(method));
                }
            }

            return true;
        }

        /// <summary>Whether code outside the compilation cannot name <paramref name="type"/>: it, or a type it is nested in, is not public.</summary>
        private static bool IsHidden(INamedTypeSymbol? type)
        {
            for (var current = type; current != null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Records an object of a hidden source type converted to another type (<c>IRunnable task = worker</c>, boxing, a
        /// base type): with its base types, the types whose interface implementations a call through an interface may reach.
        /// </summary>
        private void Conversion(IConversionOperation conversion)
        {
            if (!(conversion.Operand.Type is INamedTypeSymbol from) || SymbolEqualityComparer.Default.Equals(from, conversion.Type))
            {
                return;
            }

            // A sequence of them converted too (IEnumerable<Worker> as IEnumerable<IRunnable>).
            foreach (var argument in from.TypeArguments)
            {
                Converted(argument);
            }

            Converted(from);
        }

        /// <summary>
        /// Records a hidden source type used as a generic method's type argument (<c>Run&lt;Worker&gt;(worker)</c> with
        /// <c>where T : IRunnable</c>): the method may call it through the interface.
        /// </summary>
        private void GenericArguments(IMethodSymbol method)
        {
            if (method.IsGenericMethod)
            {
                foreach (var argument in method.TypeArguments)
                {
                    Converted(argument);
                }
            }
        }

        private void Converted(ITypeSymbol type)
        {
            if (!(type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } from) || !IsHidden(from)
                || from.Locations.Length == 0 || !from.Locations[0].IsInSource)
            {
                return;
            }

            for (var current = from.OriginalDefinition; current != null && current.Locations.Length > 0 && current.Locations[0].IsInSource; current = current.BaseType?.OriginalDefinition)
            {
                if (Key(current) is { } key && !_summary.ConvertedTypes.Add(key))
                {
                    return; // Its base types are in already.
                }
            }
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            if (!method.ExplicitInterfaceImplementations.IsEmpty)
            {
                return true;
            }

            var member = (ISymbol?)method.AssociatedSymbol ?? method;
            foreach (var implemented in method.ContainingType.AllInterfaces)
            {
                foreach (var candidate in implemented.GetMembers(member.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(candidate), member))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
