using Tally.Internal;

namespace Tally
{
    public static partial class Atomic
    {
        /// <summary>Atomically adds one to a <see cref="uint"/>; wraps from <see cref="uint.MaxValue"/> to 0. Works on netstandard2.0 too.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>++location</c> evaluates to.</returns>
        public static uint Increment(ref uint location) => Reinterpret.Add(ref location, 1u);

        /// <summary>Atomically adds one to a <see cref="ulong"/>; wraps from <see cref="ulong.MaxValue"/> to 0. Works on netstandard2.0 too.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>++location</c> evaluates to.</returns>
        public static ulong Increment(ref ulong location) => Reinterpret.Add(ref location, 1ul);

        /// <summary>Atomically subtracts one from a <see cref="uint"/>; wraps from 0 to <see cref="uint.MaxValue"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>--location</c> evaluates to.</returns>
        public static uint Decrement(ref uint location) => Reinterpret.Add(ref location, uint.MaxValue);

        /// <summary>Atomically subtracts one from a <see cref="ulong"/>; wraps from 0 to <see cref="ulong.MaxValue"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>--location</c> evaluates to.</returns>
        public static ulong Decrement(ref ulong location) => Reinterpret.Add(ref location, ulong.MaxValue);

        /// <summary>Atomically adds <paramref name="value"/> to a <see cref="uint"/>; wraps on overflow.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to add.</param>
        /// <returns>The new value: what <c>unchecked(location += value)</c> evaluates to.</returns>
        public static uint Add(ref uint location, uint value) => Reinterpret.Add(ref location, value);

        /// <summary>Atomically adds <paramref name="value"/> to a <see cref="ulong"/>; wraps on overflow.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to add.</param>
        /// <returns>The new value: what <c>unchecked(location += value)</c> evaluates to.</returns>
        public static ulong Add(ref ulong location, ulong value) => Reinterpret.Add(ref location, value);

        /// <summary>Atomically subtracts <paramref name="value"/> from a <see cref="uint"/>; wraps below zero.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to subtract.</param>
        /// <returns>The new value: what <c>unchecked(location -= value)</c> evaluates to.</returns>
        public static uint Subtract(ref uint location, uint value) => Reinterpret.Add(ref location, unchecked(0u - value));

        /// <summary>Atomically subtracts <paramref name="value"/> from a <see cref="ulong"/>; wraps below zero.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to subtract.</param>
        /// <returns>The new value: what <c>unchecked(location -= value)</c> evaluates to.</returns>
        public static ulong Subtract(ref ulong location, ulong value) => Reinterpret.Add(ref location, unchecked(0ul - value));
    }
}
