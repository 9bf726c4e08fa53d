using System.Threading;
using Tally.Internal;

namespace Tally
{
    public static partial class Atomic
    {
        /// <summary>Atomically adds <paramref name="value"/> to a <see cref="double"/> (IEEE addition, rounding as <c>x + value</c> does).</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to add.</param>
        /// <returns>The new value, <c>original + value</c>: what <c>location += value</c> evaluates to.</returns>
        public static double Add(ref double location, double value)
        {
            double current = Memory64.Read(ref location);
            while (true)
            {
                double next = current + value;
                double seen = Interlocked.CompareExchange(ref location, next, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically adds <paramref name="value"/> to a <see cref="float"/> (IEEE single-precision addition).</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to add.</param>
        /// <returns>The new value, <c>(float)(original + value)</c>: what <c>location += value</c> evaluates to.</returns>
        public static float Add(ref float location, float value)
        {
            float current = Volatile.Read(ref location);
            while (true)
            {
                float next = current + value;
                float seen = Interlocked.CompareExchange(ref location, next, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically adds <paramref name="value"/> to a <see cref="double"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to add.</param>
        /// <returns>
        /// The ORIGINAL value, before the addition: what <c>location++</c> evaluates to when <paramref name="value"/>
        /// is 1. (Subtracting <paramref name="value"/> from the new value is not the same thing in floating point.)
        /// </returns>
        public static double GetAndAdd(ref double location, double value)
        {
            double current = Memory64.Read(ref location);
            while (true)
            {
                double seen = Interlocked.CompareExchange(ref location, current + value, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return current;
                }

                current = seen;
            }
        }

        /// <summary>Atomically adds <paramref name="value"/> to a <see cref="float"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The amount to add.</param>
        /// <returns>The ORIGINAL value, before the addition: what <c>location++</c> evaluates to when <paramref name="value"/> is 1.</returns>
        public static float GetAndAdd(ref float location, float value)
        {
            float current = Volatile.Read(ref location);
            while (true)
            {
                float seen = Interlocked.CompareExchange(ref location, current + value, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return current;
                }

                current = seen;
            }
        }
    }
}
