using System;
using System.Threading;

namespace Tally.Internal
{
    /// <summary>
    /// Hands out the slots that index each thread's cell table, one per live <see cref="PerThreadCounter"/>, and
    /// takes them back when a counter is finalized, so thread tables stay as long as the most counters alive at
    /// once rather than every counter ever created.
    /// </summary>
    /// <remarks>
    /// Correctness never depends on a slot being unique: a thread that finds another counter's cell in a slot
    /// retires that cell into its own counter first (see <see cref="ThreadCells.CellFor"/>).
    /// </remarks>
    internal static class CounterSlots
    {
        private static readonly object s_gate = new object();
        private static int[] s_free = new int[16];
        private static int s_freeCount;
        private static int s_next;

        /// <summary>The number of slots ever handed out: the longest a thread's table can need (tests).</summary>
        internal static int HighWater
        {
            get
            {
                Gate.Enter(s_gate);
                try
                {
                    return s_next;
                }
                finally
                {
                    Monitor.Exit(s_gate);
                }
            }
        }

        /// <summary>A slot no live counter holds: the most recently released one, else a new one.</summary>
        internal static int Allocate()
        {
            Gate.Enter(s_gate);
            try
            {
                return s_freeCount > 0 ? s_free[--s_freeCount] : s_next++;
            }
            finally
            {
                Monitor.Exit(s_gate);
            }
        }

        /// <summary>Returns <paramref name="slot"/> for reuse by a later counter.</summary>
        internal static void Release(int slot)
        {
            Gate.Enter(s_gate);
            try
            {
                if (s_freeCount == s_free.Length)
                {
                    Array.Resize(ref s_free, s_free.Length * 2);
                }

                s_free[s_freeCount++] = slot;
            }
            finally
            {
                Monitor.Exit(s_gate);
            }
        }
    }
}
