using System.Linq;
using System.Threading;
using Xunit;

namespace Tally.Tests
{
    public class StripedCounterTests
    {
        [Fact]
        public void SequentialUpdates_SumUp()
        {
            var counter = new StripedCounter();
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
        public void UncontendedCounter_StaysOneCell()
        {
            var counter = new StripedCounter();
            for (int i = 0; i < 1000; i++)
            {
                counter.Increment();
            }

            Assert.Equal(0, counter.CellCount);
            Assert.Equal(1000, counter.Value);
        }

        [Fact]
        public void Drain_ReturnsTheSumAndLeavesZero()
        {
            var counter = new StripedCounter();
            counter.Add(40);
            counter.GrowTo(StripedCounter.MaxCells);
            counter.Add(2);
            Assert.Equal(42, counter.Drain());
            Assert.Equal(0, counter.Value);
            Assert.Equal(0, counter.Drain());
        }

        [Fact]
        public void Reset_SetsZeroAndKeepsCounting()
        {
            var counter = new StripedCounter();
            counter.GrowTo(2);
            counter.Add(99);
            counter.Reset();
            Assert.Equal(0, counter.Value);
            counter.Increment();
            Assert.Equal(1, counter.Value);
        }

        [Fact]
        public void Growing_KeepsEveryCellsValue()
        {
            var counter = new StripedCounter();
            counter.Add(5);
            for (int cells = 2; cells <= 64; cells *= 2)
            {
                counter.GrowTo(cells, ignoreCap: true);
                Assert.Equal(cells, counter.CellCount);
                counter.Add(cells);
                Assert.Equal(5 + Enumerable.Range(1, 6).Select(e => 1 << e).TakeWhile(c => c <= cells).Sum(), counter.Value);
            }
        }

        [Fact]
        public void Overflow_WrapsLikeLongArithmetic()
        {
            var counter = new StripedCounter();
            counter.Add(long.MaxValue);
            counter.Increment();
            Assert.Equal(long.MinValue, counter.Value);
            counter.Decrement();
            Assert.Equal(long.MaxValue, counter.Value);
        }

        [Fact]
        public void OverflowAcrossStripedCells_WrapsTheSum()
        {
            var counter = new StripedCounter();
            counter.GrowTo(StripedCounter.MaxCells);
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    counter.Add(long.MaxValue / 3);
                }
            });

            long expected = unchecked(8 * 1000 * (long.MaxValue / 3));
            Assert.Equal(expected, counter.Value);
            Assert.Equal(expected, counter.Drain());
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ManyThreadsWithMixedUpdates_GiveTheExactTotal(bool startStriped)
        {
            var counter = new StripedCounter();
            if (startStriped)
            {
                counter.GrowTo(64, ignoreCap: true);
            }

            const int threads = 8, rounds = 400_000;
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
        public void ContentionDrivenGrowth_StaysWithinTheCap()
        {
            var counter = new StripedCounter();
            Concurrently.Run(12, _ =>
            {
                for (int i = 0; i < 100_000; i++)
                {
                    counter.Increment();
                }
            });

            Assert.Equal(12 * 100_000, counter.Value);
            Assert.InRange(counter.CellCount, 0, StripedCounter.MaxCells);
        }

        [Fact]
        public void ThreadsThatStartAndExitWhileCounting_LoseNoUpdate()
        {
            var counter = new StripedCounter();
            const int waves = 40, perWave = 6, perThread = 40_000;
            var all = new System.Collections.Generic.List<Thread>();
            for (int wave = 0; wave < waves; wave++)
            {
                // Overlapping waves: this wave starts while the previous one may still be running.
                var threads = Enumerable.Range(0, perWave).Select(_ => new Thread(() =>
                {
                    for (int i = 0; i < perThread; i++)
                    {
                        counter.Increment();
                    }
                })).ToArray();
                foreach (Thread thread in threads)
                {
                    thread.Start();
                }

                all.AddRange(threads);

                if (wave % 2 == 1)
                {
                    foreach (Thread thread in threads)
                    {
                        thread.Join();
                    }
                }
            }

            foreach (Thread thread in all)
            {
                thread.Join();
            }

            Assert.Equal((long)waves * perWave * perThread, counter.Value);
        }

        [Fact]
        public void DrainUnderLoad_DrainedPlusRemainingEqualsAdded()
        {
            var counter = new StripedCounter();
            const int writers = 8, perWriter = 100_000;
            long drained = 0;
            int halfway = 0, midStreamDrains = 0;
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
                },
                () =>
                {
                    var everyWriterHalfway = Volatile.Read(ref halfway) == writers;
                    drained += counter.Drain();
                    if (everyWriterHalfway)
                    {
                        Interlocked.Increment(ref midStreamDrains);
                    }

                    Thread.Yield();
                });

            long added = Enumerable.Range(1, writers).Sum(w => (long)w * perWriter);
            Assert.InRange(drained, 1, added);
            Assert.Equal(added, drained + counter.Value);
        }

        [Fact]
        public void ResetUnderLoad_NeverHalfAppliesAnUpdate()
        {
            var counter = new StripedCounter();
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
        }

        [Fact]
        public void ReadsWhileWriting_StayBetweenZeroAndTheTotal()
        {
            var counter = new StripedCounter();
            const int writers = 6, perWriter = 100_000;
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

        [Theory]
        [InlineData(1, 2)]
        [InlineData(2, 4)]
        [InlineData(3, 8)]
        [InlineData(4, 8)]
        [InlineData(16, 32)]
        [InlineData(32, 64)]
        [InlineData(256, 64)]
        public void CellCap_IsTwiceTheProcessorsRoundedUp_AtMost64(int processors, int cells)
        {
            Assert.Equal(cells, StripedCounter.ComputeMaxCells(processors));
        }
    }
}
