using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using Tally.Internal;

namespace Tally
{
    /// <summary>
    /// A 64-bit counter optimised for writes: many threads can add to it at once without fighting over one
    /// cache line. Use it for statistics that are written far more often than they are read (requests served,
    /// bytes sent, cache hits). Accepts decrements (<see cref="Decrement"/>, a negative <see cref="Add"/>), and
    /// <see cref="Drain"/> and <see cref="Reset"/> take it back to zero, so it is not a monotonic counter in the
    /// metrics sense unless you only ever add non-negative amounts. <see cref="Value"/> is a sum taken while others
    /// write, not a snapshot.
    /// </summary>
    /// <remarks>
    /// <para>
    /// An uncontended counter is one cell updated with one read and one <see cref="Interlocked.Add(ref long, long)"/>.
    /// The read tells whether another thread wrote the cell in between; the update itself is never retried. The
    /// first time two threads collide the counter spreads its writes over two cells, each in its own 152-byte
    /// array so that no two cells share a cache line. Each thread keeps a probe (one per thread, shared by all
    /// counters) that picks its cell and is rehashed when it collides with another thread; while collisions
    /// continue the number of cells doubles, up to twice the processor count rounded up to a power of two and
    /// never more than 64 cells (about 11 KB). Cells never shrink and never move, so nothing is lost when threads
    /// exit or when the cell table grows.
    /// </para>
    /// <para>
    /// <see cref="Value"/> is the sum of the cells, read one after the other. It is exact when no update is running,
    /// but it is not an atomic snapshot while writers run: an update that runs concurrently with the read may or may
    /// not be included, and two concurrent updates may be seen in either order (so a sum taken while one thread adds
    /// and another subtracts may show a value the counter never held). Java's <c>LongAdder.sum()</c> documents the
    /// same. Use <see cref="AtomicCounter"/> when the value is read often or drives decisions, and
    /// <see cref="PerThreadCounter"/> when updates must be cheaper still.
    /// </para>
    /// <para>
    /// To publish it as a .NET metric, see <see cref="MeterExtensions"/>; never drain a counter published as a
    /// cumulative (monotonic) instrument.
    /// </para>
    /// <para>
    /// Arithmetic wraps on overflow like unchecked <see cref="long"/> arithmetic: the cells wrap independently and
    /// the sum wraps, so <see cref="Value"/> is always the wrapped total of everything added. Reads never tear, also
    /// on 32-bit runtimes.
    /// </para>
    /// <para>This is a class on purpose: a copied struct counter would silently split the count in two.</para>
    /// </remarks>
    [DebuggerDisplay("{Value}")]
    public sealed class StripedCounter
    {
        /// <summary>Longs per cell array: 16 longs, 128 bytes of data.</summary>
        private const int CellLength = 16;

        /// <summary>
        /// Where the counted long sits in its cell array: 64 bytes of data plus the 24-byte array header before it,
        /// 56 bytes after it, so two cells allocated together are 152 bytes apart and a cell never shares a cache line
        /// with the array's length or with another cell.
        /// </summary>
        private const int CellSlot = 8;

        /// <summary>The most cells contention can create on this machine (a power of two).</summary>
        private static readonly int s_maxCells = ComputeMaxCells(Environment.ProcessorCount);

        /// <summary>The single cell used until the first contention, and drained/reset with the others.</summary>
        private long _base;

        /// <summary>
        /// Null until the first contention; then a power-of-two number of cells, each its own small array holding
        /// one long at <see cref="CellSlot"/>. Growing publishes a new, twice as long table that holds the same cell
        /// arrays plus new ones: cells never move, so an update made through an old table is never lost.
        /// </summary>
        private long[][]? _cells;

        /// <summary>1 while a thread creates or grows the cell table.</summary>
        private int _growing;

        /// <summary>Creates a counter that starts at zero.</summary>
        public StripedCounter()
        {
        }

        /// <summary>
        /// The sum of all cells, read with untorn volatile reads. Exact when no update runs concurrently; while
        /// writers run it is not a snapshot (see the remarks on <see cref="StripedCounter"/>). Costs one read per
        /// cell in use.
        /// </summary>
        public long Value
        {
            get
            {
                long sum = Memory64.Read(ref _base);
                long[][]? cells = Volatile.Read(ref _cells);
                if (cells is not null)
                {
                    foreach (long[] cell in cells)
                    {
                        sum = unchecked(sum + Memory64.Read(ref cell[CellSlot]));
                    }
                }

                return sum;
            }
        }

        /// <summary>The number of cells writes are spread over: 0 while the counter is one uncontended cell.</summary>
        internal int CellCount
        {
            get
            {
                long[][]? cells = Volatile.Read(ref _cells);
                return cells is null ? 0 : cells.Length;
            }
        }

        /// <summary>Adds one. Never lost, never torn; wraps on overflow.</summary>
        public void Increment() => Add(1);

        /// <summary>Subtracts one. Never lost, never torn; wraps on overflow.</summary>
        public void Decrement() => Add(-1);

        /// <summary>Adds <paramref name="value"/> (which may be negative). Never lost, never torn; wraps on overflow.</summary>
        /// <param name="value">The amount to add.</param>
        /// <remarks>
        /// One read and one <see cref="Interlocked.Add(ref long, long)"/> on the thread's cell. If the result shows
        /// that another thread wrote the same cell in between, the update has still been applied (it is never
        /// retried or lost); the collision only moves this thread to another cell, or stripes the counter.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long value)
        {
            long[][]? cells = _cells;
            if (cells is null)
            {
                long current = _base;
                if (Interlocked.Add(ref _base, value) != unchecked(current + value))
                {
                    OnContention(null);
                }
            }
            else
            {
                ref long cell = ref cells[StripeProbe.Current & (cells.Length - 1)][CellSlot];
                long current = cell;
                if (Interlocked.Add(ref cell, value) != unchecked(current + value))
                {
                    OnContention(cells);
                }
            }
        }

        /// <summary>
        /// Atomically takes the value out of every cell, leaving the counter at zero, and returns the sum taken.
        /// Nothing is lost or counted twice: under any concurrent updates, the sum of everything drained plus the
        /// final <see cref="Value"/> equals the sum of everything added. Use it to publish per-interval statistics.
        /// </summary>
        /// <returns>The sum drained (wrapped like <see cref="long"/> arithmetic).</returns>
        public long Drain()
        {
            long sum = Interlocked.Exchange(ref _base, 0);
            long[][]? cells = Volatile.Read(ref _cells);
            if (cells is not null)
            {
                foreach (long[] cell in cells)
                {
                    sum = unchecked(sum + Interlocked.Exchange(ref cell[CellSlot], 0));
                }
            }

            return sum;
        }

        /// <summary>
        /// Sets the counter to zero by draining every cell (see <see cref="Drain"/>). An update that runs
        /// concurrently is either discarded with the reset or kept in full, never half-applied. The cells stay
        /// allocated.
        /// </summary>
        public void Reset() => Drain();

        /// <summary>The current <see cref="Value"/>, formatted with the invariant culture.</summary>
        /// <returns>The decimal representation of <see cref="Value"/>.</returns>
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

        /// <summary>The most cells contention can create on this machine.</summary>
        internal static int MaxCells => s_maxCells;

        /// <summary>Stripes the counter and grows it to at least <paramref name="cells"/> cells (tests, benchmarks).</summary>
        /// <param name="cells">The wanted cell count, a power of two.</param>
        /// <param name="ignoreCap">Whether to grow past <see cref="MaxCells"/> (up to 64), to measure a big counter.</param>
        internal void GrowTo(int cells, bool ignoreCap = false)
        {
            int max = ignoreCap ? 64 : s_maxCells;
            while (CellCount < cells && CellCount < max)
            {
                while (!TryEnterGrowLock())
                {
                    Thread.Yield();
                }

                try
                {
                    Grow(_cells);
                }
                finally
                {
                    ExitGrowLock();
                }
            }
        }

        /// <summary>
        /// The slow path, after an update (already applied) found that another thread wrote the same cell between
        /// its read and its add. Stripes an unstriped counter; otherwise moves the thread to another cell, and doubles
        /// the cells when a thread that had already been placed collides again.
        /// </summary>
        /// <param name="cells">The cell table the colliding update used; null if it used the base cell.</param>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void OnContention(long[][]? cells)
        {
            int probe = StripeProbe.Current;
            bool placed = probe != 0;
            StripeProbe.Current = placed ? Rehash(probe) : InitialProbe();
            if ((cells is null || (placed && cells.Length < s_maxCells)) && TryEnterGrowLock())
            {
                try
                {
                    // Another thread may have striped or grown the counter since; then its growth is enough.
                    if (_cells == cells)
                    {
                        Grow(cells);
                    }
                }
                finally
                {
                    ExitGrowLock();
                }
            }
        }

        /// <summary>Publishes a table of 2 cells, or of twice the cells holding the old ones. Caller holds the grow lock.</summary>
        private void Grow(long[][]? cells)
        {
            int oldLength = cells?.Length ?? 0;
            var grown = new long[oldLength == 0 ? 2 : oldLength * 2][];
            if (cells is not null)
            {
                Array.Copy(cells, grown, oldLength);
            }

            for (int i = oldLength; i < grown.Length; i++)
            {
                grown[i] = new long[CellLength];
            }

            Volatile.Write(ref _cells, grown);
        }

        private bool TryEnterGrowLock()
            => Volatile.Read(ref _growing) == 0 && Interlocked.CompareExchange(ref _growing, 1, 0) == 0;

        private void ExitGrowLock() => Volatile.Write(ref _growing, 0);

        /// <summary>A non-zero probe derived from the managed thread id; consecutive ids land on different cells.</summary>
        private static int InitialProbe()
        {
            int probe = unchecked((int)((uint)Environment.CurrentManagedThreadId * 0x9E3779B9u));
            return probe == 0 ? 1 : probe;
        }

        /// <summary>Marsaglia xorshift: a non-zero probe stays non-zero.</summary>
        private static int Rehash(int probe)
        {
            uint x = unchecked((uint)probe);
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            return unchecked((int)x);
        }

        /// <summary>The cell cap: twice the processor count rounded up to a power of two, at least 2, at most 64.</summary>
        /// <param name="processorCount">The number of processors.</param>
        /// <returns>The most cells a counter grows to.</returns>
        internal static int ComputeMaxCells(int processorCount)
        {
            int cells = 2;
            while (cells < processorCount * 2 && cells < 64)
            {
                cells <<= 1;
            }

            return cells;
        }
    }
}
