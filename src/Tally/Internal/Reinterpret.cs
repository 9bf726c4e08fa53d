using System.Runtime.CompilerServices;
using System.Threading;

namespace Tally.Internal
{
    /// <summary>
    /// Interlocked primitives on unsigned locations. net8.0 has them natively; netstandard2.0 lacks them, so there
    /// the location is pinned and reinterpreted as the signed integer of the same size (same bits, and two's
    /// complement addition gives the same bits for signed and unsigned operands).
    /// </summary>
    internal static unsafe class Reinterpret
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint CompareExchange(ref uint location, uint value, uint comparand)
        {
#if NET8_0_OR_GREATER
            return Interlocked.CompareExchange(ref location, value, comparand);
#else
            return PinnedCompareExchange(ref location, value, comparand);
#endif
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong CompareExchange(ref ulong location, ulong value, ulong comparand)
        {
#if NET8_0_OR_GREATER
            return Interlocked.CompareExchange(ref location, value, comparand);
#else
            return PinnedCompareExchange(ref location, value, comparand);
#endif
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Add(ref uint location, uint value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.Add(ref location, value);
#else
            return PinnedAdd(ref location, value);
#endif
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Add(ref ulong location, ulong value)
        {
#if NET8_0_OR_GREATER
            return Interlocked.Add(ref location, value);
#else
            return PinnedAdd(ref location, value);
#endif
        }

        /// <summary>An untorn acquire read of a <see cref="uint"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Read(ref uint location) => Volatile.Read(ref location);

        /// <summary>An untorn acquire read of a <see cref="ulong"/>, also on 32-bit runtimes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Read(ref ulong location)
        {
#if NET8_0_OR_GREATER
            return unchecked((ulong)Memory64.Read(ref Unsafe.As<ulong, long>(ref location)));
#else
            return PinnedRead(ref location);
#endif
        }

        // The netstandard2.0 implementations, compiled on every target so the net10.0 tests exercise them.

        internal static uint PinnedCompareExchange(ref uint location, uint value, uint comparand)
        {
            fixed (uint* p = &location)
            {
                return unchecked((uint)Interlocked.CompareExchange(ref *(int*)p, (int)value, (int)comparand));
            }
        }

        internal static ulong PinnedCompareExchange(ref ulong location, ulong value, ulong comparand)
        {
            fixed (ulong* p = &location)
            {
                return unchecked((ulong)Interlocked.CompareExchange(ref *(long*)p, (long)value, (long)comparand));
            }
        }

        internal static uint PinnedAdd(ref uint location, uint value)
        {
            fixed (uint* p = &location)
            {
                return unchecked((uint)Interlocked.Add(ref *(int*)p, (int)value));
            }
        }

        internal static ulong PinnedAdd(ref ulong location, ulong value)
        {
            fixed (ulong* p = &location)
            {
                return unchecked((ulong)Interlocked.Add(ref *(long*)p, (long)value));
            }
        }

        internal static ulong PinnedRead(ref ulong location)
        {
            fixed (ulong* p = &location)
            {
                return unchecked((ulong)Memory64.Read(ref *(long*)p));
            }
        }
    }
}
