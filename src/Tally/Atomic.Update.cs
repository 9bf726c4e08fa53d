using System;
using System.Threading;
using Tally.Internal;

namespace Tally
{
    public static partial class Atomic
    {
        /// <summary>
        /// Atomically replaces the value with <c>update(current)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static int Update(ref int location, Func<int, int> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            return Update(ref location, update, static (current, apply) => apply(current));
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current, state)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="state">Passed to <paramref name="update"/>, so a <c>static</c> lambda can use it without a closure allocation.</param>
        /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static int Update<TState>(ref int location, TState state, Func<int, TState, int> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            int current = Volatile.Read(ref location);
            while (true)
            {
                int next = update(current, state);
                int seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static long Update(ref long location, Func<long, long> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            return Update(ref location, update, static (current, apply) => apply(current));
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current, state)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="state">Passed to <paramref name="update"/>, so a <c>static</c> lambda can use it without a closure allocation.</param>
        /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static long Update<TState>(ref long location, TState state, Func<long, TState, long> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            long current = Memory64.Read(ref location);
            while (true)
            {
                long next = update(current, state);
                long seen = Interlocked.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static uint Update(ref uint location, Func<uint, uint> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            return Update(ref location, update, static (current, apply) => apply(current));
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current, state)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="state">Passed to <paramref name="update"/>, so a <c>static</c> lambda can use it without a closure allocation.</param>
        /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static uint Update<TState>(ref uint location, TState state, Func<uint, TState, uint> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            uint current = Reinterpret.Read(ref location);
            while (true)
            {
                uint next = update(current, state);
                uint seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static ulong Update(ref ulong location, Func<ulong, ulong> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            return Update(ref location, update, static (current, apply) => apply(current));
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current, state)</c> in a compare-exchange loop. 
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="state">Passed to <paramref name="update"/>, so a <c>static</c> lambda can use it without a closure allocation.</param>
        /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static ulong Update<TState>(ref ulong location, TState state, Func<ulong, TState, ulong> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            ulong current = Reinterpret.Read(ref location);
            while (true)
            {
                ulong next = update(current, state);
                ulong seen = Reinterpret.CompareExchange(ref location, next, current);
                if (seen == current)
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current)</c> in a compare-exchange loop. Compares bit patterns, so NaN and signed zeros are handled.
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static double Update(ref double location, Func<double, double> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            return Update(ref location, update, static (current, apply) => apply(current));
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current, state)</c> in a compare-exchange loop. Compares bit patterns, so NaN and signed zeros are handled.
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="state">Passed to <paramref name="update"/>, so a <c>static</c> lambda can use it without a closure allocation.</param>
        /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static double Update<TState>(ref double location, TState state, Func<double, TState, double> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            double current = Memory64.Read(ref location);
            while (true)
            {
                double next = update(current, state);
                double seen = Interlocked.CompareExchange(ref location, next, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current)</c> in a compare-exchange loop. Compares bit patterns, so NaN and signed zeros are handled.
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static float Update(ref float location, Func<float, float> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            return Update(ref location, update, static (current, apply) => apply(current));
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current, state)</c> in a compare-exchange loop. Compares bit patterns, so NaN and signed zeros are handled.
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="state">Passed to <paramref name="update"/>, so a <c>static</c> lambda can use it without a closure allocation.</param>
        /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static float Update<TState>(ref float location, TState state, Func<float, TState, float> update)
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            float current = Volatile.Read(ref location);
            while (true)
            {
                float next = update(current, state);
                float seen = Interlocked.CompareExchange(ref location, next, current);
                if (Memory64.Bits(seen) == Memory64.Bits(current))
                {
                    return next;
                }

                current = seen;
            }
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current)</c> in a compare-exchange loop. Compares references, not contents.
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <typeparam name="T">The reference type of the variable.</typeparam>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static T Update<T>(ref T location, Func<T, T> update)
            where T : class?
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            return Update(ref location, update, static (current, apply) => apply(current));
        }

        /// <summary>
        /// Atomically replaces the value with <c>update(current, state)</c> in a compare-exchange loop. Compares references, not contents.
        /// <paramref name="update"/> may run several times under contention: it must not have side effects.
        /// </summary>
        /// <param name="location">The variable to update.</param>
        /// <param name="state">Passed to <paramref name="update"/>, so a <c>static</c> lambda can use it without a closure allocation.</param>
        /// <typeparam name="TState">The type of <paramref name="state"/>.</typeparam>
        /// <param name="update">Computes the new value from the current one.</param>
        /// <typeparam name="T">The reference type of the variable.</typeparam>
        /// <returns>The new value: the result of the <paramref name="update"/> call that was stored.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
        public static T Update<T, TState>(ref T location, TState state, Func<T, TState, T> update)
            where T : class?
        {
            if (update is null)
            {
                throw new ArgumentNullException(nameof(update));
            }

            T current = Volatile.Read(ref location);
            while (true)
            {
                T next = update(current, state);
                T seen = Interlocked.CompareExchange(ref location, next, current);
                if (ReferenceEquals(seen, current))
                {
                    return next;
                }

                current = seen;
            }
        }
    }
}
