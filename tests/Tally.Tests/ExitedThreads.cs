using System;
using System.Threading;
using Tally.Internal;

namespace Tally.Tests
{
    /// <summary>
    /// Remembers the slot holders of the threads that call <see cref="Note"/>, so that a test can wait until the GC
    /// has finalized those of threads that exited, which puts their slots back in the pool for new threads.
    /// </summary>
    internal sealed class ExitedThreads
    {
        /// <summary>A lock-free list: <see cref="Note"/> never blocks, so an interrupt pending on the thread stays pending.</summary>
        private Node? _head;

        /// <summary>Notes the calling thread's slot holder, if it has one (call it after the thread's updates).</summary>
        public void Note()
        {
            object? owner = ThreadSlot.OwnerOfCurrentThread;
            if (owner is null)
            {
                return;
            }

            // Tracks resurrection: alive until the finalizer that releases the slot has run and the GC took it.
            var node = new Node(new WeakReference(owner, trackResurrection: true));
            do
            {
                node.Next = Volatile.Read(ref _head);
            }
            while (Interlocked.CompareExchange(ref _head, node, node.Next) != node.Next);
        }

        /// <summary>Collects until every noted thread's slot has been released, or the time is up.</summary>
        /// <returns>Whether all of them were released in time.</returns>
        public bool WaitUntilReleased(TimeSpan timeout) => Finalization.RunUntil(AllReleased, timeout);

        private bool AllReleased()
        {
            for (Node? node = Volatile.Read(ref _head); node is not null; node = node.Next)
            {
                if (node.Owner.IsAlive)
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class Node
        {
            public Node(WeakReference owner)
            {
                Owner = owner;
            }

            public WeakReference Owner { get; }

            public Node? Next { get; set; }
        }
    }
}
