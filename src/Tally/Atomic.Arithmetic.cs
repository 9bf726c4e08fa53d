using System;
using System.Threading;
using Tally.Internal;

namespace Tally
{
    public static partial class Atomic
    {
        /// <summary>Atomically multiplies by <paramref name="value"/>; wraps on overflow like unchecked arithmetic.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value, <c>unchecked(original * value)</c>: what <c>location *= value</c> evaluates to.</returns>
        public static int Multiply(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = unchecked(current * value);
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically multiplies by <paramref name="value"/>; wraps on overflow like unchecked arithmetic.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value, <c>unchecked(original * value)</c>: what <c>location *= value</c> evaluates to.</returns>
        public static long Multiply(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = unchecked(current * value);
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically adds <paramref name="value"/>, throwing instead of wrapping when the sum overflows <see cref="int"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value: what <c>checked(location += value)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static int AddChecked(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = checked(current + value);
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically subtracts <paramref name="value"/>, throwing instead of wrapping when the difference overflows <see cref="int"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value: what <c>checked(location -= value)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static int SubtractChecked(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = checked(current - value);
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically multiplies by <paramref name="value"/>, throwing instead of wrapping when the product overflows <see cref="int"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value: what <c>checked(location *= value)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static int MultiplyChecked(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = checked(current * value);
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically adds one, throwing instead of wrapping at <see cref="int.MaxValue"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>checked(++location)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static int IncrementChecked(ref int location)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = checked(current + 1);
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically subtracts one, throwing instead of wrapping at <see cref="int.MinValue"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>checked(--location)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static int DecrementChecked(ref int location)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = checked(current - 1);
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically adds <paramref name="value"/>, throwing instead of wrapping when the sum overflows <see cref="long"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value: what <c>checked(location += value)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static long AddChecked(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = checked(current + value);
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically subtracts <paramref name="value"/>, throwing instead of wrapping when the difference overflows <see cref="long"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value: what <c>checked(location -= value)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static long SubtractChecked(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = checked(current - value);
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically multiplies by <paramref name="value"/>, throwing instead of wrapping when the product overflows <see cref="long"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="value">The operand.</param>
        /// <returns>The new value: what <c>checked(location *= value)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static long MultiplyChecked(ref long location, long value)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = checked(current * value);
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically adds one, throwing instead of wrapping at <see cref="long.MaxValue"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>checked(++location)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static long IncrementChecked(ref long location)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = checked(current + 1);
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>Atomically subtracts one, throwing instead of wrapping at <see cref="long.MinValue"/>.</summary>
        /// <param name="location">The variable to update.</param>
        /// <returns>The new value: what <c>checked(--location)</c> evaluates to.</returns>
        /// <exception cref="OverflowException">The result does not fit; the variable is left unchanged.</exception>
        public static long DecrementChecked(ref long location)
        {
            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = checked(current - 1);
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }
    }
}
