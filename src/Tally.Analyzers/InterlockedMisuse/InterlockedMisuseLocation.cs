using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// A storage location passed by <c>ref</c> to an <c>Interlocked</c> method, in a form that can be compared with
    /// other references: a static field, a field of <c>this</c>, a field of a local or parameter, or a local or parameter.
    /// </summary>
    internal readonly struct InterlockedMisuseLocation
    {
        private InterlockedMisuseLocation(ISymbol symbol, ISymbol? instance, bool instanceIsThis)
        {
            Symbol = symbol;
            Instance = instance;
            InstanceIsThis = instanceIsThis;
        }

        /// <summary>The field, local or parameter.</summary>
        public ISymbol Symbol { get; }

        /// <summary>The local or parameter holding the object whose field this is, if any.</summary>
        public ISymbol? Instance { get; }

        /// <summary>Whether this is a field of <c>this</c> (or <c>base</c>).</summary>
        public bool InstanceIsThis { get; }

        /// <summary>Whether the location is a field (of <c>this</c> or static), the kind TALLY007 looks at.</summary>
        public bool IsFieldOfThisOrStatic
            => Symbol is IFieldSymbol fieldSymbol && (fieldSymbol.IsStatic || InstanceIsThis);

        /// <summary>The type of the value stored at the location.</summary>
        public ITypeSymbol? Type => Symbol switch
        {
            IFieldSymbol fieldSymbol => fieldSymbol.Type,
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        /// <summary>Reads the location an operation refers to, if it is one this rule can compare.</summary>
        public static bool TryCreate(IOperation? operation, out InterlockedMisuseLocation location)
        {
            location = default;
            switch (operation)
            {
                case IFieldReferenceOperation fieldReference:
                    var field = fieldReference.Field;
                    if (field.IsStatic)
                    {
                        location = new InterlockedMisuseLocation(field, null, false);
                        return true;
                    }

                    switch (fieldReference.Instance)
                    {
                        case IInstanceReferenceOperation instanceReference
                            when instanceReference.ReferenceKind == InstanceReferenceKind.ContainingTypeInstance:
                            location = new InterlockedMisuseLocation(field, null, true);
                            return true;
                        case ILocalReferenceOperation localReference when !localReference.Local.IsRef:
                            location = new InterlockedMisuseLocation(field, localReference.Local, false);
                            return true;
                        case IParameterReferenceOperation parameterReference
                            when parameterReference.Parameter.RefKind == RefKind.None:
                            location = new InterlockedMisuseLocation(field, parameterReference.Parameter, false);
                            return true;
                        default:
                            return false;
                    }

                case ILocalReferenceOperation localReference when !localReference.Local.IsRef:
                    location = new InterlockedMisuseLocation(localReference.Local, null, false);
                    return true;

                case IParameterReferenceOperation parameterReference:
                    location = new InterlockedMisuseLocation(parameterReference.Parameter, null, false);
                    return true;

                default:
                    return false;
            }
        }

        /// <summary>Whether <paramref name="operation"/> (conversions aside) refers to this same location.</summary>
        public bool IsReferencedBy(IOperation? operation)
        {
            while (operation is IConversionOperation conversion && conversion.IsImplicit)
            {
                operation = conversion.Operand;
            }

            return TryCreate(operation, out var other) && IsSameAs(other);
        }

        /// <summary>Whether both describe the same storage.</summary>
        public bool IsSameAs(InterlockedMisuseLocation other)
            => SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol)
               && InstanceIsThis == other.InstanceIsThis
               && SymbolEqualityComparer.Default.Equals(Instance, other.Instance);
    }
}
