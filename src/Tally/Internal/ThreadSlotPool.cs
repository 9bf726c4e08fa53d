using System;
using System.Threading;

namespace Tally.Internal
{
    /// <summary>
    /// The slots of <see cref="ThreadSlot"/>: which are taken, handed out lowest first so that counters' arrays stay
    /// as short as the number of threads that update counters at once.
    /// </summary>
    internal static class ThreadSlotPool
    {
        private static readonly object s_gate = new object();

        /// <summary>Whether each slot below <see cref="s_highWater"/> belongs to a thread.</summary>
        private static bool[] s_taken = new bool[16];

        /// <summary>The number of slots ever handed out: no slot number reaches it.</summary>
        private static int s_highWater;

        /// <summary>No slot below this one is free.</summary>
        private static int s_lowestFree;

        private static int s_inUse;

        /// <summary>The number of slots ever handed out, the longest any counter's array needs to be (tests, docs).</summary>
        internal static int HighWater
        {
            get
            {
                Gate.Enter(s_gate);
                try
                {
                    return s_highWater;
                }
                finally
                {
                    Monitor.Exit(s_gate);
                }
            }
        }

        /// <summary>The number of slots held by threads that have not yet been finalized (tests).</summary>
        internal static int InUse
        {
            get
            {
                Gate.Enter(s_gate);
                try
                {
                    return s_inUse;
                }
                finally
                {
                    Monitor.Exit(s_gate);
                }
            }
        }

        /// <summary>The lowest free slot, now taken by the caller.</summary>
        /// <returns>A slot number no live thread holds.</returns>
        internal static int Take()
        {
            Gate.Enter(s_gate);
            try
            {
                int slot = s_lowestFree;
                while (slot < s_highWater && s_taken[slot])
                {
                    slot++;
                }

                if (slot == s_taken.Length)
                {
                    Array.Resize(ref s_taken, s_taken.Length * 2);
                }

                s_taken[slot] = true;
                s_highWater = Math.Max(s_highWater, slot + 1);
                s_lowestFree = slot + 1;
                s_inUse++;
                return slot;
            }
            finally
            {
                Monitor.Exit(s_gate);
            }
        }

        /// <summary>Gives <paramref name="slot"/> back: its owner has exited and will never write its cells again.</summary>
        /// <param name="slot">A slot taken with <see cref="Take"/>.</param>
        internal static void Release(int slot)
        {
            Gate.Enter(s_gate);
            try
            {
                if (s_taken[slot])
                {
                    s_taken[slot] = false;
                    s_inUse--;
                    s_lowestFree = Math.Min(s_lowestFree, slot);
                }
            }
            finally
            {
                Monitor.Exit(s_gate);
            }
        }
    }
}
