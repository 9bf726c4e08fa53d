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
    /// bytes sent, cache hits).
    /// </summary>
    /// <remarks>
    /// <para>
    /// An uncontended counter is one cell updated with one read and one <see cref="Interlocked.Add(ref long, long)"/>.
    /// The read tells whether another thread wrote the cell in between; the first time two threads collide the counter
    /// spreads its writes over a small set of cells, each on its own 128-byte block so that no two cells share a
    /// cache line (or an adjacent-line prefetch pair). Each thread keeps a probe that picks its cell and is
    /// rehashed when it collides with another thread; while collisions continue the number of cells doubles, up
    /// to twice the processor count rounded up to a power of two and never more than 64 cells (8 KiB). The cells
    /// never shrink and never move, so nothing is lost when threads exit or when the cell set grows.
    /// </para>
    /// <para>
    /// <see cref="Value"/> is the sum of the cells. It is exact when no update is running, but it is not a snapshot
    /// while writers run: an update that runs concurrently with the read may or may not be included, and two
    /// concurrent updates may be seen in either order. Use <see cref="AtomicCounter"/> when the value is read often
    /// or drives decisions.
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
        /// <summary>Longs per cell: 16 longs are 128 bytes, two cache lines.</summary>
        private const int Stride = 16;

        /// <summary>Upper bound on the number of segments; the cell count is 2^segments.</summary>
        private static readonly int s_maxSegments = ComputeMaxSegments(Environment.ProcessorCount);

        /// <summary>The single cell used until the first contention, and drained/reset with the others.</summary>
        private long _base;

        /// <summary>
        /// Null until the first contention. Otherwise segment 0 holds cells 0-1 and segment k (k &gt;= 1) holds cells
        /// 2^k .. 2^(k+1)-1, so the cell count is 2^Length. Growing appends a segment: existing cells never move.
        /// Each segment is a flat array; cell j of a segment is element (j + 1) * 16, which keeps every cell 128 bytes
        /// away from the array's length field and from its neighbours.
        /// </summary>
        private long[][]? _segments;

        /// <summary>1 while a thread creates or grows the segments.</summary>
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
                long[][]? segments = Volatile.Read(ref _segments);
                if (segments is not null)
                {
                    foreach (long[] segment in segments)
                    {
                        for (int i = Stride; i < segment.Length; i += Stride)
                        {
                            sum = unchecked(sum + Memory64.Read(ref segment[i]));
                        }
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
                long[][]? segments = Volatile.Read(ref _segments);
                return segments is null ? 0 : 1 << segments.Length;
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
            long[][]? segments = _segments;
            if (segments is null)
            {
                long current = _base;
                if (Interlocked.Add(ref _base, value) != unchecked(current + value))
                {
                    OnContention(null);
                }
            }
            else
            {
                ref long cell = ref CellOf(segments, StripeProbe.Current);
                long current = cell;
                if (Interlocked.Add(ref cell, value) != unchecked(current + value))
                {
                    OnContention(segments);
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
            long[][]? segments = Volatile.Read(ref _segments);
            if (segments is not null)
            {
                foreach (long[] segment in segments)
                {
                    for (int i = Stride; i < segment.Length; i += Stride)
                    {
                        sum = unchecked(sum + Interlocked.Exchange(ref segment[i], 0));
                    }
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
        internal static int MaxCells => 1 << s_maxSegments;

        /// <summary>Stripes the counter and grows it to at least <paramref name="cells"/> cells (tests, benchmarks).</summary>
        /// <param name="cells">The wanted cell count, a power of two.</param>
        /// <param name="ignoreCap">Whether to grow past <see cref="MaxCells"/> (up to 64), to measure reads of a big counter.</param>
        internal void GrowTo(int cells, bool ignoreCap = false)
        {
            int maxSegments = ignoreCap ? 6 : s_maxSegments;
            while (CellCount < cells && (_segments is null || _segments.Length < maxSegments))
            {
                while (!TryEnterGrowLock())
                {
                    Thread.Yield();
                }

                try
                {
                    long[][]? segments = _segments;
                    if (segments is null)
                    {
                        Volatile.Write(ref _segments, new[] { NewSegment(2) });
                    }
                    else
                    {
                        Grow(segments);
                    }
                }
                finally
                {
                    ExitGrowLock();
                }
            }
        }

        /// <summary>
        /// The slow path, after an update (already applied) found that another thread wrote the same cell between
        /// its read and its add. Stripes an unstriped counter; otherwise moves the thread to another cell, and grows
        /// the cells when a thread that had already been placed collides again.
        /// </summary>
        /// <param name="segments">The segments the colliding update used; null if it used the base cell.</param>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void OnContention(long[][]? segments)
        {
            int probe = StripeProbe.Current;
            bool placed = probe != 0;
            if (!placed)
            {
                probe = InitialProbe();
            }
            else
            {
                probe = Rehash(probe);
            }

            StripeProbe.Current = probe;
            if ((segments is null || (placed && segments.Length < s_maxSegments)) && TryEnterGrowLock())
            {
                try
                {
                    // Another thread may have striped or grown the counter since; then its growth is enough.
                    if (_segments == segments)
                    {
                        if (segments is null)
                        {
                            Volatile.Write(ref _segments, new[] { NewSegment(2) });
                        }
                        else
                        {
                            Grow(segments);
                        }
                    }
                }
                finally
                {
                    ExitGrowLock();
                }
            }
        }

        /// <summary>Appends a segment that doubles the cell count. Caller holds the grow lock.</summary>
        private void Grow(long[][] segments)
        {
            var grown = new long[segments.Length + 1][];
            Array.Copy(segments, grown, segments.Length);
            grown[segments.Length] = NewSegment(1 << segments.Length);
            Volatile.Write(ref _segments, grown);
        }

        private bool TryEnterGrowLock()
            => Volatile.Read(ref _growing) == 0 && Interlocked.CompareExchange(ref _growing, 1, 0) == 0;

        private void ExitGrowLock() => Volatile.Write(ref _growing, 0);

        /// <summary>A segment of <paramref name="cells"/> cells plus one leading block of padding.</summary>
        private static long[] NewSegment(int cells) => new long[(cells + 1) * Stride];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int IndexInSegment(int cellInSegment) => (cellInSegment + 1) * Stride;

        /// <summary>The cell a probe selects: cell i = probe mod 2^Length, found in segment log2(i).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ref long CellOf(long[][] segments, int probe)
        {
            int i = probe & ((1 << segments.Length) - 1);
            int segment = Log2(i);
            return ref segments[segment][IndexInSegment(i & (((1 << segment) - 1) | 1))];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Log2(int value)
        {
#if NET8_0_OR_GREATER
            return System.Numerics.BitOperations.Log2((uint)value);
#else
            int log = 0;
            while ((value >>= 1) != 0)
            {
                log++;
            }

            return log;
#endif
        }

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

        /// <summary>log2 of the cell cap: twice the processor count, rounded up to a power of two, in [2, 64].</summary>
        internal static int ComputeMaxSegments(int processorCount)
        {
            int cells = 2;
            int segments = 1;
            while (cells < processorCount * 2 && cells < 64)
            {
                cells <<= 1;
                segments++;
            }

            return segments;
        }
    }
}
