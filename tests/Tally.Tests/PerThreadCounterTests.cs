using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Tally.Internal;
using Xunit;

namespace Tally.Tests
{
    public class PerThreadCounterTests
    {
        private static readonly TimeSpan FinalizationTimeout = TimeSpan.FromSeconds(10);

        [Fact]
        public void SequentialUpdates_SumUp()
        {
            var counter = new PerThreadCounter();
            Assert.Equal(0, counter.Value);
            counter.Increment();
            counter.Increment();
            counter.Add(10);
            counter.Decrement();
            counter.Add(-4);
            Assert.Equal(7, counter.Value);
            Assert.Equal("7", counter.ToString());
        }

        [Fact]
        public void OneThread_UsesOneCellPerCounter()
        {
            var counter = new PerThreadCounter();
            int before = 0;
            Concurrently.Run(1, _ =>
            {
                before = ThreadCells.CellsOfCurrentThread();
                for (int i = 0; i < 1000; i++)
                {
                    counter.Increment();
                }

                Assert.Equal(before + 1, ThreadCells.CellsOfCurrentThread());
                Assert.Equal(1, counter.LiveCells);
            });

            Assert.Equal(0, before);
            Assert.Equal(1000, counter.Value);
        }

        [Fact]
        public void ManyCountersOnManyThreads_EachKeepsItsOwnTotal()
        {
            var counters = Enumerable.Range(0, 40).Select(_ => new PerThreadCounter()).ToArray();
            const int threads = 6, rounds = 2_000;
            Concurrently.Run(threads, t =>
            {
                for (int i = 0; i < rounds; i++)
                {
                    for (int c = 0; c < counters.Length; c++)
                    {
                        counters[c].Add(c + t);
                    }
                }
            });

            for (int c = 0; c < counters.Length; c++)
            {
                Assert.Equal(Enumerable.Range(0, threads).Sum(t => (long)rounds * (c + t)), counters[c].Value);
                // Other tests' collections may already have retired some of the exited threads' cells.
                Assert.InRange(counters[c].LiveCells, 0, threads);
            }
        }

        [Fact]
        public void Overflow_WrapsLikeLongArithmetic()
        {
            var counter = new PerThreadCounter();
            counter.Add(long.MaxValue);
            counter.Increment();
            Assert.Equal(long.MinValue, counter.Value);
            counter.Decrement();
            Assert.Equal(long.MaxValue, counter.Value);
        }

        [Fact]
        public void OverflowAcrossThreadCells_WrapsTheSum()
        {
            var counter = new PerThreadCounter();
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    counter.Add(long.MaxValue / 3);
                }
            });

            long expected = unchecked(8 * 1000 * (long.MaxValue / 3));
            Assert.Equal(expected, counter.Value);
            Assert.True(Finalization.RunUntil(() => counter.LiveCells == 0, FinalizationTimeout));
            Assert.Equal(expected, counter.Value);
            Assert.Equal(expected, counter.Drain());
        }

        [Fact]
        public void ManyThreadsWithMixedUpdates_GiveTheExactTotal()
        {
            var counter = new PerThreadCounter();
            const int threads = 8, rounds = 300_000;
            Concurrently.Run(threads, t =>
            {
                for (int i = 0; i < rounds; i++)
                {
                    counter.Increment();
                    counter.Increment();
                    counter.Decrement();
                    counter.Add(t - 5);
                }
            });

            long expected = Enumerable.Range(0, threads).Sum(t => (long)rounds * (1 + t - 5));
            Assert.Equal(expected, counter.Value);
        }

        [Fact]
        public void ThreadsThatExit_KeepTheirCounts_AndLeaveNoCellsBehind()
        {
            var counter = new PerThreadCounter();
            const int waves = 8, perWave = 16, perThread = 5_000;
            for (int wave = 0; wave < waves; wave++)
            {
                Concurrently.Run(perWave, t =>
                {
                    for (int i = 0; i < perThread; i++)
                    {
                        counter.Add(t + 1);
                    }
                });
            }

            long expected = waves * Enumerable.Range(1, perWave).Sum(t => (long)t * perThread);

            // Every thread has ended; until the GC finalizes their cell holders the cells are summed as they are.
            Assert.Equal(expected, counter.Value);
            Assert.InRange(counter.LiveCells, 0, waves * perWave);

            // Then each holder's finalizer folds its cell into the retired total: no cell stays, no count is lost.
            Assert.True(
                Finalization.RunUntil(() => counter.LiveCells == 0, FinalizationTimeout),
                $"{counter.LiveCells} cells of exited threads were never retired");
            Assert.Equal(expected, counter.Value);

            // The list that held up to 128 cells shrank back with them.
            Assert.InRange(counter.CellListCapacity, 1, 8);
        }

        [Fact]
        public void ThreadsExitingWhileOthersCountAndRead_LoseNothing()
        {
            var counter = new PerThreadCounter();
            const int longRunners = 3, perLongRunner = 400_000, churners = 60, perChurner = 2_000;
            int running = longRunners;
            bool readsInRange = true;
            long lastRead = 0;
            Concurrently.Run(longRunners + 2, t =>
            {
                if (t < longRunners)
                {
                    for (int i = 0; i < perLongRunner; i++)
                    {
                        counter.Increment();
                    }

                    Interlocked.Decrement(ref running);
                }
                else if (t == longRunners)
                {
                    // Short-lived threads come and go, and the GC retires their cells, while the others count.
                    for (int i = 0; i < churners; i++)
                    {
                        var churner = new Thread(() =>
                        {
                            for (int j = 0; j < perChurner; j++)
                            {
                                counter.Increment();
                            }
                        });
                        churner.Start();
                        churner.Join();
                        if (i % 10 == 0)
                        {
                            GC.Collect();
                        }
                    }
                }
                else
                {
                    while (Volatile.Read(ref running) > 0)
                    {
                        long value = counter.Value;
                        readsInRange &= value >= lastRead && value <= (long)longRunners * perLongRunner + (long)churners * perChurner;
                        lastRead = value;
                    }
                }
            });

            Assert.True(readsInRange, "with increments only, successive reads never go down or past the total");
            long expected = (long)longRunners * perLongRunner + (long)churners * perChurner;
            Assert.Equal(expected, counter.Value);
            Assert.True(Finalization.RunUntil(() => counter.LiveCells == 0, FinalizationTimeout));
            Assert.Equal(expected, counter.Value);
        }

        [Fact]
        public void DrainUnderLoadAndChurn_DrainedPlusRemainingEqualsAdded()
        {
            var counter = new PerThreadCounter();
            const int writers = 6, perWriter = 100_000;
            long drained = 0;
            int drains = 0;
            Concurrently.WhileWriting(
                writers,
                t =>
                {
                    for (int i = 0; i < perWriter; i++)
                    {
                        counter.Add(t + 1);
                        if (i == perWriter / 2)
                        {
                            // Halfway, make sure some drains happen while every writer is mid-stream.
                            SpinWait.SpinUntil(() => Volatile.Read(ref drains) >= 3);
                        }
                    }
                },
                () =>
                {
                    drained += counter.Drain();
                    Interlocked.Increment(ref drains);
                    if (drains % 50 == 0)
                    {
                        GC.Collect();
                    }

                    Thread.Yield();
                });

            long added = Enumerable.Range(1, writers).Sum(w => (long)w * perWriter);
            Assert.InRange(drained, 1, added);
            Assert.Equal(added, drained + counter.Value);

            // The writers' cells are folded after their drained parts were subtracted: still nothing lost or doubled.
            Assert.True(Finalization.RunUntil(() => counter.LiveCells == 0, FinalizationTimeout));
            Assert.Equal(added, drained + counter.Value);
        }

        [Fact]
        public void ResetUnderLoad_NeverHalfAppliesAnUpdate()
        {
            var counter = new PerThreadCounter();
            const long unit = 1L << 40;
            Concurrently.WhileWriting(
                6,
                _ =>
                {
                    for (int i = 0; i < 50_000; i++)
                    {
                        counter.Add(unit);
                    }
                },
                () =>
                {
                    counter.Reset();
                    Thread.Yield();
                });

            long remaining = counter.Value;
            Assert.Equal(0, remaining % unit);
            Assert.InRange(remaining, 0, 6 * 50_000 * unit);
            counter.Reset();
            Assert.Equal(0, counter.Value);
            counter.Add(3);
            Assert.Equal(3, counter.Value);
        }

        [Fact]
        public void CountersSharingASlot_EachKeepTheirOwnCount()
        {
            // Two live counters in one slot evict each other's cells from every thread's table on each switch;
            // an evicted cell's count must go to its own counter, never to the other or nowhere.
            int slot = new PerThreadCounter().Slot;
            var a = new PerThreadCounter(slot);
            var b = new PerThreadCounter(slot);
            const int threads = 4, rounds = 20_000;
            Concurrently.Run(threads, t =>
            {
                for (int i = 0; i < rounds; i++)
                {
                    a.Add(1);
                    a.Add(2);
                    b.Add(10);
                }
            });

            Assert.Equal(threads * rounds * 3L, a.Value);
            Assert.Equal(threads * rounds * 10L, b.Value);

            // An evicted cell leaves its counter's list: at most one cell per thread stays, not one per switch.
            Assert.InRange(a.LiveCells, 0, threads);
            Assert.InRange(b.LiveCells, 0, threads);
        }

        [Fact]
        public void CountersThatDie_GiveTheirSlotsToNewCounters_WithoutLeakingCounts()
        {
            int highWater = CounterSlots.HighWater;
            const int generations = 3_000;
            for (int i = 0; i < generations; i++)
            {
                // The dead counters' cells stay in this thread's table until a new counter in the same slot
                // evicts them; the new counter must start from zero all the same.
                Assert.Equal(i % 97, CountInAShortLivedCounter(i % 97));
                if (i % 100 == 99)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            }

            // Other tests create counters meanwhile; without reuse this test alone would add 3000 slots.
            Assert.InRange(CounterSlots.HighWater - highWater, 0, generations / 3);
        }

        [Fact]
        public void ReadsWhileWriting_StayBetweenZeroAndTheTotal()
        {
            var counter = new PerThreadCounter();
            const int writers = 6, perWriter = 200_000;
            long previous = 0;
            bool monotonic = true;
            Concurrently.WhileWriting(
                writers,
                _ =>
                {
                    for (int i = 0; i < perWriter; i++)
                    {
                        counter.Increment();
                    }
                },
                () =>
                {
                    long value = counter.Value;
                    monotonic &= value >= previous && value <= (long)writers * perWriter;
                    previous = value;
                });

            Assert.True(monotonic, "with increments only, successive reads by one thread never go down or past the total");
            Assert.Equal((long)writers * perWriter, counter.Value);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long CountInAShortLivedCounter(int times)
        {
            var counter = new PerThreadCounter();
            for (int i = 0; i < times; i++)
            {
                counter.Increment();
            }

            return counter.Value;
        }
    }
}
