using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// The storage passed by <c>ref</c> to an <c>Interlocked</c> method that the misuse rules can follow: a static field,
    /// a field of <c>this</c>, a field of a local or by-value parameter, or a local or parameter. A
    /// <see cref="StorageReference"/> of that shape; other references (through ref locals, chains of fields, calls) are not
    /// followed.
    /// </summary>
    internal static class InterlockedMisuseLocation
    {
        /// <summary>The location <paramref name="operation"/> refers to, if it has a shape the rules follow.</summary>
        public static bool TryCreate(IOperation? operation, out StorageReference location)
        {
            if (!StorageReference.TryCreate(operation, out location) || !IsFollowed(location))
            {
                location = default;
                return false;
            }

            return true;
        }

        /// <summary>Whether the location is a field (of <c>this</c> or static), the kind TALLY007 looks at.</summary>
        public static bool IsFieldOfThisOrStatic(this StorageReference location)
            => location.Symbol is IFieldSymbol field && (field.IsStatic || location.ReceiverIsThis);

        /// <summary>Whether <paramref name="operation"/> (implicit conversions aside) refers to this same location.</summary>
        public static bool IsReferencedBy(this StorageReference location, IOperation? operation)
            => TryCreate(operation?.WalkDownImplicitConversions(), out var other) && location.IsSameAs(other);

        /// <summary>Whether both describe the same storage.</summary>
        public static bool IsSameAs(this StorageReference location, StorageReference other)
            => location.IsSameStorage(other.Reference, StorageComparison.Stable);

        private static bool IsFollowed(StorageReference location)
        {
            switch (location.Kind)
            {
                case StorageKind.Field:
                    return location.Symbol!.IsStatic
                        || location.ReceiverIsThis
                        || location.Receiver is ILocalReferenceOperation { Local.IsRef: false }
                        || location.Receiver is IParameterReferenceOperation { Parameter.RefKind: RefKind.None };
                case StorageKind.Local:
                    return !((ILocalSymbol)location.Symbol!).IsRef;
                case StorageKind.Parameter:
                    return true;
                default:
                    return false;
            }
        }
    }
}
