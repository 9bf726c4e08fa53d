using Microsoft.CodeAnalysis;

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
