using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// The methods of <c>System.Threading.Interlocked</c> the rules and fixes reason about. Plans and checks carry this
    /// enum, never a method name; the name of each member is the name of the method.
    /// </summary>
    internal enum InterlockedMethodKind
    {
        /// <summary>Not an Interlocked method, or one no rule looks at (Read, MemoryBarrier...).</summary>
        Other,
        Increment,
        Decrement,
        Add,
        Exchange,
        CompareExchange,
        And,
        Or,
    }

    /// <summary>Facts about <see cref="InterlockedMethodKind"/> values.</summary>
    internal static class InterlockedMethodKinds
    {
        /// <summary>
        /// Which Interlocked method <paramref name="method"/> is; <see cref="InterlockedMethodKind.Other"/> when it is not a
        /// method of <see cref="KnownSymbols.Interlocked"/> at all.
        /// </summary>
        public static InterlockedMethodKind KindOf(IMethodSymbol method, KnownSymbols known)
            => KnownSymbols.Is(method.ContainingType, known.Interlocked) ? KindOfName(method.Name) : InterlockedMethodKind.Other;

        /// <summary>Whether the method returns the value it stored (Increment, Decrement, Add).</summary>
        public static bool ReturnsNewValue(this InterlockedMethodKind method)
            => method is InterlockedMethodKind.Increment or InterlockedMethodKind.Decrement or InterlockedMethodKind.Add;

        /// <summary>The method's name in source (<c>Increment</c>, <c>CompareExchange</c>...).</summary>
        public static string Name(this InterlockedMethodKind method) => method.ToString();

        private static InterlockedMethodKind KindOfName(string name)
        {
            switch (name)
            {
                case "Increment": return InterlockedMethodKind.Increment;
                case "Decrement": return InterlockedMethodKind.Decrement;
                case "Add": return InterlockedMethodKind.Add;
                case "Exchange": return InterlockedMethodKind.Exchange;
                case "CompareExchange": return InterlockedMethodKind.CompareExchange;
                case "And": return InterlockedMethodKind.And;
                case "Or": return InterlockedMethodKind.Or;
                default: return InterlockedMethodKind.Other;
            }
        }
    }
}
