using System;
using System.Collections.Immutable;
using Xunit;

namespace Tally.Tests
{
    public class AtomicUpdateTests
    {
        [Fact]
        public void Update_ReturnsTheNewValueForEveryType()
        {
            int i = 3;
            Assert.Equal(7, Atomic.Update(ref i, v => v * 2 + 1));
            long l = 3;
            Assert.Equal(-3, Atomic.Update(ref l, v => -v));
            uint u = 0;
            Assert.Equal(uint.MaxValue, Atomic.Update(ref u, v => v - 1));
            ulong ul = 5;
            Assert.Equal(25ul, Atomic.Update(ref ul, v => v * v));
            double d = 2;
            Assert.Equal(0.5, Atomic.Update(ref d, v => 1 / v));
            float f = 2;
            Assert.Equal(4f, Atomic.Update(ref f, v => v * v));
            string s = "a";
            Assert.Equal("ab", Atomic.Update(ref s, v => v + "b"));
            Assert.Equal("ab", s);
        }

        [Fact]
        public void UpdateWithState_PassesTheStateThrough()
        {
            int i = 3;
            Assert.Equal(13, Atomic.Update(ref i, 10, static (v, add) => v + add));
            double d = 1;
            Assert.Equal(1.25, Atomic.Update(ref d, 4.0, static (v, div) => v + 1 / div));
            string? s = null;
            Assert.Equal("x", Atomic.Update(ref s, "x", static (v, x) => v ?? x));
        }

        [Fact]
        public void UpdateWithStaticLambdaAndState_DoesNotAllocate()
        {
            long total = 0;
            double sum = 0;
            void Work()
            {
                for (int i = 0; i < 1000; i++)
                {
                    Atomic.Update(ref total, 1L, static (v, add) => v + add);
                    Atomic.Update(ref sum, 0.5, static (v, add) => v + add);
                    Atomic.Max(ref total, 0);
                    Atomic.Add(ref sum, 0.5);
                }
            }

            Work(); // the first call caches the static lambdas' delegates, once per call site
            long before = GC.GetAllocatedBytesForCurrentThread();
            Work();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(2000, total);
            Assert.Equal(2000.0, sum);
        }

        [Fact]
        public void NullUpdate_Throws()
        {
            int i = 0;
            Assert.Throws<ArgumentNullException>(() => Atomic.Update(ref i, null!));
            Assert.Throws<ArgumentNullException>(() => Atomic.Update(ref i, 1, (Func<int, int, int>)null!));
        }

        [Fact]
        public void UpdateOfNaN_Terminates()
        {
            double d = double.NaN;
            Assert.True(double.IsNaN(Atomic.Update(ref d, static v => v * 2)));
            float f = float.NaN;
            Assert.Equal(1f, Atomic.Update(ref f, static v => float.IsNaN(v) ? 1f : v));
        }

        [Fact]
        public void UpdatesOnEightThreads_LoseNothing()
        {
            int i = 0;
            long l = 0;
            double d = 0;
            float f = 0;
            uint u = 0;
            ulong ul = 0;
            ImmutableList<int> list = ImmutableList<int>.Empty;
            Concurrently.Run(8, t =>
            {
                for (int n = 0; n < 100_000; n++)
                {
                    Atomic.Update(ref i, static v => v + 1);
                    Atomic.Update(ref l, 2L, static (v, k) => v + k);
                    Atomic.Update(ref d, static v => v + 1);
                    Atomic.Update(ref f, 1f, static (v, k) => v + k);
                    Atomic.Update(ref u, static v => v + 1);
                    Atomic.Update(ref ul, 3ul, static (v, k) => v + k);
                    if (n % 100 == 0)
                    {
                        Atomic.Update(ref list, t, static (v, item) => v.Add(item));
                    }
                }
            });

            Assert.Equal(800_000, i);
            Assert.Equal(1_600_000, l);
            Assert.Equal(800_000.0, d);
            Assert.Equal(800_000f, f);
            Assert.Equal(800_000u, u);
            Assert.Equal(2_400_000ul, ul);
            Assert.Equal(8_000, list.Count);
        }
    }
}
