using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using static Tally.Analyzers.Tests.Verification.TestData;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Updates in statement position that become one Interlocked call.</summary>
public class StatementIncrementFixTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task IncrementsAndDecrements_BecomeInterlockedIncrementAndDecrement(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Counters
        {
            private static int s_count;
            private static long s_total;

            public static void Hit()
            {
                // before
                {|TALLY004:s_count++|}; // after
                {|TALLY004:++s_count|};
                {|TALLY004:s_total--|};
                {|TALLY004:--s_total|};
            }
        }
        """, """
        using System.Threading;

        public static class Counters
        {
            private static int s_count;
            private static long s_total;

            public static void Hit()
            {
                // before
                Interlocked.Increment(ref s_count); // after
                Interlocked.Increment(ref s_count);
                Interlocked.Decrement(ref s_total);
                Interlocked.Decrement(ref s_total);
            }
        }
        """, Options(version));

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task AddAndSubtract_BecomeInterlockedAdd(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Totals
        {
            private static int s_total;

            public static void Record(int n, int a, int b)
            {
                {|TALLY004:s_total += n|};
                {|TALLY004:s_total -= n|};
                {|TALLY004:s_total -= a + b|};
                {|TALLY004:s_total -= 5|};
                {|TALLY004:s_total -= -5|};
                {|TALLY004:s_total -= 1|};
                {|TALLY004:s_total = s_total + n|};
                {|TALLY004:s_total = n + s_total|};
                {|TALLY004:s_total = s_total - n|};
            }
        }
        """, """
        using System.Threading;

        public static class Totals
        {
            private static int s_total;

            public static void Record(int n, int a, int b)
            {
                Interlocked.Add(ref s_total, n);
                Interlocked.Add(ref s_total, -n);
                Interlocked.Add(ref s_total, -(a + b));
                Interlocked.Add(ref s_total, -5);
                Interlocked.Add(ref s_total, -(-5));
                Interlocked.Decrement(ref s_total);
                Interlocked.Add(ref s_total, n);
                Interlocked.Add(ref s_total, n);
                Interlocked.Add(ref s_total, -n);
            }
        }
        """, Options(version));

    [Fact]
    public Task SubtractingTheMinimumValue_NegatesWithoutACompileTimeOverflow() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Totals
        {
            private static int s_int;
            private static long s_long;

            public static void Record(int n)
            {
                {|TALLY004:s_int -= int.MinValue|};
                {|TALLY004:s_long -= int.MinValue|};
                {|TALLY004:s_long -= n|};
                {|TALLY004:s_long -= long.MinValue|};
            }
        }
        """, """
        using System.Threading;

        public static class Totals
        {
            private static int s_int;
            private static long s_long;

            public static void Record(int n)
            {
                Interlocked.Add(ref s_int, unchecked(-int.MinValue));
                Interlocked.Add(ref s_long, -(long)int.MinValue);
                Interlocked.Add(ref s_long, -(long)n);
                Interlocked.Add(ref s_long, unchecked(-long.MinValue));
            }
        }
        """);

    [Fact]
    public Task UnsignedSubtraction_AddsTheTwosComplement() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Totals
        {
            private static uint s_uint;
            private static ulong s_ulong;

            public static void Record(uint n, ulong m)
            {
                {|TALLY004:s_uint -= n|};
                {|TALLY004:s_uint -= 3|};
                {|TALLY004:s_ulong -= m|};
                {|TALLY004:s_uint--|};
                {|TALLY004:s_ulong += m|};
            }
        }
        """, """
        using System.Threading;

        public static class Totals
        {
            private static uint s_uint;
            private static ulong s_ulong;

            public static void Record(uint n, ulong m)
            {
                Interlocked.Add(ref s_uint, 0U - n);
                Interlocked.Add(ref s_uint, unchecked(0U - 3));
                Interlocked.Add(ref s_ulong, 0UL - m);
                Interlocked.Decrement(ref s_uint);
                Interlocked.Add(ref s_ulong, m);
            }
        }
        """);

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task VolatileField_KeepsVolatile_AndGetsNoPragma(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
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
                Interlocked.Increment(ref _pending);
            }
        }
        """, Options(version));

    [Fact]
    public Task NetStandard20_HasIntAndLongOverloads() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Counters
        {
            private static int s_count;
            private static long s_total;

            public static void Hit(long n)
            {
                {|TALLY004:s_count++|};
                {|TALLY004:s_total += n|};
            }
        }
        """, """
        using System.Threading;

        public static class Counters
        {
            private static int s_count;
            private static long s_total;

            public static void Hit(long n)
            {
                Interlocked.Increment(ref s_count);
                Interlocked.Add(ref s_total, n);
            }
        }
        """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });
}
