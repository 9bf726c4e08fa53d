using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Tally.Benchmarks
{
    /// <summary>
    /// One thread's increment loop through <see cref="PerThreadCounter"/> beside the update path it replaced (a
    /// thread-static table of cells indexed by the counter's slot, each cell checked against the counter's
    /// registry), so that the two shapes are compared in one run. The previous shape is rebuilt here with only its
    /// hot path and the slow path that fills the table; it is not a counter anyone should use.
    /// </summary>
    public class UpdatePathShapes
    {
        private const int Ops = 1 << 20;

        private readonly PerThreadCounter _current = new();
        private readonly PreviousShape _previous = new(slot: 3);
        private readonly long[] _plain = new long[32];

        [Benchmark(Description = "Interlocked.Increment", Baseline = true, OperationsPerInvoke = Ops)]
        public void Interlocked() => InterlockedLoop(_plain, Ops);

        [Benchmark(Description = "PerThreadCounter (slot array)", OperationsPerInvoke = Ops)]
        public void Current() => CurrentLoop(_current, Ops);

        [Benchmark(Description = "previous shape (thread table + owner check)", OperationsPerInvoke = Ops)]
        public void Previous() => PreviousLoop(_previous, Ops);

        [Benchmark(Description = "plain ++ on a fixed element (limit)", OperationsPerInvoke = Ops)]
        public void Plain() => PlainLoop(_plain, Ops);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void InterlockedLoop(long[] cells, int ops)
        {
            for (int i = 0; i < ops; i++)
            {
                System.Threading.Interlocked.Increment(ref cells[8]);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void CurrentLoop(PerThreadCounter counter, int ops)
        {
            for (int i = 0; i < ops; i++)
            {
                counter.Increment();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void PreviousLoop(PreviousShape counter, int ops)
        {
            for (int i = 0; i < ops; i++)
            {
                counter.Increment();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void PlainLoop(long[] cells, int ops)
        {
            for (int i = 0; i < ops; i++)
            {
                cells[8]++;
            }
        }

        /// <summary>The hot path of the previous <see cref="PerThreadCounter"/>, field for field.</summary>
        private sealed class PreviousShape
        {
            [ThreadStatic]
            private static Cell[]? t_cells;

            private readonly int _slot;
            private readonly object _registry = new();

            public PreviousShape(int slot)
            {
                _slot = slot;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Increment()
            {
                Cell[]? cells = t_cells;
                int slot = _slot;
                if (cells is not null && (uint)slot < (uint)cells.Length)
                {
                    Cell cell = cells[slot];
                    if (cell.Registry == _registry)
                    {
                        cell.Value++;
                        return;
                    }
                }

                AddToNewCell();
            }

            [MethodImpl(MethodImplOptions.NoInlining)]
            private void AddToNewCell()
            {
                Cell[] cells = t_cells ??= new Cell[Math.Max(4, _slot + 1)];
                for (int i = 0; i < cells.Length; i++)
                {
                    cells[i] ??= new Cell(null);
                }

                if (cells[_slot].Registry != _registry)
                {
                    cells[_slot] = new Cell(_registry);
                }

                cells[_slot].Value++;
            }

            [StructLayout(LayoutKind.Explicit)]
            private sealed class Cell
            {
                [FieldOffset(0)]
                public readonly object? Registry;

                [FieldOffset(56)]
                public long Value;

                [FieldOffset(120)]
                public long Padding;

                public Cell(object? registry)
                {
                    Registry = registry;
                }
            }
        }
    }
}
