using System;
using System.Linq;
using System.Threading;
using Tally.Internal;
using Xunit;

namespace Tally.Tests
{
    /// <summary>Runs its tests alone: they count the slots every thread in the process takes.</summary>
    [CollectionDefinition(nameof(ThreadSlotReuse), DisableParallelization = true)]
    public sealed class ThreadSlotReuse
    {
    }

    /// <summary>
    /// <see cref="PerThreadCounter"/> slots pass from threads that exited to new ones, with their counts: the arrays
    /// stay as long as the most threads alive at once, and no count is lost or doubled on the way.
    /// </summary>
    [Collection(nameof(ThreadSlotReuse))]
    public class ThreadSlotReuseTests
    {
        private static readonly TimeSpan FinalizationTimeout = TimeSpan.FromSeconds(10);

        [Fact]
        public void ThreadsThatExit_KeepTheirCounts_AndNewThreadsReuseTheirSlots()
        {
            var counter = new PerThreadCounter();
            const int waves = 8, perWave = 16, perThread = 5_000;
            Finalization.RunUntil(() => false, TimeSpan.FromMilliseconds(100));
            int highWaterBefore = ThreadSlotPool.HighWater, inUseBefore = ThreadSlotPool.InUse;
            for (int wave = 0; wave < waves; wave++)
            {
                var exited = new ExitedThreads();
                Concurrently.Run(perWave, t =>
                {
                    for (int i = 0; i < perThread; i++)
                    {
                        counter.Add(t + 1);
                    }

                    exited.Note();
                });
                Assert.True(exited.WaitUntilReleased(FinalizationTimeout), "the slots of exited threads were never released");
            }

            long expected = waves * Enumerable.Range(1, perWave).Sum(t => (long)t * perThread);
            Assert.Equal(expected, counter.Value);

            // 128 threads in all, but never more than 16 (plus those already holding slots) at once: the lowest free
            // slots were reused, and the counter's array did not grow with the churn.
            int bound = Math.Max(highWaterBefore, inUseBefore + perWave);
            Assert.InRange(ThreadSlotPool.HighWater, 1, bound);
            Assert.InRange(counter.SlotCapacity, 4, Math.Max(4, 2 * bound));
        }

        [Fact]
        public void ANewThreadInAnExitedThreadsSlot_CarriesOnItsCount()
        {
            var counter = new PerThreadCounter();
            long expected = 0;
            bool sameSlotSeen = false;
            for (int attempt = 0; attempt < 5 && !sameSlotSeen; attempt++)
            {
                var exited = new ExitedThreads();
                int first = RunThread(() =>
                {
                    counter.Add(5);
                    exited.Note();
                });
                Assert.True(exited.WaitUntilReleased(FinalizationTimeout));
                int capacity = counter.SlotCapacity;

                // The lowest free slot goes first: the one just released, unless a lower one was freed meanwhile.
                int second = RunThread(() => counter.Add(7));
                Assert.InRange(second, 0, first);
                sameSlotSeen = second == first;
                expected += 12;
                Assert.Equal(expected, counter.Value);
                Assert.Equal(capacity, counter.SlotCapacity);
            }

            Assert.True(sameSlotSeen, "no new thread ever got the slot of the thread that exited before it");
        }

        /// <summary>Runs <paramref name="body"/> on a new thread and returns the slot it had.</summary>
        private static int RunThread(Action body)
        {
            int slot = -1;
            var thread = new Thread(() =>
            {
                body();
                slot = ThreadSlot.SlotOfCurrentThread;
            });
            thread.Start();
            thread.Join();
            return slot;
        }
    }
}
