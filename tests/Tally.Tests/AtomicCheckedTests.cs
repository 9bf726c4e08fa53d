using System;
using System.Threading;
using Xunit;

namespace Tally.Tests
{
    public class AtomicCheckedTests
    {
        [Fact]
        public void CheckedOperationsThatFit_ReturnTheNewValue()
        {
            int i = 10;
            Assert.Equal(15, Atomic.AddChecked(ref i, 5));
            Assert.Equal(12, Atomic.SubtractChecked(ref i, 3));
            Assert.Equal(36, Atomic.MultiplyChecked(ref i, 3));
            Assert.Equal(37, Atomic.IncrementChecked(ref i));
            Assert.Equal(36, Atomic.DecrementChecked(ref i));
            Assert.Equal(36, i);

            long l = 10;
            Assert.Equal(15, Atomic.AddChecked(ref l, 5));
            Assert.Equal(12, Atomic.SubtractChecked(ref l, 3));
            Assert.Equal(-36, Atomic.MultiplyChecked(ref l, -3));
            Assert.Equal(-35, Atomic.IncrementChecked(ref l));
            Assert.Equal(-36, Atomic.DecrementChecked(ref l));
        }

        [Fact]
        public void IntOverflow_ThrowsAndLeavesTheValueUnchanged()
        {
            int max = int.MaxValue;
            Assert.Throws<OverflowException>(() => Atomic.AddChecked(ref max, 1));
            Assert.Throws<OverflowException>(() => Atomic.IncrementChecked(ref max));
            Assert.Throws<OverflowException>(() => Atomic.MultiplyChecked(ref max, 2));
            Assert.Throws<OverflowException>(() => Atomic.SubtractChecked(ref max, -1));
            Assert.Equal(int.MaxValue, max);

            int min = int.MinValue;
            Assert.Throws<OverflowException>(() => Atomic.DecrementChecked(ref min));
            Assert.Throws<OverflowException>(() => Atomic.AddChecked(ref min, -1));
            Assert.Throws<OverflowException>(() => Atomic.MultiplyChecked(ref min, -1));
            Assert.Equal(int.MinValue, min);

            int zero = 0;
            Assert.Throws<OverflowException>(() => Atomic.SubtractChecked(ref zero, int.MinValue));
            Assert.Equal(0, zero);
        }

        [Fact]
        public void LongOverflow_ThrowsAndLeavesTheValueUnchanged()
        {
            long max = long.MaxValue;
            Assert.Throws<OverflowException>(() => Atomic.AddChecked(ref max, 1));
            Assert.Throws<OverflowException>(() => Atomic.IncrementChecked(ref max));
            Assert.Throws<OverflowException>(() => Atomic.MultiplyChecked(ref max, 2));
            Assert.Equal(long.MaxValue, max);

            long min = long.MinValue;
            Assert.Throws<OverflowException>(() => Atomic.DecrementChecked(ref min));
            Assert.Throws<OverflowException>(() => Atomic.SubtractChecked(ref min, 1));
            Assert.Equal(long.MinValue, min);
        }

        [Fact]
        public void CheckedIncrementsRacingToTheLimit_SucceedExactlyUntilFull()
        {
            int value = int.MaxValue - 1000;
            int succeeded = 0, overflowed = 0;
            Concurrently.Run(8, _ =>
            {
                for (int i = 0; i < 500; i++)
                {
                    try
                    {
                        Atomic.IncrementChecked(ref value);
                        Interlocked.Increment(ref succeeded);
                    }
                    catch (OverflowException)
                    {
                        Interlocked.Increment(ref overflowed);
                    }
                }
            });

            Assert.Equal(int.MaxValue, value);
            Assert.Equal(1000, succeeded);
            Assert.Equal(8 * 500 - 1000, overflowed);
        }

        [Fact]
        public void CheckedAddsOnEightThreads_LoseNoUpdate()
        {
            long total = 0;
            Concurrently.Run(8, t =>
            {
                for (int i = 0; i < 20_000; i++)
                {
                    Atomic.AddChecked(ref total, t);
                }
            });

            Assert.Equal(20_000L * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7), total);
        }
    }
}
