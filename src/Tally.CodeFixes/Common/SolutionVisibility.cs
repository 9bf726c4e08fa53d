using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// Whether code outside the solution can use a member: a fix that changes a member's type or removes it must see
    /// every use, so it refuses members that code it cannot see may use.
    /// </summary>
    internal static class SolutionVisibility
    {
        /// <summary>
        /// Whether code outside the solution may use <paramref name="member"/> (a field, or an accessor): public or
        /// protected members of types visible outside the assembly, and internal members of an assembly whose
        /// <c>InternalsVisibleTo</c> names an assembly that no project of the solution builds.
        /// </summary>
        public static bool IsVisibleOutside(ISymbol member, Compilation compilation, Solution solution)
        {
            if (member.DeclaredAccessibility is Accessibility.Protected or Accessibility.ProtectedOrInternal && member.ContainingType.IsSealed)
            {
                return false;
            }

            var inSolution = new HashSet<string>(solution.Projects.Select(p => p.AssemblyName), System.StringComparer.OrdinalIgnoreCase);
            var friends = compilation.Assembly.GetAttributes().Any(a =>
                a.AttributeClass?.Name == "InternalsVisibleToAttribute"
                && !(a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is string friend && inSolution.Contains(friend.Split(',')[0].Trim())));
            for (ISymbol? symbol = member; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingType)
            {
                switch (symbol.DeclaredAccessibility)
                {
                    case Accessibility.Private:
                        return false;
                    case Accessibility.Internal:
                    case Accessibility.ProtectedAndInternal:
                        if (!friends)
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }
    }
}
