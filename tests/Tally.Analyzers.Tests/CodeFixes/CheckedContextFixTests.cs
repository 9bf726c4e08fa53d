using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Interlocked wraps silently; in a checked context the rewrite is a loop with checked arithmetic, so overflow still throws.</summary>
public class CheckedContextFixTests
{
    [Fact]
    public Task CheckedBlock_GetsACheckedHelper_UncheckedCodeNextToIt_Interlocked() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Counters
        {
            private static int s_count;

            public static void Hit(int n)
            {
                checked
                {
                    {|TALLY004:s_count++|};
                    {|TALLY004:s_count += n|};
                }

                {|TALLY004:s_count += n|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Counters
        {
            private static int s_count;

            public static void Hit(int n)
            {
                checked
                {
                    AtomicAddChecked(ref s_count, 1);
                    AtomicAddChecked(ref s_count, n);
                }

                Interlocked.Add(ref s_count, n);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicAddChecked", "int", "checked(current + value)", "location + value", throwsOnOverflow: true)}}
        }
        """);

    [Fact]
    public Task CheckOverflowBuild_PostfixValue_UsesAFetchHelper_UncheckedExpression_Interlocked() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Ids
        {
            private static long s_next;

            public static long Next() => {|TALLY004:s_next++|};

            public static long Wrap() => unchecked({|TALLY004:s_next++|});

            public static void Take(long n)
            {
                {|TALLY004:s_next -= n|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Ids
        {
            private static long s_next;

            public static long Next() => AtomicFetchAddChecked(ref s_next, 1);

            public static long Wrap() => unchecked(Interlocked.Increment(ref s_next) - 1);

            public static void Take(long n)
            {
                AtomicSubtractChecked(ref s_next, n);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicFetchAddChecked", "long", "checked(current + value)", "location + value", returnsOld: true, throwsOnOverflow: true)}}

            {{ExpectedHelpers.CompareExchangeHelper("AtomicSubtractChecked", "long", "checked(current - value)", "location - value", throwsOnOverflow: true)}}
        }
        """, new TestOptions { CheckOverflow = true });

    [Fact]
    public Task CheckOverflowBuild_BitwiseUpdates_StillUseInterlocked() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;

            public static void Set(int mask)
            {
                {|TALLY004:s_flags |= mask|};
            }
        }
        """, """
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;

            public static void Set(int mask)
            {
                Interlocked.Or(ref s_flags, mask);
            }
        }
        """, new TestOptions { CheckOverflow = true });

    [Fact]
    public Task CheckedVolatileIncrement_GetsAnInlineLoop_ThatInheritsTheCheckedContext() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Worker
        {
            private volatile int _pending;

            public void Enqueue()
            {
                {|TALLY002:_pending++|};
            }
        }
        """, """
        using System.Threading;

        public class Worker
        {
            private volatile int _pending;

            public void Enqueue()
            {
                while (true)
                {
                    int old = _pending;
                    if (Interlocked.CompareExchange(ref _pending, old + 1, old) == old)
                    {
                        break;
                    }
                }
            }
        }
        """, new TestOptions { CheckOverflow = true });

    [Fact]
    public Task CheckedSmallInteger_NarrowsWithACheckedConversion() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Small
        {
            private static short s_level;

            public static void Raise()
            {
                checked { {|TALLY004:s_level <<= 1|}; }
            }
        }
        """, $$"""
        using System.Threading;

        public static class Small
        {
            private static short s_level;

            public static void Raise()
            {
                checked { AtomicLeftShiftChecked(ref s_level, 1); }
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicLeftShiftChecked", "short", "checked((short)(current << value))", "location &lt;&lt; value", operandType: "int", throwsOnOverflow: true)}}
        }
        """);
}
