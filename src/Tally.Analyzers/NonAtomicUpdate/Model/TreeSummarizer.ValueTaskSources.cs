using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Members whose contract says that their calls do not overlap with each other: the members of a hand-written
    /// <c>IValueTaskSource</c> / <c>IValueTaskSource&lt;T&gt;</c>.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// Whether <paramref name="method"/> implements <c>GetResult</c>, <c>GetStatus</c> or <c>OnCompleted</c> of
        /// <c>System.Threading.Tasks.Sources.IValueTaskSource</c> (or its generic twin). A <c>ValueTask</c> may be awaited
        /// once: its one awaiter asks the status, registers the continuation and takes the result of the current
        /// operation, one after the other, and the next operation starts only after that result was taken. Producers
        /// complete the source through their own methods. So outside code calls these members from one consumer at a
        /// time: like <c>IObserver&lt;T&gt;.OnNext</c>, they do not overlap with themselves when reached from ordinary
        /// calls (concurrent code of the compilation that calls them is still followed).
        /// </summary>
        private static bool ImplementsValueTaskSourceMember(IMethodSymbol method)
        {
            foreach (var implemented in method.ExplicitInterfaceImplementations)
            {
                if (IsValueTaskSourceMember(implemented))
                {
                    return true;
                }
            }

            var type = method.ContainingType;
            if (type == null || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public
                || !(method.Name == "GetResult" || method.Name == "GetStatus" || method.Name == "OnCompleted"))
            {
                return false;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (!IsValueTaskSource(contract))
                {
                    continue;
                }

                foreach (var member in contract.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsValueTaskSourceMember(IMethodSymbol member)
            => (member.Name == "GetResult" || member.Name == "GetStatus" || member.Name == "OnCompleted") && IsValueTaskSource(member.ContainingType);

        private static bool IsValueTaskSource(INamedTypeSymbol? type)
            => type is { Name: "IValueTaskSource", TypeKind: TypeKind.Interface }
               && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks.Sources";
    }
}
