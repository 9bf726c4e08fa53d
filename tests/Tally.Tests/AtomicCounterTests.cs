using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Tally.Tests
{
    public class AtomicCounterTests
    {
        [Fact]
        public void NewCounter_StartsAtZeroOrTheInitialValue()
        {
            Assert.Equal(0, new AtomicCounter().Value);
            Assert.Equal(-7, new AtomicCounter(-7).Value);
        }

        [Fact]
        public void ArithmeticOperations_ReturnTheNewValue()
        {
            var counter = new AtomicCounter();
            Assert.Equal(1, counter.Increment());
            Assert.Equal(6, counter.Add(5));
            Assert.Equal(5, counter.Decrement());
            Assert.Equal(2, counter.Add(-3));
            Assert.Equal(2, counter.Value);
        }

        [Fact]
        public void ExchangeAndCompareExchange_ReturnTheOriginalValue()
        {
            var counter = new AtomicCounter(5);
            Assert.Equal(5, counter.Exchange(10));
            Assert.Equal(10, counter.Value);

            Assert.Equal(10, counter.CompareExchange(20, 10));
            Assert.Equal(20, counter.Value);

            Assert.Equal(20, counter.CompareExchange(30, 99));
            Assert.Equal(20, counter.Value);
        }

        [Fact]
        public void Reset_SetsZero()
        {
            var counter = new AtomicCounter(41);
            counter.Reset();
            Assert.Equal(0, counter.Value);
            Assert.Equal("0", counter.ToString());
        }

        [Fact]
        public void Overflow_WrapsLikeLongArithmetic()
        {
            var counter = new AtomicCounter(long.MaxValue);
            Assert.Equal(long.MinValue, counter.Increment());
            Assert.Equal(long.MaxValue, counter.Decrement());
            Assert.Equal(long.MinValue + 9, counter.Add(10));
        }

        [Fact]
        public void ManyThreadsIncrementing_LoseNoUpdate()
        {
            var counter = new AtomicCounter();
            Concurrently.Run(16, _ =>
            {
                for (int i = 0; i < 50_000; i++)
                {
                    counter.Increment();
                }
            });

            Assert.Equal(16 * 50_000, counter.Value);
        }

        [Fact]
        public void ConcurrentIncrements_ReturnEveryValueExactlyOnce()
        {
            var counter = new AtomicCounter();
            const int threads = 8, perThread = 20_000;
            var seen = new long[threads][];
            Concurrently.Run(threads, t =>
            {
                var mine = new long[perThread];
                for (int i = 0; i < perThread; i++)
                {
                    mine[i] = counter.Increment();
                }

                seen[t] = mine;
            });

            var all = new HashSet<long>(seen.SelectMany(s => s));
            Assert.Equal(threads * perThread, all.Count);
            Assert.Equal(1, all.Min());
            Assert.Equal(threads * perThread, all.Max());
        }

        [Fact]
        public void MixedConcurrentUpdates_GiveTheExactTotal()
        {
            var counter = new AtomicCounter();
            Concurrently.Run(12, t =>
            {
                for (int i = 0; i < 20_000; i++)
                {
                    counter.Increment();
                    counter.Add(t);
                    counter.Decrement();
                    counter.Add(-2);
                }
            });

            long expected = Enumerable.Range(0, 12).Sum(t => 20_000L * (t - 2));
            Assert.Equal(expected, counter.Value);
        }

        [Fact]
        public void CompareExchangeLoopsOnManyThreads_LoseNoUpdate()
        {
            var counter = new AtomicCounter();
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 20_000; i++)
                {
                    long current;
                    do
                    {
                        current = counter.Value;
                    }
                    while (counter.CompareExchange(current + 3, current) != current);
                }
            });

            Assert.Equal(8 * 20_000 * 3, counter.Value);
        }
    }
}
