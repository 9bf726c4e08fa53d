using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// The fix's output as a reviewer reads it: the call that says what happens (<c>Increment</c> for <c>+= 1</c>), no
/// <c>unchecked(...)</c> the context does not need, comments where they were, loops indented in brace-less bodies.
/// </summary>
public class ReviewableOutputFixTests
{
    [Fact]
    public Task AddingOne_IsAnIncrement() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Counters
        {
            private static int s_count;
            private static long s_total;
            private static uint s_ticks;

            public static void Hit()
            {
                {|TALLY004:s_count += 1|};
                {|TALLY004:s_total = s_total + 1|};
                {|TALLY004:s_ticks = 1 + s_ticks|};
            }

            public static long Total() => {|TALLY004:s_total += 1L|};
        }
        """, """
        using System.Threading;

        public static class Counters
        {
            private static int s_count;
            private static long s_total;
            private static uint s_ticks;

            public static void Hit()
            {
                Interlocked.Increment(ref s_count);
                Interlocked.Increment(ref s_total);
                Interlocked.Increment(ref s_ticks);
            }

            public static long Total() => Interlocked.Increment(ref s_total);
        }
        """);

    [Fact]
    public Task UncheckedContext_GetsNoUncheckedOfItsOwn() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Ids
        {
            private static int s_next;
            private static uint s_free;
            private static int s_low;

            public static int Next() => {|TALLY004:s_next++|};

            public static int Back() => unchecked({|TALLY004:s_next--|});

            public static void Take(uint n)
            {
                {|TALLY004:s_free -= n|};
                {|TALLY004:s_free -= 3|};
                unchecked
                {
                    {|TALLY004:s_low -= int.MinValue|};
                }
            }
        }
        """, """
        using System.Threading;

        public static class Ids
        {
            private static int s_next;
            private static uint s_free;
            private static int s_low;

            public static int Next() => Interlocked.Increment(ref s_next) - 1;

            public static int Back() => unchecked(Interlocked.Decrement(ref s_next) + 1);

            public static void Take(uint n)
            {
                Interlocked.Add(ref s_free, 0U - n);
                Interlocked.Add(ref s_free, unchecked(0U - 3));
                unchecked
                {
                    Interlocked.Add(ref s_low, -int.MinValue);
                }
            }
        }
        """);

    [Fact]
    public Task TrailingComments_StayOnTheirStatement() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Meter
        {
            private static int s_factor = 1;
            private volatile int _scale = 1;
            private int _next;

            public void Record()
            {
                {|TALLY004:s_factor *= 3|}; // grows fast
                {|TALLY002:_scale *= 2|}; // doubles
            }

            public void Start()
            {
                lock (this) { _next = 0; }
            }

            public int Take()
            {
                {|TALLY001:_next++|}; // one more
                return _next; // the id
            }
        }
        """, $$"""
        using System.Threading;

        public class Meter
        {
            private static int s_factor = 1;
            private volatile int _scale = 1;
            private int _next;

            public void Record()
            {
                AtomicMultiply(ref s_factor, 3); // grows fast
                while (true)
                {
                    int old = _scale;
                    if (Interlocked.CompareExchange(ref _scale, old * 2, old) == old)
                    {
                        break;
                    }
                } // doubles
            }

            public void Start()
            {
                lock (this) { _next = 0; }
            }

            public int Take()
            {
                var next = Interlocked.Increment(ref _next); // one more
                return next; // the id
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "int", "unchecked(current * value)", "location * value")}}
        }
        """);

    [Fact]
    public Task BracelessElseAndForBodies_GetAnIndentedLoop() => Verify.VerifyCodeFixAsync("""
        public class Gauge
        {
            private volatile int _level = 1;

            public void Adjust(bool up, int n)
            {
                if (up)
                    {|TALLY002:_level++|};
                else
                    {|TALLY002:_level *= 2|};

                for (int i = 0; i < n; i++)
                    {|TALLY002:_level /= 2|};
            }
        }
        """, """
        using System.Threading;

        public class Gauge
        {
            private volatile int _level = 1;

            public void Adjust(bool up, int n)
            {
                if (up)
                    Interlocked.Increment(ref _level);
                else
                    while (true)
                    {
                        int old = _level;
                        if (Interlocked.CompareExchange(ref _level, old * 2, old) == old)
                        {
                            break;
                        }
                    }

                for (int i = 0; i < n; i++)
                    while (true)
                    {
                        int old = _level;
                        if (Interlocked.CompareExchange(ref _level, old / 2, old) == old)
                        {
                            break;
                        }
                    }
            }
        }
        """);
}
