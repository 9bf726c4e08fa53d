using System.Threading;

namespace Tally.Internal
{
    /// <summary>
    /// Monitor locking that <see cref="Thread.Interrupt"/> cannot break off. A counter operation that waits for a
    /// lock completes instead of throwing <see cref="ThreadInterruptedException"/> half-way through (for
    /// <see cref="PerThreadCounter"/> between adding a thread's new cell and retiring the cell it replaces); the
    /// interrupt is handed back to the thread, which gets it at its next blocking call.
    /// </summary>
    internal static class Gate
    {
        /// <summary>Enters <paramref name="gate"/>'s monitor; the caller exits it with <see cref="Monitor.Exit"/>.</summary>
        /// <param name="gate">The lock object.</param>
        internal static void Enter(object gate)
        {
            bool interrupted = false;
            while (true)
            {
                try
                {
                    Monitor.Enter(gate);
                    break;
                }
                catch (ThreadInterruptedException)
                {
                    interrupted = true;
                }
            }

            if (interrupted)
            {
                // Nothing in the critical sections blocks, so the interrupt fires after the lock is released.
                Thread.CurrentThread.Interrupt();
            }
        }
    }
}
