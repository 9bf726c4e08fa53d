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
    /// <b>Updates.</b> <see cref="Add"/> finds the calling thread's cell (a thread-static table indexed by the
    /// counter's slot) and adds to it with an ordinary load and store: no other thread ever writes that cell, so
    /// no update can be lost, and threads never fight over a cache line (each cell is padded to its own line).
    /// The first update from a thread creates its cell (an allocation and a short lock); every later one is a few
    /// loads and one store. On 32-bit processes the store is an <see cref="Interlocked.Exchange(ref long, long)"/>
    /// so that readers never see a torn value.
    /// </para>
    /// <para>
    /// <b>Threads that exit.</b> Each thread's cells are held by a per-thread object with a finalizer. When the
    /// thread exits, the runtime releases its thread statics and the GC finalizes that object, which moves each
    /// cell's final count into the counter's retired total and drops the cell, under the lock every read takes:
    /// nothing is lost or counted twice, and thread churn leaves no cells behind once the GC has run. Until then an
    /// exited thread's cell is still summed, so its count is in <see cref="Value"/> all along.
    /// </para>
    /// <para>
    /// <b>Reads.</b> <see cref="Value"/> takes the counter's lock and adds the retired total to one untorn read per
    /// cell: its cost grows linearly with the number of threads that have updated this counter and not yet been
    /// finalized (about one cache miss per cell being written at that moment). Like
    /// <see cref="StripedCounter.Value"/> it is exact when no update runs concurrently, but it is a sum taken while
    /// others write, not a snapshot: an update that runs during the read may or may not be included, and two
    /// concurrent updates from different threads may be seen in either order (so a sum taken while one thread adds
    /// and another subtracts may show a value the counter never held). Use <see cref="AtomicCounter"/> when the
    /// value drives decisions.
    /// </para>
    /// <para>
    /// <b>Metrics.</b> Accepts decrements, and <see cref="Drain"/> and <see cref="Reset"/> take it back down, so it is
    /// a monotonic counter in the metrics sense only if you only ever add non-negative amounts. To publish it, see
    /// <see cref="MeterExtensions"/>.
    /// </para>
    /// <para>
    /// <b>Memory.</b> Per thread and counter: one cell of 144 bytes on x64 (128 bytes of padded fields and the
    /// object header), plus one reference in the thread's table and one in the counter's list. Per thread: one
    /// small object and the table (8 bytes per slot, sized to the highest slot the thread has used). Slots are
    /// reused after a counter is garbage-collected, so tables are as long as the most counters alive at once, not
    /// the number ever created. Create counters once (static or long-lived fields), not per operation.
    /// </para>
    /// <para>
    /// <b>Faults.</b> No operation throws <see cref="ThreadInterruptedException"/> part-way: a call that waits for
    /// the counter's lock when <see cref="Thread.Interrupt"/> arrives completes, and the interrupt is handed back to
    /// the thread for its next blocking call. A thread that ends with an exception keeps its counts like any other.
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
        /// <summary>The index of this counter's cell in every thread's table.</summary>
        private readonly int _slot;

        /// <summary>The cells and the retired total; compared with each cell's owner on every update.</summary>
        private readonly CellRegistry _registry;

        /// <summary>Creates a counter that starts at zero.</summary>
        public PerThreadCounter()
        {
            _slot = CounterSlots.Allocate();
            _registry = new CellRegistry();
        }

        /// <summary>
        /// A counter in <paramref name="slot"/>, which it shares and never releases (tests: two live counters in one
        /// slot, as after a slot is reused while a finalizer still uses the counter that held it).
        /// </summary>
        /// <param name="slot">The slot to use.</param>
        internal PerThreadCounter(int slot)
        {
            _slot = slot;
            _registry = new CellRegistry();
            GC.SuppressFinalize(this);
        }

        /// <summary>Returns the counter's slot for reuse; the cells keep their counts until their threads move on.</summary>
        ~PerThreadCounter()
        {
            // Null only if the constructor threw; a slot it may have taken then stays taken, which costs nothing but
            // table length.
            if (_registry is not null)
            {
                CounterSlots.Release(_slot);
            }
        }

        /// <summary>
        /// The retired total plus every live thread's cell, read untorn under the counter's lock. Exact when no
        /// update runs concurrently; while writers run it is a sum, not a snapshot (see the remarks on
        /// <see cref="PerThreadCounter"/>). Costs one read per thread that has updated the counter.
        /// </summary>
        public long Value => _registry.Sum();

        /// <summary>The number of cells a read sums: threads that have updated the counter and not yet been finalized.</summary>
        internal int LiveCells => _registry.LiveCells;

        /// <summary>The length of the array behind the list of cells (tests).</summary>
        internal int CellListCapacity => _registry.Capacity;

        /// <summary>The lock every membership change and read takes (tests hold it to make a thread wait).</summary>
        internal object SyncRoot => _registry;

        /// <summary>The slot this counter's cells occupy in every thread's table (tests).</summary>
        internal int Slot => _slot;

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
            PerThreadCell[]? cells = ThreadCells.t_cells;
            int slot = _slot;
            if (cells is not null && (uint)slot < (uint)cells.Length)
            {
                PerThreadCell cell = cells[slot];
                if (cell.Registry == _registry)
                {
                    Write(cell, value);
                    return;
                }
            }

            AddToNewCell(value);
        }

        /// <summary>
        /// Takes out the current <see cref="Value"/>, leaving the counter at zero if nothing is added meanwhile, and
        /// returns what it took. Nothing is lost or counted twice: under any concurrent updates, the sum of
        /// everything drained plus the final <see cref="Value"/> equals the sum of everything added, and each
        /// concurrent update is either in the drained sum or stays in the counter. (The cells are not written: the
        /// amount taken is subtracted from the counter's retired total, under the lock.) Use it to publish
        /// per-interval statistics; never behind a cumulative metric (see <see cref="MeterExtensions"/>).
        /// </summary>
        /// <returns>The sum drained (wrapped like <see cref="long"/> arithmetic).</returns>
        public long Drain() => _registry.Drain();

        /// <summary>
        /// Sets the counter to zero by draining it (see <see cref="Drain"/>): an update that runs concurrently is
        /// either discarded with the reset or kept in full, never half-applied.
        /// </summary>
        public void Reset() => _registry.Drain();

        /// <summary>The current <see cref="Value"/>, formatted with the invariant culture.</summary>
        /// <returns>The decimal representation of <see cref="Value"/>.</returns>
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

        /// <summary>The owner's update of its own cell: a plain store on 64-bit processes, untorn everywhere.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Write(PerThreadCell cell, long value)
        {
            if (IntPtr.Size == 8)
            {
                cell.Value = unchecked(cell.Value + value);
            }
            else
            {
                // A 32-bit process may tear a plain 64-bit store; readers use Interlocked.Read there too.
                Interlocked.Exchange(ref cell.Value, unchecked(cell.Value + value));
            }
        }

        /// <summary>The first update from this thread (or after the slot changed hands): find or make the cell.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void AddToNewCell(long value) => Write(ThreadCells.CellFor(_slot, _registry), value);
    }
}
