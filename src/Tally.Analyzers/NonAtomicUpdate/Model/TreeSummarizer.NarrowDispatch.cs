using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// An interface call dispatches to the implementations of the objects its receiver can hold: for a receiver whose
    /// static type is a source interface deriving from the one that declares the member (<c>IStatus control;
    /// control.Refresh()</c> with <c>IStatus : IRefresh</c>), the implementations in the types that implement that
    /// interface, not every implementation of the declaring one (ConcurrencyModel.NarrowDispatch.cs).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// See <see cref="CallFact.ReceiverInterface"/>: the key of the receiver's static type when it is an interface
        /// declared in source that derives from the callee's interface (for a type parameter, its first constraint that
        /// does); <c>null</c> otherwise (a receiver typed as the declaring interface itself, a class, an unknown type).
        /// </summary>
        private string? ReceiverInterface(IOperation? instance, IMethodSymbol callee)
        {
            if (!(callee.ContainingType is { TypeKind: TypeKind.Interface } declaring) || !(instance.WalkDownConversions()?.Type is { } type))
            {
                return null;
            }

            declaring = declaring.OriginalDefinition;
            if (type is ITypeParameterSymbol parameter)
            {
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (NarrowerInterface(constraint, declaring) is { } constrained)
                    {
                        return constrained;
                    }
                }

                return null;
            }

            return NarrowerInterface(type, declaring);
        }

        private string? NarrowerInterface(ITypeSymbol type, INamedTypeSymbol declaring)
        {
            return type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named && named.IsDeclaredInSource()
                && !SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, declaring) && named.ImplementsInterface(declaring)
                ? Key(named.OriginalDefinition)
                : null;
        }

        /// <summary>
        /// Records, for a class or struct declared here, which method runs each member of the interfaces a source
        /// interface it implements derives from (<see cref="TreeSummary.NarrowDispatch"/>): the one
        /// <c>FindImplementationForInterfaceMember</c> gives, which may be inherited from a base class that does not
        /// implement the derived interface itself.
        /// </summary>
        private void NarrowDispatch(INamedTypeSymbol? type)
        {
            if (!(type is { TypeKind: TypeKind.Class or TypeKind.Struct }))
            {
                return;
            }

            foreach (var derived in type.AllInterfaces)
            {
                if (derived.Interfaces.IsEmpty || !derived.IsDeclaredInSource() || !(Key(derived.OriginalDefinition) is { } derivedKey))
                {
                    continue;
                }

                foreach (var declaring in derived.AllInterfaces)
                {
                    foreach (var member in declaring.GetMembers())
                    {
                        if (member is IMethodSymbol { IsStatic: false } method && (method.IsAbstract || method.IsVirtual)
                            && type.FindImplementationForInterfaceMember(method) is IMethodSymbol implementation && Key(implementation) is { } implementationKey)
                        {
                            _summary.NarrowDispatch.Add(ConcurrencyModel.NarrowDispatchKey(derivedKey, implementationKey));
                        }
                    }
                }
            }
        }
    }
}
