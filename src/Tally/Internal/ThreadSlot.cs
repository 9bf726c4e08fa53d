using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Tally.Internal
{
    /// <summary>
    /// The calling thread's slot: a small number, the same in every <see cref="PerThreadCounter"/>, that picks the
    /// thread's padded cell in each counter's array. Slots are handed out lowest first, the first time a thread
    /// updates any counter, and taken back when the thread exits, so they stay below the most threads that have
    /// updated counters at once (plus those the GC has not yet finalized).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The hot path reads one <c>[ThreadStatic] int</c>, <see cref="t_notIndex"/>: the JIT inlines the access to a
    /// primitive thread static in a class without a static constructor into a few instructions, with no helper
    /// call once the thread's statics exist, where a reference-typed thread static needs more checks (see
    /// docs/counters.md). It holds the bitwise complement of the thread's index into the counters' arrays, so that a
    /// thread that has no slot yet (the zero every thread static starts with) reads as -1, which fails the same
    /// bounds check that sends a thread to a counter's slow path when its array is too short.
    /// </para>
    /// <para>
    /// A slot passes from an exited thread to a new one with the counts in it: each counter's cell for that slot
    /// simply carries on from the exited thread's last write, so nothing is retired, moved or lost. What makes the
    /// hand-over safe is that a slot has at most one live owner: it is released only by the finalizer of
    /// <see cref="t_owner"/>, which runs after the thread has exited and the runtime has dropped its thread statics
    /// (the runtime's own per-thread counters and <c>ThreadLocal&lt;T&gt;</c> rely on the same release), and
    /// taken again under the same lock, after the release.
    /// </para>
    /// <para>
    /// The statics live in this class, which has no static constructor, so reading them needs no
    /// class-initialisation check; the shared pool lives in <see cref="ThreadSlotPool"/>.
    /// </para>
    /// </remarks>
    internal sealed class ThreadSlot
    {
        /// <summary>Longs per cell: 128 bytes, so two threads' cells never share a cache line or an adjacent pair.</summary>
        internal const int CellLength = 16;

        /// <summary>
        /// Where in its 16 longs a cell's count sits. With the 16-byte array header in front, the first count is 80
        /// bytes into the array, 72 bytes past the array's length, and the last count 64 bytes before the array's
        /// end, so no count shares a cache line with the length, another count or a neighbouring object.
        /// </summary>
        internal const int CountOffset = 8;

        /// <summary>
        /// <c>~(slot * 16 + 8)</c>: the complement of the position of the thread's count in every counter's array;
        /// 0 (reads as position -1) until the thread has a slot.
        /// </summary>
        [ThreadStatic]
        internal static int t_notIndex;

        [ThreadStatic]
        private static ThreadSlot? t_owner;

        private readonly int _slot;

        private ThreadSlot(int slot)
        {
            _slot = slot;
        }

        /// <summary>The object whose finalizer gives the calling thread's slot back, if it has one (tests).</summary>
        internal static object? OwnerOfCurrentThread => t_owner;

        /// <summary>The calling thread's slot number, or -1 if it has none yet (tests).</summary>
        internal static int SlotOfCurrentThread => t_owner?._slot ?? -1;

        /// <summary>The thread exited: its cells will never be written again; the next thread may carry them on.</summary>
        ~ThreadSlot()
        {
            // .NET Framework runs every finalizer at process exit, also those of threads still running: such a
            // thread may write its cells again, so its slot must not go to another thread (nobody needs it then).
            if (Environment.HasShutdownStarted)
            {
                return;
            }

            ThreadSlotPool.Release(_slot);
        }

        /// <summary>The position of the calling thread's count in every counter's array; takes a slot on first use.</summary>
        /// <returns><c>slot * 16 + 8</c>.</returns>
        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static int IndexOfCurrentThread()
        {
            int notIndex = t_notIndex;
            if (notIndex != 0)
            {
                return ~notIndex;
            }

            int slot = ThreadSlotPool.Take();
            try
            {
                // The owner first: once it exists, the slot goes back to the pool when this thread exits.
                t_owner = new ThreadSlot(slot);
            }
            catch
            {
                ThreadSlotPool.Release(slot);
                throw;
            }

            int index = IndexOf(slot);
            t_notIndex = ~index;
            return index;
        }

        /// <summary>The position of <paramref name="slot"/>'s count in a counter's array.</summary>
        /// <param name="slot">A slot number.</param>
        /// <returns><c>slot * 16 + 8</c>.</returns>
        internal static int IndexOf(int slot) => slot * CellLength + CountOffset;
    }
}
