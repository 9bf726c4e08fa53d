using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Tally.Internal;

namespace Tally
{
    /// <summary>
    /// A 64-bit counter in which every thread adds to a cell of its own with plain writes (no LOCK-prefixed
    /// instruction, no compare-exchange); a read sums the cells. The cheapest exact counter for statistics that
    /// many threads write all the time and something reads now and then (events handled, bytes copied, cache
    /// hits). Accepts decrements.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Updates.</b> Every thread that updates a <see cref="PerThreadCounter"/> gets a slot, a small number that is
    /// the same in every counter; each counter keeps one array of cells, one padded 128-byte cell per slot. An
    /// update reads the thread's slot (one thread-static <see cref="int"/>), checks it against the array's length and
    /// adds to the cell with an ordinary load and store: no other thread writes that cell, so no update can be lost,
    /// and no two threads' cells share a cache line. The first update from a thread takes a slot (a short lock), and
    /// an update from a slot beyond the counter's array grows the array (an allocation and the counter's lock);
    /// every other update is those few instructions. On 32-bit processes the store is an
    /// <see cref="Interlocked.Exchange(ref long, long)"/> so that readers never see a torn value.
    /// </para>
    /// <para>
    /// <b>Threads that exit.</b> When a thread exits, the runtime drops its thread statics and the GC finalizes the
    /// small object that holds its slot, which gives the slot back. The next thread that takes the slot carries on
    /// each counter's cell from where the exited thread left it: the exited thread's counts stay in the cells, so
    /// nothing is lost, moved or counted twice, and thread churn does not make the arrays grow once the GC has run.
    /// </para>
    /// <para>
    /// <b>Reads.</b> <see cref="Value"/> takes the counter's lock and adds one untorn read per slot of its array (and
    /// of the shorter arrays it replaced when it grew, which may still hold counts) to what <see cref="Drain"/> has
    /// taken out: its cost grows linearly with the number of slots, that is with the most threads that have updated
    /// counters at once. Like <see cref="StripedCounter.Value"/> it is exact when no update runs concurrently, but it
    /// is a sum taken while others write, not a snapshot: an update that runs during the read may or may not be
    /// included, and two concurrent updates from different threads may be seen in either order (so a sum taken while
    /// one thread adds and another subtracts may show a value the counter never held). Use
    /// <see cref="AtomicCounter"/> when the value drives decisions.
    /// </para>
    /// <para>
    /// <b>Metrics.</b> Accepts decrements, and <see cref="Drain"/> and <see cref="Reset"/> take it back down, so it is
    /// a monotonic counter in the metrics sense only if you only ever add non-negative amounts. To publish it, see
    /// <see cref="MeterExtensions"/>.
    /// </para>
    /// <para>
    /// <b>Memory.</b> Per counter: its array, 128 bytes per slot, sized to a power of two (at least 4 slots) that
    /// covers the highest slot of a thread that has updated it, plus the shorter arrays it replaced while growing
    /// (together less than the current one), plus a lock object. Per thread: one 4-byte thread static and one small
    /// finalizable object. Slots are handed out lowest first and reused after their threads exit, so arrays are as
    /// long as the most threads that have updated counters at once, not the number of threads ever started. A
    /// counter has no finalizer and nothing per thread refers to it: a counter nobody references is collected like
    /// any other object. Create counters once (static or long-lived fields), not per operation.
    /// </para>
    /// <para>
    /// <b>Faults.</b> No operation throws <see cref="ThreadInterruptedException"/> part-way: a call that waits for
    /// a lock when <see cref="Thread.Interrupt"/> arrives completes, and the interrupt is handed back to the thread
    /// for its next blocking call. A thread that ends with an exception keeps its counts like any other.
    /// </para>
    /// <para>
    /// Arithmetic wraps on overflow like unchecked <see cref="long"/> arithmetic: the cells wrap independently and
    /// the sum wraps, so <see cref="Value"/> is always the wrapped total of everything added.
    /// </para>
    /// <para>This is a class on purpose: a copied struct counter would silently split the count in two.</para>
    /// </remarks>
    [DebuggerDisplay("{Value}")]
    public sealed class PerThreadCounter
    {
        /// <summary>Slots in the first array a counter allocates.</summary>
        private const int MinSlots = 4;

        /// <summary>
        /// One 16-long cell per slot, the count of slot <c>s</c> at <c>s * 16 + 8</c>; empty until the first update.
        /// Read on every update, replaced (never copied) under <see cref="_gate"/> when a thread's slot is beyond it.
        /// </summary>
        private long[] _cells;

        /// <summary>
        /// The arrays <see cref="_cells"/> replaced, shortest first. A thread that read the old array just before it
        /// was replaced may still add to it, so they are summed on every read; together they are shorter than
        /// <see cref="_cells"/>. Guarded by <see cref="_gate"/>.
        /// </summary>
        private long[][] _replaced;

        /// <summary>Minus the sum of everything <see cref="Drain"/> took out. Wraps. Guarded by <see cref="_gate"/>.</summary>
        private long _base;

        /// <summary>Taken by reads, drains and growth; never by an ordinary update.</summary>
        private readonly object _gate;

        /// <summary>Creates a counter that starts at zero.</summary>
        public PerThreadCounter()
        {
            _cells = Array.Empty<long>();
            _replaced = Array.Empty<long[]>();
            _gate = new object();
        }

        /// <summary>
        /// The sum of every cell, including those of threads that have exited, less what <see cref="Drain"/> took
        /// out, read untorn under the counter's lock. Exact when no update runs concurrently; while writers run it is
        /// a sum, not a snapshot (see the remarks on <see cref="PerThreadCounter"/>). Costs one read per slot.
        /// </summary>
        public long Value
        {
            get
            {
                Gate.Enter(_gate);
                try
                {
                    return SumLocked();
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
            }
        }

        /// <summary>The number of slots the counter's current array holds (tests, benchmarks).</summary>
        internal int SlotCapacity => Volatile.Read(ref _cells).Length / ThreadSlot.CellLength;

        /// <summary>The number of arrays replaced by growth and still summed (tests).</summary>
        internal int ReplacedArrays
        {
            get
            {
                Gate.Enter(_gate);
                try
                {
                    return _replaced.Length;
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
            }
        }

        /// <summary>The lock reads, drains and growth take (tests hold it to make a thread wait).</summary>
        internal object SyncRoot => _gate;

        /// <summary>Adds one to the calling thread's cell. Never lost, never torn; wraps on overflow.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Increment() => Add(1);

        /// <summary>Subtracts one from the calling thread's cell. Never lost, never torn; wraps on overflow.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Decrement() => Add(-1);

        /// <summary>
        /// Adds <paramref name="value"/> (which may be negative) to the calling thread's cell with a plain load and
        /// store. Never lost, never torn; wraps on overflow.
        /// </summary>
        /// <param name="value">The amount to add.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long value)
        {
            // The counter's field first, then the thread static: reading the field also checks this for null,
            // which the JIT would otherwise do with an extra load in front of the thread-static access.
            long[] cells = _cells;
            int index = ~ThreadSlot.t_notIndex;
            if ((uint)index < (uint)cells.Length)
            {
                Write(ref cells[index], value);
                return;
            }

            AddSlow(value);
        }

        /// <summary>
        /// Takes out the current <see cref="Value"/>, leaving the counter at zero if nothing is added meanwhile, and
        /// returns what it took. Nothing is lost or counted twice: under any concurrent updates, the sum of
        /// everything drained plus the final <see cref="Value"/> equals the sum of everything added, and each
        /// concurrent update is either in the drained sum or stays in the counter. (The cells are not written: the
        /// amount taken is subtracted from the counter's base, under the lock.) Use it to publish per-interval
        /// statistics; never behind a cumulative metric (see <see cref="MeterExtensions"/>).
        /// </summary>
        /// <returns>The sum drained (wrapped like <see cref="long"/> arithmetic).</returns>
        public long Drain()
        {
            Gate.Enter(_gate);
            try
            {
                long sum = SumLocked();
                _base = unchecked(_base - sum);
                return sum;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        /// <summary>
        /// Sets the counter to zero by draining it (see <see cref="Drain"/>): an update that runs concurrently is
        /// either discarded with the reset or kept in full, never half-applied.
        /// </summary>
        public void Reset() => Drain();

        /// <summary>The current <see cref="Value"/>, formatted with the invariant culture.</summary>
        /// <returns>The decimal representation of <see cref="Value"/>.</returns>
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

        /// <summary>The owner's update of its own cell: a plain store on 64-bit processes, untorn everywhere.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Write(ref long cell, long value)
        {
            if (IntPtr.Size == 8)
            {
                cell = unchecked(cell + value);
            }
            else
            {
                // A 32-bit process may tear a plain 64-bit store; readers use Interlocked.Read there too.
                Interlocked.Exchange(ref cell, unchecked(cell + value));
            }
        }

        private static long SumCells(long[] cells)
        {
            long sum = 0;
            for (int i = ThreadSlot.CountOffset; i < cells.Length; i += ThreadSlot.CellLength)
            {
                sum = unchecked(sum + Memory64.Read(ref cells[i]));
            }

            return sum;
        }

        /// <summary>The first update from this thread, or from a slot beyond the array: take a slot, grow the array.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void AddSlow(long value)
        {
            int index = ThreadSlot.IndexOfCurrentThread();
            Write(ref CellsHolding(index)[index], value);
        }

        /// <summary>
        /// The counter's array, replaced by a longer one first if it does not reach <paramref name="index"/>. The old
        /// array is kept and summed, not copied: its cells' owners may still be adding to it.
        /// </summary>
        private long[] CellsHolding(int index)
        {
            Gate.Enter(_gate);
            try
            {
                long[] cells = _cells;
                if (index < cells.Length)
                {
                    return cells;
                }

                int slots = Math.Max(MinSlots, cells.Length / ThreadSlot.CellLength * 2);
                while (slots * ThreadSlot.CellLength <= index)
                {
                    slots *= 2;
                }

                var grown = new long[slots * ThreadSlot.CellLength];
                if (cells.Length > 0)
                {
                    long[][] replaced = new long[_replaced.Length + 1][];
                    Array.Copy(_replaced, replaced, _replaced.Length);
                    replaced[_replaced.Length] = cells;
                    _replaced = replaced;
                }

                Volatile.Write(ref _cells, grown);
                return grown;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        private long SumLocked()
        {
            long sum = unchecked(_base + SumCells(_cells));
            foreach (long[] cells in _replaced)
            {
                sum = unchecked(sum + SumCells(cells));
            }

            return sum;
        }
    }
}
