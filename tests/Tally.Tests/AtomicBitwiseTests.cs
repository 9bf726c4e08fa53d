using Tally.Internal;
using Xunit;

namespace Tally.Tests
{
    public class AtomicBitwiseTests
    {
        [Fact]
        public void IntBitwise_ReturnsTheOriginalAndStoresTheResult()
        {
            int x = 0b1100;
            Assert.Equal(0b1100, Atomic.Or(ref x, 0b0011));
            Assert.Equal(0b1111, x);
            Assert.Equal(0b1111, Atomic.And(ref x, 0b0110));
            Assert.Equal(0b0110, x);
            Assert.Equal(0b0110, Atomic.Xor(ref x, 0b0101));
            Assert.Equal(0b0011, x);
        }

        [Fact]
        public void LongBitwise_ReturnsTheOriginalAndStoresTheResult()
        {
            long x = 1L << 40;
            Assert.Equal(1L << 40, Atomic.Or(ref x, 1));
            Assert.Equal((1L << 40) | 1, Atomic.And(ref x, -1));
            Assert.Equal((1L << 40) | 1, Atomic.Xor(ref x, (1L << 40) | 2));
            Assert.Equal(3, x);
        }

        [Fact]
        public void UnsignedBitwise_ReturnsTheOriginalAndStoresTheResult()
        {
            uint u = 0x8000_0000u;
            Assert.Equal(0x8000_0000u, Atomic.Or(ref u, 1u));
            Assert.Equal(0x8000_0001u, Atomic.And(ref u, 0xFFFF_0000u));
            Assert.Equal(0x8000_0000u, Atomic.Xor(ref u, 0xFFFF_FFFFu));
            Assert.Equal(0x7FFF_FFFFu, u);

            ulong ul = 1ul << 63;
            Assert.Equal(1ul << 63, Atomic.Or(ref ul, 1ul));
            Assert.Equal((1ul << 63) | 1, Atomic.And(ref ul, 1ul << 63));
            Assert.Equal(1ul << 63, Atomic.Xor(ref ul, ulong.MaxValue));
            Assert.Equal(ulong.MaxValue >> 1, ul);
        }

        [Fact]
        public void NetStandardCompareExchangeLoops_ReturnTheOriginalLikeTheNativeOnes()
        {
            int i = 0b1100;
            Assert.Equal(0b1100, PortableBitwise.Or(ref i, 0b0011));
            Assert.Equal(0b1111, PortableBitwise.And(ref i, 0b0101));
            Assert.Equal(0b0101, i);

            long l = 6;
            Assert.Equal(6, PortableBitwise.Or(ref l, 1L << 50));
            Assert.Equal(6 | (1L << 50), PortableBitwise.And(ref l, 1L << 50));
            Assert.Equal(1L << 50, l);

            uint u = 0xF0u;
            Assert.Equal(0xF0u, PortableBitwise.Or(ref u, 0x0Fu));
            Assert.Equal(0xFFu, PortableBitwise.And(ref u, 0x3Cu));
            Assert.Equal(0x3Cu, u);

            ulong ul = ulong.MaxValue;
            Assert.Equal(ulong.MaxValue, PortableBitwise.And(ref ul, 1ul));
            Assert.Equal(1ul, PortableBitwise.Or(ref ul, 1ul << 63));
            Assert.Equal((1ul << 63) | 1, ul);
        }

        [Fact]
        public void OrFromManyThreads_SetsEveryBit()
        {
            long flags = 0;
            int intFlags = 0;
            long portableFlags = 0;
            Concurrently.Run(8, t =>
            {
                for (int bit = t; bit < 64; bit += 8)
                {
                    Atomic.Or(ref flags, 1L << bit);
                    PortableBitwise.Or(ref portableFlags, 1L << bit);
                    Atomic.Or(ref intFlags, 1 << (bit % 32));
                }
            });

            Assert.Equal(-1L, flags);
            Assert.Equal(-1L, portableFlags);
            Assert.Equal(-1, intFlags);
        }

        [Fact]
        public void XorAndAndFromManyThreads_EachThreadSeesItsOwnBitsInTheOriginal()
        {
            // Each thread owns 8 bits and toggles / clears / sets only those; the original value returned must
            // always show the owner's bits exactly as the owner left them, whatever the other threads do.
            ulong word = 0;
            bool consistent = true;
            Concurrently.Run(8, t =>
            {
                ulong mine = 0xFFul << (8 * t);
                ulong expected = 0;
                for (int i = 0; i < 20_000; i++)
                {
                    ulong original = Atomic.Xor(ref word, mine);
                    consistent &= (original & mine) == expected;
                    expected ^= mine;

                    original = Atomic.And(ref word, ~mine);
                    consistent &= (original & mine) == expected;
                    expected = 0;

                    original = PortableBitwise.Or(ref word, mine);
                    consistent &= (original & mine) == expected;
                    expected = mine;
                }
            });

            Assert.True(consistent);
            Assert.Equal(ulong.MaxValue, word);
        }
    }
}
