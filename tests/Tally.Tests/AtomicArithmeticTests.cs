using System;
using System.Linq;
using Xunit;

namespace Tally.Tests
{
    public class AtomicArithmeticTests
    {
        [Fact]
        public void DoubleAdd_ReturnsTheNewValue_GetAndAddTheOriginal()
        {
            double x = 1.5;
            Assert.Equal(4.0, Atomic.Add(ref x, 2.5));
            Assert.Equal(4.0, x);
            Assert.Equal(4.0, Atomic.GetAndAdd(ref x, 1.0));
            Assert.Equal(5.0, x);
        }

        [Fact]
        public void FloatAdd_ReturnsTheNewValue_GetAndAddTheOriginal()
        {
            float x = 1.5f;
            Assert.Equal(4.0f, Atomic.Add(ref x, 2.5f));
            Assert.Equal(4.0f, Atomic.GetAndAdd(ref x, 1.0f));
            Assert.Equal(5.0f, x);
        }

        [Fact]
        public void DoublePostfixIncrement_OfALargeValue_IsTheOriginalNotNewMinusOne()
        {
            double x = 1e16;
            double expected = x++;
            double y = 1e16;
            Assert.Equal(expected, Atomic.GetAndAdd(ref y, 1.0));
            Assert.Equal(x, y);
        }

        [Fact]
        public void DoubleAdd_OnNaNAndSignedZero_TerminatesAndMatchesIeee()
        {
            double nan = double.NaN;
            Assert.True(double.IsNaN(Atomic.Add(ref nan, 1.0)));

            double negativeZero = -0.0;
            double sum = Atomic.Add(ref negativeZero, 0.0);
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0 + 0.0), BitConverter.DoubleToInt64Bits(sum));
            Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(negativeZero));

            float floatNan = float.NaN;
            Assert.True(float.IsNaN(Atomic.Add(ref floatNan, 1.0f)));
        }

        [Fact]
        public void DoubleAddOnEightThreads_LosesNoUpdate()
        {
            double total = 0;
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 400_000; i++)
                {
                    Atomic.Add(ref total, 1.0);
                }
            });

            Assert.Equal(8 * 400_000.0, total);
        }

        [Fact]
        public void FloatAddOnEightThreads_LosesNoUpdate()
        {
            float total = 0;
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 20_000; i++)
                {
                    Atomic.GetAndAdd(ref total, 0.5f);
                }
            });

            Assert.Equal(8 * 20_000 * 0.5f, total);
        }

        [Fact]
        public void Multiply_ReturnsTheNewValueAndWraps()
        {
            int i = 7;
            Assert.Equal(21, Atomic.Multiply(ref i, 3));
            int big = int.MaxValue;
            Assert.Equal(unchecked(int.MaxValue * 2), Atomic.Multiply(ref big, 2));
            Assert.Equal(-2, big);

            long l = long.MaxValue;
            Assert.Equal(unchecked(long.MaxValue * 3), Atomic.Multiply(ref l, 3));
        }

        [Fact]
        public void MultiplyOnEightThreads_LosesNoUpdate()
        {
            long product = 1;
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 5_000; i++)
                {
                    Atomic.Multiply(ref product, 3);
                }
            });

            long expected = 1;
            for (int i = 0; i < 8 * 5_000; i++)
            {
                expected = unchecked(expected * 3);
            }

            Assert.Equal(expected, product);
        }

        [Fact]
        public void UnsignedIncrementAndDecrement_WrapAndReturnTheNewValue()
        {
            uint u = uint.MaxValue;
            Assert.Equal(0u, Atomic.Increment(ref u));
            Assert.Equal(uint.MaxValue, Atomic.Decrement(ref u));
            Assert.Equal(4u, Atomic.Add(ref u, 5u));
            Assert.Equal(uint.MaxValue, Atomic.Subtract(ref u, 5u));

            ulong ul = ulong.MaxValue;
            Assert.Equal(0ul, Atomic.Increment(ref ul));
            Assert.Equal(ulong.MaxValue, Atomic.Decrement(ref ul));
            Assert.Equal(9ul, Atomic.Add(ref ul, 10ul));
            Assert.Equal(ulong.MaxValue - 1, Atomic.Subtract(ref ul, 11ul));
        }

        [Fact]
        public void UnsignedIncrementOnEightThreads_LosesNoUpdate()
        {
            uint u = uint.MaxValue - 1000;
            ulong ul = 0;
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 250_000; i++)
                {
                    Atomic.Increment(ref u);
                    Atomic.Add(ref ul, 3ul);
                }
            });

            Assert.Equal(unchecked(uint.MaxValue - 1000 + 2_000_000u), u);
            Assert.Equal(6_000_000ul, ul);
        }

        [Fact]
        public void NetStandardPinnedPaths_MatchTheNativeSemantics()
        {
            uint u = uint.MaxValue;
            Assert.Equal(0u, Internal.Reinterpret.PinnedAdd(ref u, 1u));
            Assert.Equal(0u, Internal.Reinterpret.PinnedCompareExchange(ref u, 7u, 0u));
            Assert.Equal(7u, Internal.Reinterpret.PinnedCompareExchange(ref u, 9u, 0u));
            Assert.Equal(7u, u);

            ulong ul = ulong.MaxValue - 1;
            Assert.Equal(ulong.MaxValue, Internal.Reinterpret.PinnedRead(ref ul) + 1);
            Assert.Equal(ulong.MaxValue, Internal.Reinterpret.PinnedAdd(ref ul, 1ul));
            Assert.Equal(ulong.MaxValue, Internal.Reinterpret.PinnedCompareExchange(ref ul, 3ul, ulong.MaxValue));
            Assert.Equal(3ul, ul);

            ulong shared = 0;
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 20_000; i++)
                {
                    Internal.Reinterpret.PinnedAdd(ref shared, 1ul);
                }
            });
            Assert.Equal(160_000ul, shared);
        }

        [Fact]
        public void Max_ReturnsTheValueStored()
        {
            int i = 5;
            Assert.Equal(5, Atomic.Max(ref i, 3));
            Assert.Equal(5, i);
            Assert.Equal(9, Atomic.Max(ref i, 9));
            Assert.Equal(9, i);

            long l = -1;
            Assert.Equal(-1, Atomic.Max(ref l, -2));
            Assert.Equal(long.MaxValue, Atomic.Max(ref l, long.MaxValue));

            double d = 1.0;
            Assert.Equal(1.0, Atomic.Max(ref d, 0.5));
            Assert.Equal(2.0, Atomic.Max(ref d, 2.0));
            Assert.Equal(2.0, d);
        }

        [Fact]
        public void Min_ReturnsTheValueStored()
        {
            int i = 5;
            Assert.Equal(5, Atomic.Min(ref i, 8));
            Assert.Equal(-3, Atomic.Min(ref i, -3));
            Assert.Equal(-3, i);

            long l = 0;
            Assert.Equal(long.MinValue, Atomic.Min(ref l, long.MinValue));

            double d = 1.0;
            Assert.Equal(1.0, Atomic.Min(ref d, 2.0));
            Assert.Equal(-4.0, Atomic.Min(ref d, -4.0));
        }

        [Fact]
        public void DoubleMaxAndMin_FollowMathMaxForNaNAndSignedZero()
        {
            double d = 1.0;
            Assert.True(double.IsNaN(Atomic.Max(ref d, double.NaN)));
            Assert.True(double.IsNaN(d));
            Assert.True(double.IsNaN(Atomic.Max(ref d, 5.0)));

            double m = 1.0;
            Assert.True(double.IsNaN(Atomic.Min(ref m, double.NaN)));

            double z = -0.0;
            double stored = Atomic.Max(ref z, 0.0);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Math.Max(-0.0, 0.0)), BitConverter.DoubleToInt64Bits(stored));
            Assert.Equal(BitConverter.DoubleToInt64Bits(stored), BitConverter.DoubleToInt64Bits(z));
        }

        [Fact]
        public void MaxAndMinOnEightThreads_KeepTheExtremes()
        {
            long max = long.MinValue, min = long.MaxValue;
            int intMax = int.MinValue;
            double doubleMax = double.NegativeInfinity;
            bool returnsAtLeastArgument = true;
            Concurrently.Run(8, t =>
            {
                // Interleaved sequences, so threads keep overtaking each other.
                for (int i = 0; i < 40_000; i++)
                {
                    long v = (long)i * 8 + t;
                    returnsAtLeastArgument &= Atomic.Max(ref max, v) >= v;
                    returnsAtLeastArgument &= Atomic.Min(ref min, -v) <= -v;
                    Atomic.Max(ref intMax, (int)v);
                    returnsAtLeastArgument &= Atomic.Max(ref doubleMax, v) >= v;
                }
            });

            Assert.True(returnsAtLeastArgument);
            Assert.Equal(39_999L * 8 + 7, max);
            Assert.Equal(-(39_999L * 8 + 7), min);
            Assert.Equal(39_999 * 8 + 7, intMax);
            Assert.Equal(39_999.0 * 8 + 7, doubleMax);
        }
    }
}
