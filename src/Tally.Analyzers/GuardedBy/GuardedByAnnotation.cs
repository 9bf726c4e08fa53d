using System;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.GuardedBy
{
    /// <summary>
    /// Reads <c>[GuardedBy("_gate")]</c> from a field or property. Matched by simple name, like the other Tally
    /// annotations, so the attribute of the Tally library and a project's own attribute of that name both work.
    /// </summary>
    internal static class GuardedByAnnotation
    {
        private const string Name = "GuardedBy";
        private const string NameWithSuffix = "GuardedByAttribute";

        /// <summary>The lock name the member's annotation gives, or <c>null</c> when it has none (or an unusable one).</summary>
        public static string? LockNameOf(ISymbol member)
        {
            foreach (var attribute in member.GetAttributes())
            {
                var name = attribute.AttributeClass?.Name;
                if (!string.Equals(name, Name, StringComparison.Ordinal) && !string.Equals(name, NameWithSuffix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string lockName
                    && lockName.Trim().Length > 0)
                {
                    return lockName.Trim();
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the lock object <paramref name="lockSymbol"/> is the one named <paramref name="lockName"/>:
        /// same simple name (the text after the last dot, so <c>"Owner._gate"</c> works), or <c>"this"</c> for a lock on
        /// the instance (<c>lock (this)</c>, <c>[MethodImpl(Synchronized)]</c>) whose type declares the member.
        /// </summary>
        public static bool Names(string lockName, ISymbol lockSymbol, ISymbol member)
        {
            if (string.Equals(lockName, "this", StringComparison.Ordinal))
            {
                return lockSymbol is ITypeSymbol type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, member.ContainingType?.OriginalDefinition);
            }

            var dot = lockName.LastIndexOf('.');
            var simple = dot >= 0 ? lockName.Substring(dot + 1) : lockName;
            return lockSymbol is not ITypeSymbol
                && (string.Equals(lockSymbol.Name, simple, StringComparison.Ordinal) || NamesPropertyOf(simple, lockSymbol, member.ContainingType));
        }

        /// <summary>
        /// Whether <paramref name="simple"/> names a property of the member's type (or a base) that only returns the
        /// held field: <c>[GuardedBy("SyncRoot")]</c> is kept by <c>lock (syncRoot)</c> and by <c>lock (SyncRoot)</c>, whose
        /// lock the finder names by the field (LockFinder.Properties.cs).
        /// </summary>
        private static bool NamesPropertyOf(string simple, ISymbol lockSymbol, INamedTypeSymbol? type)
        {
            for (; lockSymbol is IFieldSymbol && type != null; type = type.BaseType)
            {
                foreach (var candidate in type.GetMembers(simple))
                {
                    if (candidate is IPropertySymbol property && SymbolEqualityComparer.Default.Equals(Common.LockFinder.FieldBehind(property)?.OriginalDefinition, lockSymbol.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
