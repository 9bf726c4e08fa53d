using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Tally.Internal;

namespace Tally
{
    /// <summary>
    /// A 64-bit counter held in one memory cell and updated with <see cref="Interlocked"/> operations.
    /// Every operation is atomic and linearizable: a read returns the value after all updates that completed
    /// before it, and the values returned by <see cref="Increment"/>, <see cref="Add"/> and friends are unique
    /// and gap-free under any number of threads. Accepts decrements (<see cref="Decrement"/>, a negative
    /// <see cref="Add"/>) and can be set (<see cref="Exchange"/>, <see cref="Reset"/>), so it is not a monotonic
    /// counter in the metrics sense unless you only ever increment it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Pick <see cref="AtomicCounter"/> when the value is read often or used by the code itself (ids, sequence
    /// numbers, "is this the last one?" checks). For statistics written far more often than they are read, from
    /// many threads at once, <see cref="StripedCounter"/> scales better.
    /// </para>
    /// <para>
    /// Arithmetic wraps on overflow, like unchecked <see cref="long"/> arithmetic:
    /// <see cref="long.MaxValue"/> + 1 is <see cref="long.MinValue"/>. Reads never tear, also on 32-bit runtimes.
    /// </para>
    /// <para>
    /// To publish it as a .NET metric, see <see cref="MeterExtensions"/>: an observable counter if it only goes up,
    /// an observable up-down counter otherwise.
    /// </para>
    /// <para>
    /// This is a class on purpose: a copied struct counter would silently split the count in two.
    /// </para>
    /// </remarks>
    [DebuggerDisplay("{Value}")]
    public sealed class AtomicCounter
    {
        private long _value;

        /// <summary>Creates a counter that starts at zero.</summary>
        public AtomicCounter()
        {
        }

        /// <summary>Creates a counter that starts at <paramref name="initialValue"/>.</summary>
        /// <param name="initialValue">The starting value.</param>
        public AtomicCounter(long initialValue)
        {
            _value = initialValue;
        }

        /// <summary>
        /// The current value: an atomic, untorn read with acquire semantics (a volatile read on 64-bit runtimes,
        /// <c>Interlocked.Read</c> on 32-bit ones).
        /// </summary>
        public long Value => Memory64.Read(ref _value);

        /// <summary>Atomically adds one.</summary>
        /// <returns>The new value (the value after this increment).</returns>
        public long Increment() => Interlocked.Increment(ref _value);

        /// <summary>Atomically subtracts one.</summary>
        /// <returns>The new value (the value after this decrement).</returns>
        public long Decrement() => Interlocked.Decrement(ref _value);

        /// <summary>Atomically adds <paramref name="value"/> (which may be negative); wraps on overflow.</summary>
        /// <param name="value">The amount to add.</param>
        /// <returns>The new value (the value after this addition).</returns>
        public long Add(long value) => Interlocked.Add(ref _value, value);

        /// <summary>Atomically replaces the value with <paramref name="value"/>.</summary>
        /// <param name="value">The value to store.</param>
        /// <returns>The original value (the value just before the exchange).</returns>
        public long Exchange(long value) => Interlocked.Exchange(ref _value, value);

        /// <summary>
        /// Atomically stores <paramref name="value"/> if the current value equals <paramref name="comparand"/>.
        /// </summary>
        /// <param name="value">The value stored when the comparison succeeds.</param>
        /// <param name="comparand">The value the counter must hold for the store to happen.</param>
        /// <returns>
        /// The original value (the value just before the operation). The store happened exactly when the result
        /// equals <paramref name="comparand"/>.
        /// </returns>
        public long CompareExchange(long value, long comparand) => Interlocked.CompareExchange(ref _value, value, comparand);

        /// <summary>Atomically sets the value to zero. Use <see cref="Exchange"/> with 0 to also get the old value.</summary>
        public void Reset() => Interlocked.Exchange(ref _value, 0);

        /// <summary>The current value, formatted with the invariant culture.</summary>
        /// <returns>The decimal representation of <see cref="Value"/>.</returns>
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }
}
