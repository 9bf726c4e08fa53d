using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Common;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// The members of <c>System.Threading.Interlocked</c>, <c>System.Threading.Volatile</c> and <c>System.BitConverter</c>
    /// that the target framework of one compilation actually has. Overloads are looked up by parameter type, never assumed.
    /// </summary>
    internal sealed class AtomicApi
    {
        private AtomicApi(Compilation compilation, INamedTypeSymbol interlocked, KnownSymbols known)
        {
            Compilation = compilation;
            Known = known;
            Interlocked = interlocked;
            Volatile = known.Volatile;
            BitConverter = known.BitConverter;
            var library = compilation.GetTypeByMetadataName(LibraryAtomicMetadataName);
            LibraryAtomic = library is { DeclaredAccessibility: Accessibility.Public } && compilation.IsSymbolAccessibleWithin(library, compilation.Assembly) ? library : null;
        }

        /// <summary>
        /// The Tally runtime library's helpers, found by metadata name: the fixes do not depend on the library, they use
        /// it when the project references it.
        /// </summary>
        public const string LibraryAtomicMetadataName = "Tally.Atomic";

        public Compilation Compilation { get; }

        /// <summary>Every framework type of the compilation the fixes may need.</summary>
        public KnownSymbols Known { get; }

        public INamedTypeSymbol Interlocked { get; }

        public INamedTypeSymbol? Volatile { get; }

        public INamedTypeSymbol? BitConverter { get; }

        /// <summary><c>Tally.Atomic</c> when the compilation references the Tally library (and can call it), else null.</summary>
        public INamedTypeSymbol? LibraryAtomic { get; }

        /// <summary>Resolves the API of a compilation; null when it has no <c>Interlocked</c> type at all.</summary>
        public static AtomicApi? Create(Compilation compilation)
        {
            var known = KnownSymbols.Create(compilation);
            return known.Interlocked is null ? null : new AtomicApi(compilation, known.Interlocked, known);
        }

        /// <summary>Whether <c>Interlocked.name(ref T[, T])</c> exists (Increment, Decrement, Add, Or, And).</summary>
        public bool HasInterlocked(InterlockedMethodKind method, ITypeSymbol type, int parameterCount)
            => HasMethod(Interlocked, method.Name(), type, parameterCount);

        /// <summary>Whether <c>Tally.Atomic.name(ref T[, T])</c> exists for exactly this type (the library is referenced and has that overload).</summary>
        public bool HasLibraryMethod(string name, ITypeSymbol type, int parameterCount)
            => LibraryAtomic is not null && HasMethod(LibraryAtomic, name, type, parameterCount);

        /// <summary>Whether <c>Interlocked.CompareExchange(ref T, T, T)</c> exists for exactly this type (no generic overload).</summary>
        public bool HasCompareExchange(ITypeSymbol type)
            => HasMethod(Interlocked, InterlockedMethodKind.CompareExchange.Name(), type, 3);

        /// <summary>
        /// Whether <c>Volatile.Read(ref T)</c> exists for exactly this type and accepts a <c>ref</c> argument in this language
        /// version (newer frameworks declare it <c>ref readonly</c>, which C# before 12 sees as <c>in</c>).
        /// </summary>
        public bool HasVolatileRead(ITypeSymbol type, LanguageVersion languageVersion)
        {
            if (Volatile is null)
            {
                return false;
            }

            foreach (var member in Volatile.GetMembers("Read"))
            {
                if (member is IMethodSymbol { IsStatic: true, IsGenericMethod: false, Parameters.Length: 1 } method
                    && SameType(method.Parameters[0].Type, type)
                    && (method.Parameters[0].RefKind == RefKind.Ref
                        || (method.Parameters[0].RefKind == RefKind.RefReadOnlyParameter && languageVersion >= LanguageVersion.CSharp12)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <c>Interlocked.CompareExchange&lt;T&gt;(ref T, T, T)</c> takes this enum: the framework declares the generic
        /// overload without the <c>class</c> constraint (.NET 9 and later, which support enums of 4 and 8 bytes there).
        /// </summary>
        public bool HasGenericCompareExchangeFor(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }
                || underlying.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64))
            {
                return false;
            }

            foreach (var member in Interlocked.GetMembers(InterlockedMethodKind.CompareExchange.Name()))
            {
                if (member is IMethodSymbol { IsStatic: true, IsGenericMethod: true, TypeParameters.Length: 1, Parameters.Length: 3 } method
                    && method.Parameters[0].RefKind == RefKind.Ref
                    && !method.TypeParameters[0].HasReferenceTypeConstraint
                    && !method.TypeParameters[0].HasUnmanagedTypeConstraint
                    && method.TypeParameters[0].ConstraintTypes.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the generic <c>Interlocked.CompareExchange&lt;T&gt;(ref T, T, T)</c> exists (every framework; for delegates).</summary>
        public bool HasGenericCompareExchangeForClass()
            => Interlocked.GetMembers(InterlockedMethodKind.CompareExchange.Name()).OfType<IMethodSymbol>().Any(
                m => m.IsStatic && m.IsGenericMethod && m.TypeParameters.Length == 1 && m.Parameters.Length == 3 && m.Parameters[0].RefKind == RefKind.Ref);

        /// <summary>Whether the bit-pattern conversion needed to compare <paramref name="type"/> values exactly exists.</summary>
        public bool HasBitConversion(ITypeSymbol type)
        {
            if (BitConverter is null)
            {
                return false;
            }

            var name = type.SpecialType switch
            {
                SpecialType.System_Double => "DoubleToInt64Bits",
                SpecialType.System_Single => "SingleToInt32Bits",
                _ => null,
            };
            return name is not null && BitConverter.GetMembers(name).OfType<IMethodSymbol>().Any(
                m => m.IsStatic && m.Parameters.Length == 1 && SameType(m.Parameters[0].Type, type));
        }

        /// <summary>The <c>BitConverter</c> method that gives the bits of a <c>float</c> or <c>double</c>.</summary>
        public static string BitConversionName(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_Single ? "SingleToInt32Bits" : "DoubleToInt64Bits";

        private static bool HasMethod(INamedTypeSymbol container, string name, ITypeSymbol type, int parameterCount)
        {
            foreach (var member in container.GetMembers(name))
            {
                if (member is IMethodSymbol method
                    && method.IsStatic
                    && !method.IsGenericMethod
                    && method.DeclaredAccessibility == Accessibility.Public
                    && method.Parameters.Length == parameterCount
                    && method.Parameters[0].RefKind == RefKind.Ref
                    && method.Parameters.All(p => SameType(p.Type, type)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Type identity that treats <c>nint</c>/<c>IntPtr</c> and <c>nuint</c>/<c>UIntPtr</c> as the same type.</summary>
        public static bool SameType(ITypeSymbol a, ITypeSymbol b)
        {
            if (a.SpecialType != SpecialType.None || b.SpecialType != SpecialType.None)
            {
                return a.SpecialType == b.SpecialType;
            }

            return SymbolEqualityComparer.Default.Equals(a, b);
        }
    }
}
