using Microsoft.CodeAnalysis;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>The kinds of types the fix knows how to update atomically.</summary>
    internal static partial class UpdatePlanner
    {
        private static bool IsUnsigned(ITypeSymbol type)
            => type.SpecialType is SpecialType.System_UInt32 or SpecialType.System_UInt64;

        private static bool IsSmallInteger(ITypeSymbol? type)
            => type is not null && Categorize(type) == TypeCategory.SmallInteger;

        internal enum TypeCategory
        {
            Unsupported,
            Integer,
            NativeInteger,
            SmallInteger,
            FloatingPoint,
            Enum,
            Delegate,
        }

        internal static TypeCategory Categorize(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 => TypeCategory.Integer,
            SpecialType.System_IntPtr or SpecialType.System_UIntPtr when type.IsNativeIntegerType => TypeCategory.NativeInteger,
            SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16 => TypeCategory.SmallInteger,
            SpecialType.System_Single or SpecialType.System_Double => TypeCategory.FloatingPoint,
            _ when type.TypeKind == TypeKind.Enum => TypeCategory.Enum,
            _ when type.TypeKind == TypeKind.Delegate => TypeCategory.Delegate,
            _ => TypeCategory.Unsupported,
        };
    }
}
