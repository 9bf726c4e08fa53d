using System;
using System.Runtime.CompilerServices;

namespace Tally.Internal
{
    /// <summary>
    /// The calling thread's cells, one per <see cref="PerThreadCounter"/> slot, and the object whose finalizer
    /// folds them into their counters when the thread exits.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <see cref="t_cells"/> is what the hot path reads: an array indexed by the counter's slot. <see cref="t_owner"/>
    /// holds the same array; nothing but the thread's statics references the owner. When the thread exits the
    /// runtime drops its thread statics, the owner becomes unreachable, and its finalizer retires every cell it
    /// holds (the runtime's own per-thread counters and <c>ThreadLocal&lt;T&gt;</c> rely on the same release of thread
    /// statics). Finalization happens after the thread's last write, so the retired count is the cell's final count.
    /// </para>
    /// <para>
    /// The statics live in this class, which has no static constructor, so reading them needs no
    /// class-initialisation check on the hot path.
    /// </para>
    /// </remarks>
    internal sealed class ThreadCells
    {
        /// <summary>The thread's cells by counter slot; unused entries hold <see cref="PerThreadCell.Empty"/>.</summary>
        [ThreadStatic]
        internal static PerThreadCell[]? t_cells;

        [ThreadStatic]
        private static ThreadCells? t_owner;

        private PerThreadCell[] _cells;

        private ThreadCells(PerThreadCell[] cells)
        {
            _cells = cells;
        }

        /// <summary>The thread exited: its cells will never be written again; fold them into their counters.</summary>
        ~ThreadCells()
        {
            // .NET Framework runs every finalizer at process exit, also those of threads still running: leave
            // their counts where they are (nobody reads them any more).
            if (Environment.HasShutdownStarted)
            {
                return;
            }

            foreach (PerThreadCell cell in _cells)
            {
                cell.Registry?.Retire(cell);
            }
        }

        /// <summary>
        /// The calling thread's cell for the counter in <paramref name="slot"/> whose state is
        /// <paramref name="registry"/>: creates the thread's table or grows it, retires a cell left in the slot by a
        /// counter that used it before (its count goes to that counter, nothing is lost), and registers a new cell.
        /// </summary>
        /// <param name="slot">The counter's slot.</param>
        /// <param name="registry">The counter's state.</param>
        /// <returns>The thread's cell for that counter.</returns>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static PerThreadCell CellFor(int slot, CellRegistry registry)
        {
            PerThreadCell[]? cells = t_cells;
            if (cells is null || slot >= cells.Length)
            {
                cells = Grow(cells, slot);
            }

            PerThreadCell current = cells[slot];
            if (current.Registry == registry)
            {
                return current;
            }

            current.Registry?.Retire(current);
            PerThreadCell cell = registry.Register();
            cells[slot] = cell;
            return cell;
        }

        /// <summary>The number of non-empty cells the calling thread holds (tests).</summary>
        internal static int CellsOfCurrentThread()
        {
            int count = 0;
            foreach (PerThreadCell cell in t_cells ?? Array.Empty<PerThreadCell>())
            {
                count += cell.Registry is null ? 0 : 1;
            }

            return count;
        }

        /// <summary>Gives the thread a table that holds <paramref name="slot"/>, keeping the cells it already has.</summary>
        private static PerThreadCell[] Grow(PerThreadCell[]? cells, int slot)
        {
            int length = cells?.Length ?? 0;
            int newLength = Math.Max(4, length * 2);
            while (newLength <= slot)
            {
                newLength *= 2;
            }

            var grown = new PerThreadCell[newLength];
            if (cells is not null)
            {
                Array.Copy(cells, grown, length);
            }

            for (int i = length; i < newLength; i++)
            {
                grown[i] = PerThreadCell.Empty;
            }

            // The owner first: whatever happens next, the cells in the table are retired when the thread exits.
            if (t_owner is null)
            {
                t_owner = new ThreadCells(grown);
            }
            else
            {
                t_owner._cells = grown;
            }

            t_cells = grown;
            return grown;
        }
    }
}
