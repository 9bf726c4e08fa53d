using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>|=, &amp;= and ^=: Interlocked.Or/And where the framework has them (they return the OLD value), loops otherwise.</summary>
public class BitwiseFixTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task OrAndStatements_BecomeInterlockedOrAnd(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;
            private static ulong s_wide;

            public static void Set(int mask, ulong wide)
            {
                {|TALLY004:s_flags |= mask|};
                {|TALLY004:s_flags &= ~mask|};
                {|TALLY004:s_wide |= wide|};
                {|TALLY004:s_flags = s_flags | 4|};
            }
        }
        """, """
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;
            private static ulong s_wide;

            public static void Set(int mask, ulong wide)
            {
                Interlocked.Or(ref s_flags, mask);
                Interlocked.And(ref s_flags, ~mask);
                Interlocked.Or(ref s_wide, wide);
                Interlocked.Or(ref s_flags, 4);
            }
        }
        """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task OrAndValues_CombineTheOldValueWithTheMaskAgain() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Flags
        {
            private const int Disposed = 4;
            private static int s_flags;

            public static bool Set(int mask)
            {
                int now = ({|TALLY004:s_flags |= mask|});
                int kept = {|TALLY004:s_flags &= Disposed | 1|};
                return now == kept;
            }
        }
        """, """
        using System.Threading;

        public static class Flags
        {
            private const int Disposed = 4;
            private static int s_flags;

            public static bool Set(int mask)
            {
                int now = (Interlocked.Or(ref s_flags, mask) | mask);
                int kept = Interlocked.And(ref s_flags, Disposed | 1) & (Disposed | 1);
                return now == kept;
            }
        }
        """);

    [Fact]
    public Task OrValue_WithAnOperandThatCannotBeEvaluatedTwice_UsesAHelper() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;

            public static int Next() => 1;

            public static int Set()
            {
                return {|TALLY004:s_flags |= Next()|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;

            public static int Next() => 1;

            public static int Set()
            {
                return AtomicOr(ref s_flags, Next());
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicOr", "int", "current | value", "location | value")}}
        }
        """);

    [Fact]
    public Task ExclusiveOr_UsesACompareExchangeHelper() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Flags
        {
            private static long s_bits;

            public static void Toggle(long mask)
            {
                {|TALLY004:s_bits ^= mask|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Flags
        {
            private static long s_bits;

            public static void Toggle(long mask)
            {
                AtomicExclusiveOr(ref s_bits, mask);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicExclusiveOr", "long", "current ^ value", "location ^ value")}}
        }
        """);

    [Fact]
    public Task EnumFlags_UseAGenericCompareExchangeLoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        [System.Flags]
        public enum Options { None = 0, Verbose = 1, Trace = 2 }

        public static class Settings
        {
            private static Options s_options;

            public static Options Enable(Options extra)
            {
                {|TALLY004:s_options |= Options.Verbose|};
                return {|TALLY004:s_options = s_options | extra|};
            }
        }
        """, $$"""
        using System.Threading;

        [System.Flags]
        public enum Options { None = 0, Verbose = 1, Trace = 2 }

        public static class Settings
        {
            private static Options s_options;

            public static Options Enable(Options extra)
            {
                AtomicOr(ref s_options, Options.Verbose);
                return AtomicOr(ref s_options, extra);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicOr", "Options", "current | value", "location | value")}}
        }
        """);

    [Fact]
    public Task NetStandard20_HasNoOr_SoItUsesALoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;

            public static void Set(int mask)
            {
                {|TALLY004:s_flags |= mask|};
                {|TALLY004:s_flags &= ~mask|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Flags
        {
            private static int s_flags;

            public static void Set(int mask)
            {
                AtomicOr(ref s_flags, mask);
                AtomicAnd(ref s_flags, ~mask);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicOr", "int", "current | value", "location | value")}}

            {{ExpectedHelpers.CompareExchangeHelper("AtomicAnd", "int", "current & value", "location &amp; value")}}
        }
        """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });

    [Fact]
    public Task VolatileFieldOnNetStandard20_GetsAnInlineLoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Worker
        {
            private volatile int _state;

            public void Reset() => _state = 0;

            public void Stop()
            {
                {|TALLY002:_state |= 2|};
            }
        }
        """, """
        using System.Threading;

        public class Worker
        {
            private volatile int _state;

            public void Reset() => _state = 0;

            public void Stop()
            {
                while (true)
                {
                    int old = _state;
                    if (Interlocked.CompareExchange(ref _state, old | 2, old) == old)
                    {
                        break;
                    }
                }
            }
        }
        """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });
}
