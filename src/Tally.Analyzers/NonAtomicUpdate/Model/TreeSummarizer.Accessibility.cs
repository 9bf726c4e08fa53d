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
        /// interface, an internal stream's <c>Write</c> through <c>Stream</c>). A public method of an internal type is
        /// called only by this compilation (and its friend assemblies, typically tests), so the locks its callers hold
        /// are known like a private method's; so is an override whose chain of overridden methods stays in internal
        /// types (gRPC's hedging call overriding its internal base's abstract write, which only the stream writer calls,
        /// inside its write lock).
        /// </summary>
        private static bool IsCallableFromOutside(ISymbol symbol)
        {
            return AllTypesPublic(symbol) || (symbol is IMethodSymbol method && (OverridesCallableFromOutside(method) || ImplementsInterfaceMember(method)));
        }

        private static bool AllTypesPublic(ISymbol symbol)
        {
            for (var type = symbol.ContainingType; type != null; type = type.ContainingType)
            {
                if (type.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether an override can be called through a method it overrides: one up its chain is public in public types
        /// (<c>object.ToString</c>, <c>Stream.Write</c>, a public base's abstract method), or implements an interface
        /// member. A chain that ends in an internal type's own virtual or abstract method is the compilation's alone.
        /// </summary>
        private static bool OverridesCallableFromOutside(IMethodSymbol method)
        {
            var overridden = method.IsOverride ? method.OverriddenMethod : null;
            for (var depth = 0; overridden != null && depth < 32; depth++)
            {
                if ((overridden.DeclaredAccessibility == Accessibility.Public && AllTypesPublic(overridden)) || ImplementsInterfaceMember(overridden))
                {
                    return true;
                }

                overridden = overridden.IsOverride ? overridden.OverriddenMethod : null;
            }

            // An override whose base the compiler cannot see (an unresolved reference) is taken as callable, as before.
            return method.IsOverride && method.OverriddenMethod == null;
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
