using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Tally.Internal
{
    /// <summary>Untorn, ordered reads of 64-bit locations on every runtime.</summary>
    internal static class Memory64
    {
        /// <summary>
        /// Reads a 64-bit location with acquire semantics. On a 64-bit process this is a plain volatile read;
        /// on a 32-bit process a volatile read of a <see cref="long"/> may tear, so it uses
        /// <c>Interlocked.Read</c>. <see cref="IntPtr.Size"/> is a JIT-time constant, so only one
        /// branch is compiled.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static long Read(ref long location)
            => IntPtr.Size == 8 ? Volatile.Read(ref location) : Interlocked.Read(ref location);

        /// <summary>Reads a 64-bit <see cref="double"/> location, untorn, with acquire semantics.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Read(ref double location)
            => IntPtr.Size == 8 ? Volatile.Read(ref location) : Interlocked.CompareExchange(ref location, 0d, 0d);

        /// <summary>The bits of a <see cref="double"/>, so compare-exchange loops compare the way the hardware does.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

        /// <summary>The bits of a <see cref="float"/>, so compare-exchange loops compare the way the hardware does.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe int Bits(float value) => *(int*)&value;
    }
}
