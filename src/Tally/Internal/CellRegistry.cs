using System;
using System.Threading;

namespace Tally.Internal
{
    /// <summary>
    /// The shared state of one <see cref="PerThreadCounter"/>: the cells of the threads that count into it and the
    /// total of the cells that have been retired (threads that exited, or cells evicted from a reused slot).
    /// </summary>
    /// <remarks>
    /// Every change of membership and every read of the total happens under this object's lock (taken with
    /// <see cref="Gate"/>, so an interrupt cannot break an operation off half-way), so moving a
    /// cell's count into <see cref="_retired"/> and dropping the cell from the list is one atomic step for readers:
    /// a count is never missed and never counted twice. The cells themselves are written by their owners without
    /// the lock (and without LOCK-prefixed instructions); readers read them untorn.
    /// Kept apart from <see cref="PerThreadCounter"/> so that cells (reachable from thread statics) do not keep the
    /// public counter alive: the counter's finalizer can then return its slot for reuse.
    /// </remarks>
    internal sealed class CellRegistry
    {
        private const int MinCapacity = 4;

        /// <summary>The live cells, packed in [0, <see cref="_count"/>); each knows its own index.</summary>
        private PerThreadCell[] _cells = new PerThreadCell[MinCapacity];

        private int _count;

        /// <summary>The sum of every retired cell, minus everything drained. Wraps like <see cref="long"/>.</summary>
        private long _retired;

        /// <summary>The number of cells still summed on every read (tests, docs).</summary>
        internal int LiveCells
        {
            get
            {
                Gate.Enter(this);
                try
                {
                    return _count;
                }
                finally
                {
                    Monitor.Exit(this);
                }
            }
        }

        /// <summary>The length of the list's array: shrinks again after thread churn (tests).</summary>
        internal int Capacity
        {
            get
            {
                Gate.Enter(this);
                try
                {
                    return _cells.Length;
                }
                finally
                {
                    Monitor.Exit(this);
                }
            }
        }

        /// <summary>Creates a cell for the calling thread and adds it to the list.</summary>
        /// <returns>The new cell, at zero.</returns>
        internal PerThreadCell Register()
        {
            var cell = new PerThreadCell(this);
            Gate.Enter(this);
            try
            {
                if (_count == _cells.Length)
                {
                    Array.Resize(ref _cells, _cells.Length * 2);
                }

                cell.Index = _count;
                _cells[_count++] = cell;
            }
            finally
            {
                Monitor.Exit(this);
            }

            return cell;
        }

        /// <summary>
        /// Moves <paramref name="cell"/>'s count into the retired total and drops the cell. The caller guarantees that
        /// nobody writes the cell any more: its owner has exited (the caller is the owner's finalizer) or is the caller.
        /// Retiring a cell twice is harmless.
        /// </summary>
        /// <param name="cell">A cell of this registry.</param>
        internal void Retire(PerThreadCell cell)
        {
            Gate.Enter(this);
            try
            {
                int index = cell.Index;
                if (index < 0)
                {
                    return;
                }

                _retired = unchecked(_retired + Memory64.Read(ref cell.Value));
                cell.Index = -1;
                PerThreadCell last = _cells[--_count];
                _cells[_count] = null!;
                if (index != _count)
                {
                    _cells[index] = last;
                    last.Index = index;
                }

                // Thread churn must not leave a big list behind: halve it when it is three-quarters empty.
                if (_cells.Length > MinCapacity && _count <= _cells.Length / 4)
                {
                    Shrink();
                }
            }
            finally
            {
                Monitor.Exit(this);
            }
        }

        /// <summary>The retired total plus every live cell, read untorn under the lock.</summary>
        /// <returns>The sum, wrapped like <see cref="long"/> arithmetic.</returns>
        internal long Sum()
        {
            Gate.Enter(this);
            try
            {
                return SumLocked();
            }
            finally
            {
                Monitor.Exit(this);
            }
        }

        /// <summary>
        /// Takes out the current sum by subtracting it from the retired total; the cells are not written (their
        /// owners write them without atomics), so each concurrent update is either in the returned sum or stays.
        /// </summary>
        /// <returns>The sum taken.</returns>
        internal long Drain()
        {
            Gate.Enter(this);
            try
            {
                long sum = SumLocked();
                _retired = unchecked(_retired - sum);
                return sum;
            }
            finally
            {
                Monitor.Exit(this);
            }
        }

        /// <summary>
        /// Halves the list. Best effort: it runs on the finalizer thread, where an exception would end the process,
        /// and a list that stays bigger is still correct.
        /// </summary>
        private void Shrink()
        {
            try
            {
                Array.Resize(ref _cells, _cells.Length / 2);
            }
            catch (OutOfMemoryException)
            {
            }
        }

        private long SumLocked()
        {
            long sum = _retired;
            PerThreadCell[] cells = _cells;
            for (int i = 0; i < _count; i++)
            {
                sum = unchecked(sum + Memory64.Read(ref cells[i].Value));
            }

            return sum;
        }
    }
}
