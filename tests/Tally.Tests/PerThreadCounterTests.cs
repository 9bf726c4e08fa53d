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
        public void OneThread_TakesOneSlot_ThatEveryCounterShares()
        {
            var first = new PerThreadCounter();
            var second = new PerThreadCounter();
            int before = 0, afterFirst = -1, afterSecond = -1;
            Concurrently.Run(1, _ =>
            {
                before = ThreadSlot.SlotOfCurrentThread;
                for (int i = 0; i < 1000; i++)
                {
                    first.Increment();
                }

                afterFirst = ThreadSlot.SlotOfCurrentThread;
                second.Add(7);
                afterSecond = ThreadSlot.SlotOfCurrentThread;
            });

            Assert.Equal(-1, before);
            Assert.InRange(afterFirst, 0, ThreadSlotPool.HighWater - 1);
            Assert.Equal(afterFirst, afterSecond);
            Assert.InRange(first.SlotCapacity, afterFirst + 1, int.MaxValue);
            Assert.Equal(1000, first.Value);
            Assert.Equal(7, second.Value);
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
                // An array as long as the highest slot needs, rounded up to a power of two (at least 4 slots).
                Assert.InRange(counters[c].SlotCapacity, 4, Math.Max(4, 2 * ThreadSlotPool.HighWater));
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
            var exited = new ExitedThreads();
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    counter.Add(long.MaxValue / 3);
                }

                exited.Note();
            });

            long expected = unchecked(8 * 1000 * (long.MaxValue / 3));
            Assert.Equal(expected, counter.Value);
            Assert.True(exited.WaitUntilReleased(FinalizationTimeout));
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
        public void ThreadsExitingWhileOthersCountAndRead_LoseNothing()
        {
            var counter = new PerThreadCounter();
            var exited = new ExitedThreads();
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
                    // Short-lived threads come and go, and the GC hands their slots on to the next ones, while the
                    // others count.
                    for (int i = 0; i < churners; i++)
                    {
                        var churner = new Thread(() =>
                        {
                            for (int j = 0; j < perChurner; j++)
                            {
                                counter.Increment();
                            }

                            exited.Note();
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

            // New threads take the released slots and carry their cells on.
            Assert.True(exited.WaitUntilReleased(FinalizationTimeout));
            Concurrently.Run(4, _ =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    counter.Increment();
                }
            });
            Assert.Equal(expected + 4000, counter.Value);
        }

        [Fact]
        public void DrainUnderLoadAndChurn_DrainedPlusRemainingEqualsAdded()
        {
            var counter = new PerThreadCounter();
            var exited = new ExitedThreads();
            const int writers = 6, perWriter = 100_000;
            long drained = 0;
            int drains = 0, halfway = 0, midStreamDrains = 0;
            Concurrently.WhileWriting(
                writers,
                t =>
                {
                    for (int i = 0; i < perWriter; i++)
                    {
                        counter.Add(t + 1);
                        if (i == perWriter / 2)
                        {
                            // Halfway, wait for drains that start after every writer got here: they run while every
                            // writer is mid-stream, and the first of them takes at least the halves already added.
                            Interlocked.Increment(ref halfway);
                            SpinWait.SpinUntil(() => Volatile.Read(ref midStreamDrains) >= 3);
                        }
                    }

                    exited.Note();
                },
                () =>
                {
                    var everyWriterHalfway = Volatile.Read(ref halfway) == writers;
                    drained += counter.Drain();
                    drains++;
                    if (everyWriterHalfway)
                    {
                        Interlocked.Increment(ref midStreamDrains);
                    }

                    if (drains % 50 == 0)
                    {
                        GC.Collect();
                    }

                    Thread.Yield();
                });

            long added = Enumerable.Range(1, writers).Sum(w => (long)w * perWriter);
            Assert.InRange(drained, 1, added);
            Assert.Equal(added, drained + counter.Value);

            // New threads carry the exited writers' cells on, drained parts and all: still nothing lost or doubled.
            Assert.True(exited.WaitUntilReleased(FinalizationTimeout));
            Concurrently.Run(writers, t => counter.Add(t + 1));
            added += Enumerable.Range(1, writers).Sum();
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
        public void ShortLivedCounters_EachStartFromZero()
        {
            for (int i = 0; i < 3_000; i++)
            {
                Assert.Equal(i % 97, CountInAShortLivedCounter(i % 97));
            }
        }

        [Fact]
        public void ACounterNobodyReferences_IsCollected_WhileTheThreadsThatUpdatedItLive()
        {
            // Nothing per thread refers to a counter: this thread, which updated it, does not keep it alive.
            WeakReference counter = UpdateAndForget();
            Assert.True(Finalization.RunUntil(() => !counter.IsAlive, FinalizationTimeout));
        }

        [Fact]
        public void ThreadsArrivingWhileOthersWrite_GrowTheArray_WithoutLosingUpdates()
        {
            // 40 threads start together: as the ones with higher slots make their first update, the array is
            // replaced by longer ones while the others keep writing to the one they read. No thread exits before all
            // have written: an exited thread gives its slot back for the next thread to take, so on a busy machine a
            // late thread could otherwise reuse a low slot and the array would not need 40.
            var counter = new PerThreadCounter();
            const int threads = 40, perThread = 20_000;
            using var allWritten = new Barrier(threads);
            Concurrently.Run(threads, t =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    counter.Add(t + 1);
                }

                allWritten.SignalAndWait();
            });

            Assert.Equal(Enumerable.Range(1, threads).Sum(t => (long)t * perThread), counter.Value);
            Assert.InRange(counter.SlotCapacity, threads, int.MaxValue);
            // Each growth at least doubles the array (4, 8, 16, ... slots), and every replaced array is still summed.
            Assert.InRange(counter.ReplacedArrays, 0, System.Numerics.BitOperations.Log2((uint)counter.SlotCapacity / 4));
            Assert.Equal(Enumerable.Range(1, threads).Sum(t => (long)t * perThread), counter.Drain());
            Assert.Equal(0, counter.Value);
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
        private static WeakReference UpdateAndForget()
        {
            var counter = new PerThreadCounter();
            counter.Add(3);
            Assert.Equal(3, counter.Value);
            return new WeakReference(counter);
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
