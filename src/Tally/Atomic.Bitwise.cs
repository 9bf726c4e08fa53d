using System.Threading;
using Tally.Internal;

namespace Tally
{
    public static partial class Atomic
    {
        /// <summary>Atomically stores the bitwise AND of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> on .NET 5+; the new value is
        /// <c>original &amp; value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static int And(ref int location, int value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.And(ref location, value);
#else
            return PortableBitwise.And(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.Or</c> on .NET 5+; the new value is
        /// <c>original | value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static int Or(ref int location, int value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.Or(ref location, value);
#else
            return PortableBitwise.Or(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise exclusive OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> and <c>Interlocked.Or</c>; the new value is
        /// <c>original ^ value</c>). A compare-exchange loop on every target framework.
        /// </returns>
        public static int Xor(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = current ^ value;
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        /// <summary>Atomically stores the bitwise AND of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> on .NET 5+; the new value is
        /// <c>original &amp; value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static long And(ref long location, long value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.And(ref location, value);
#else
            return PortableBitwise.And(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.Or</c> on .NET 5+; the new value is
        /// <c>original | value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static long Or(ref long location, long value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.Or(ref location, value);
#else
            return PortableBitwise.Or(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise exclusive OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> and <c>Interlocked.Or</c>; the new value is
        /// <c>original ^ value</c>). A compare-exchange loop on every target framework.
        /// </returns>
        public static long Xor(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = current ^ value;
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        /// <summary>Atomically stores the bitwise AND of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> on .NET 5+; the new value is
        /// <c>original &amp; value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static uint And(ref uint location, uint value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.And(ref location, value);
#else
            return PortableBitwise.And(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.Or</c> on .NET 5+; the new value is
        /// <c>original | value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static uint Or(ref uint location, uint value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.Or(ref location, value);
#else
            return PortableBitwise.Or(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise exclusive OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> and <c>Interlocked.Or</c>; the new value is
        /// <c>original ^ value</c>). A compare-exchange loop on every target framework.
        /// </returns>
        public static uint Xor(ref uint location, uint value)
        {
            uint current = Reinterpret.Read(ref location);
            while (true)
            {
                uint next = current ^ value;
                uint seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }

        /// <summary>Atomically stores the bitwise AND of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> on .NET 5+; the new value is
        /// <c>original &amp; value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static ulong And(ref ulong location, ulong value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.And(ref location, value);
#else
            return PortableBitwise.And(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.Or</c> on .NET 5+; the new value is
        /// <c>original | value</c>). Same result on netstandard2.0, where this is a compare-exchange loop.
        /// </returns>
        public static ulong Or(ref ulong location, ulong value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.Or(ref location, value);
#else
            return PortableBitwise.Or(ref location, value);
#endif
        }

        /// <summary>Atomically stores the bitwise exclusive OR of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>
        /// The ORIGINAL value, before the operation (like <c>Interlocked.And</c> and <c>Interlocked.Or</c>; the new value is
        /// <c>original ^ value</c>). A compare-exchange loop on every target framework.
        /// </returns>
        public static ulong Xor(ref ulong location, ulong value)
        {
            ulong current = Reinterpret.Read(ref location);
            while (true)
            {
                ulong next = current ^ value;
                ulong seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return current;
                }

                current = seen;
            }
        }
    }
}
