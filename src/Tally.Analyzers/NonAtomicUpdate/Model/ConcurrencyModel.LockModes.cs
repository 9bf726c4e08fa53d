using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// What a held lock excludes beyond "same lock object": a read lock excludes only the same lock's writers (never
    /// other readers), and a lock that belongs to one instance does not exclude the writers of static storage, which
    /// every instance reaches under its own lock.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>
        /// The read lock <paramref name="write"/> holds in its own function when it holds no exclusive lock at all: many
        /// threads hold a read lock at once, so two runs of the update overlap (a re-entry count bumped while the
        /// thread holds the read lock). <c>null</c> when the write holds an exclusive lock or no read lock.
        /// </summary>
        public LockFact? ReadLockOnly(WriteFact write)
        {
            foreach (var read in SharedLocks(write))
            {
                return HeldLocks(write).Count == 0 ? read : (LockFact?)null;
            }

            return null;
        }

        /// <summary>
        /// Whether <paramref name="reader"/> holds a read lock that <paramref name="writer"/> holds for writing: the write
        /// lock keeps every reader out. An upgradeable read hold does not: readers run beside it.
        /// </summary>
        private bool ReadAgainstWrite(WriteFact reader, WriteFact writer)
        {
            foreach (var read in SharedLocks(reader))
            {
                foreach (var held in HeldLocks(writer))
                {
                    if (held.Key == read.Key && !held.Upgradeable && IsExclusive(held))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The read locks held around <paramref name="write"/> in its own function, with a known lock object; for static
        /// storage, not one that belongs to an instance.
        /// </summary>
        private static IEnumerable<LockFact> SharedLocks(WriteFact write)
        {
            if (write.Lock is { Shared: true, Key: not null } innermost && !(write.StaticStorage && innermost.PerInstance))
            {
                yield return innermost;
            }

            foreach (var outer in write.OuterLocks)
            {
                if (outer.Shared && outer.Key != null && !(write.StaticStorage && outer.PerInstance))
                {
                    yield return outer;
                }
            }
        }

        /// <summary>
        /// <paramref name="locks"/> without the locks that belong to one instance (<c>lock (this)</c>, a lock on an
        /// instance field of <c>this</c>): around a static's update they exclude only writers on the same instance,
        /// while two instances lock two objects and both write the one static (two job stores handing out fired-trigger
        /// ids from one static counter).
        /// </summary>
        private static List<LockFact> WithoutPerInstance(List<LockFact> locks)
        {
            var any = false;
            foreach (var held in locks)
            {
                any |= held.PerInstance;
            }

            if (!any)
            {
                return locks;
            }

            var kept = new List<LockFact>(locks.Count);
            foreach (var held in locks)
            {
                if (!held.PerInstance)
                {
                    kept.Add(held);
                }
            }

            return kept;
        }
    }
}
