using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using static Tally.Analyzers.Tests.Verification.TestData;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Updates whose value is used: the rewrite must yield the same value (old for x++, new for ++x and x += n).</summary>
public class ValueUsedFixTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task PostfixValue_IsTheOldValue_PrefixValue_IsTheNewValue(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Ids
        {
            private static int s_next;
            private static long s_version;

            public static int Next() => {|TALLY004:s_next++|};

            public static int Peek()
            {
                var id = {|TALLY004:++s_next|};
                return id;
            }

            public static long Back() => {|TALLY004:s_version--|} * 2;

            public static long Down() => {|TALLY004:--s_version|};
        }
        """, """
        using System.Threading;

        public static class Ids
        {
            private static int s_next;
            private static long s_version;

            public static int Next() => Interlocked.Increment(ref s_next) - 1;

            public static int Peek()
            {
                var id = Interlocked.Increment(ref s_next);
                return id;
            }

            public static long Back() => (Interlocked.Decrement(ref s_version) + 1) * 2;

            public static long Down() => Interlocked.Decrement(ref s_version);
        }
        """, Options(version));

    [Fact]
    public Task DecrementComparedToZero_KeepsItsMeaning() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Handle
        {
            private static int s_refs;

            public static bool Release()
            {
                return {|TALLY004:--s_refs|} == 0;
            }

            public static bool ReleaseLast()
            {
                if ({|TALLY004:s_refs--|} == 1)
                {
                    return true;
                }

                return false;
            }
        }
        """, """
        using System.Threading;

        public static class Handle
        {
            private static int s_refs;

            public static bool Release()
            {
                return Interlocked.Decrement(ref s_refs) == 0;
            }

            public static bool ReleaseLast()
            {
                if (Interlocked.Decrement(ref s_refs) + 1 == 1)
                {
                    return true;
                }

                return false;
            }
        }
        """);

    [Fact]
    public Task CompoundAssignmentValue_IsTheNewValue() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Totals
        {
            private static long s_total;

            public static long Add(long n)
            {
                long y = ({|TALLY004:s_total += n|});
                var z = {|TALLY004:s_total -= n|};
                return y + z + ({|TALLY004:s_total = s_total + 1|});
            }
        }
        """, """
        using System.Threading;

        public static class Totals
        {
            private static long s_total;

            public static long Add(long n)
            {
                long y = (Interlocked.Add(ref s_total, n));
                var z = Interlocked.Add(ref s_total, -n);
                return y + z + (Interlocked.Increment(ref s_total));
            }
        }
        """);

    [Fact]
    public Task PostfixInsideUnchecked_NeedsNoSecondUnchecked() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Ids
        {
            private static int s_next;

            public static int Next() => unchecked({|TALLY004:s_next++|});
        }
        """, """
        using System.Threading;

        public static class Ids
        {
            private static int s_next;

            public static int Next() => unchecked(Interlocked.Increment(ref s_next) - 1);
        }
        """);

    [Fact]
    public Task PostfixAsArgument_PassesTheOldValue() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;

        public static class Ids
        {
            private static int s_next;

            public static void Take(List<int> ids)
            {
                ids.Add({|TALLY004:s_next++|});
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;

        public static class Ids
        {
            private static int s_next;

            public static void Take(List<int> ids)
            {
                ids.Add(Interlocked.Increment(ref s_next) - 1);
            }
        }
        """);
}
