using System;
using System.Threading;
using Tally.Internal;

namespace Tally
{
    public static partial class Atomic
    {
        /// <summary>Atomically stores the larger of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The candidate.</param>
        /// <returns>The new value, <c>Math.Max(original, value)</c>. Nothing is written when the current value is already at least <paramref name="value"/>.</returns>
        public static int Max(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (current < value)
            {
                int seen = Interlocked.CompareExchange(ref location, value, current);
                if (seen == current)
                {
                    return value;
                }

                current = seen;
            }

            return current;
        }

        /// <summary>Atomically stores the larger of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The candidate.</param>
        /// <returns>The new value, <c>Math.Max(original, value)</c>. Nothing is written when the current value is already at least <paramref name="value"/>.</returns>
        public static long Max(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (current < value)
            {
                long seen = Interlocked.CompareExchange(ref location, value, current);
                if (seen == current)
                {
                    return value;
                }

                current = seen;
            }

            return current;
        }

        /// <summary>Atomically stores the smaller of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The candidate.</param>
        /// <returns>The new value, <c>Math.Min(original, value)</c>. Nothing is written when the current value is already at most <paramref name="value"/>.</returns>
        public static int Min(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (current > value)
            {
                int seen = Interlocked.CompareExchange(ref location, value, current);
                if (seen == current)
                {
                    return value;
                }

                current = seen;
            }

            return current;
        }

        /// <summary>Atomically stores the smaller of the current value and <paramref name="value"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The candidate.</param>
        /// <returns>The new value, <c>Math.Min(original, value)</c>. Nothing is written when the current value is already at most <paramref name="value"/>.</returns>
        public static long Min(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (current > value)
            {
                long seen = Interlocked.CompareExchange(ref location, value, current);
                if (seen == current)
                {
                    return value;
                }

                current = seen;
            }

            return current;
        }

        /// <summary>
        /// Atomically stores <c>Math.Max(current, value)</c>, with <see cref="Math.Max(double, double)"/>'s rules for
        /// NaN (a NaN operand gives NaN) and signed zeros, as implemented by the running framework.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The candidate.</param>
        /// <returns>The new value, <c>Math.Max(original, value)</c>. Nothing is written when that equals the original bit for bit.</returns>
        public static double Max(ref double location, double value)
        {
            double current = Memory64.Read(ref location);
            while (true)
            {
                double next = Math.Max(current, value);
                if (Memory64.Bits(next) == Memory64.Bits(current))
                {
                    return current;
                }

                double seen = Interlocked.CompareExchange(ref location, next, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>
        /// Atomically stores <c>Math.Min(current, value)</c>, with <see cref="Math.Min(double, double)"/>'s rules for
        /// NaN (a NaN operand gives NaN) and signed zeros, as implemented by the running framework.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The candidate.</param>
        /// <returns>The new value, <c>Math.Min(original, value)</c>. Nothing is written when that equals the original bit for bit.</returns>
        public static double Min(ref double location, double value)
        {
            double current = Memory64.Read(ref location);
            while (true)
            {
                double next = Math.Min(current, value);
                if (Memory64.Bits(next) == Memory64.Bits(current))
                {
                    return current;
                }

                double seen = Interlocked.CompareExchange(ref location, next, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return next;
                }

                current = seen;
            }
        }
    }
}
