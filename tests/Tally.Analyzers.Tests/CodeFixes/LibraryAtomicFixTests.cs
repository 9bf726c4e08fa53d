using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// With the Tally library referenced, the fix calls <c>Tally.Atomic</c> where it would otherwise generate a private
/// compare-exchange helper: the same computation, one line, no generated code.
/// </summary>
public class LibraryAtomicFixTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task MultiplyAndFloatingPointAdd_CallTheLibrary(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        public static class Factors
        {
            private static int s_factor = 1;
            private static double s_sum;

            public static void Scale(double v)
            {
                {|TALLY004:s_factor *= 3|};
                {|TALLY004:s_sum += v * 0.5|};
            }
        }
        """, """
        using Tally;

        public static class Factors
        {
            private static int s_factor = 1;
            private static double s_sum;

            public static void Scale(double v)
            {
                Atomic.Multiply(ref s_factor, 3);
                Atomic.Add(ref s_sum, v * 0.5);
            }
        }
        """, TallyLibrary.With(TestData.Options(version)));

    [Fact]
    public Task ValuesOfPostfixAndPrefixUpdates_AreKept() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Meter
        {
            private static double s_total;
            private static float s_level;
            private static long s_product = 1;

            public static double Before() => {|TALLY004:s_total++|};

            public static double After() => {|TALLY004:++s_total|};

            public static float Lower() => {|TALLY004:s_level--|};

            public static long Scale(long n) => {|TALLY004:s_product *= n|};
        }
        """, """
        using System.Threading;
        using Tally;

        public static class Meter
        {
            private static double s_total;
            private static float s_level;
            private static long s_product = 1;

            public static double Before() => Atomic.GetAndAdd(ref s_total, 1);

            public static double After() => Atomic.Add(ref s_total, 1);

            public static float Lower() => Atomic.GetAndAdd(ref s_level, -1);

            public static long Scale(long n) => Atomic.Multiply(ref s_product, n);
        }
        """, TallyLibrary.With());

    [Fact]
    public Task CheckedArithmetic_CallsTheCheckedMethods_WithoutAnExtraUnchecked() => Verify.VerifyCodeFixAsync("""
        public static class Budget
        {
            private static int s_left = 100;
            private static long s_next;

            public static void Spend(int n)
            {
                checked
                {
                    {|TALLY004:s_left -= n|};
                    {|TALLY004:s_left += n|};
                    {|TALLY004:s_left *= n|};
                    {|TALLY004:s_left--|};
                }
            }

            public static long Next() => checked({|TALLY004:s_next++|});
        }
        """, """
        using Tally;

        public static class Budget
        {
            private static int s_left = 100;
            private static long s_next;

            public static void Spend(int n)
            {
                checked
                {
                    Atomic.SubtractChecked(ref s_left, n);
                    Atomic.AddChecked(ref s_left, n);
                    Atomic.MultiplyChecked(ref s_left, n);
                    Atomic.DecrementChecked(ref s_left);
                }
            }

            public static long Next() => checked(Atomic.IncrementChecked(ref s_next) - 1);
        }
        """, TallyLibrary.With());

    [Fact]
    public Task SubtractingAConstantFromADouble_AddsItsNegation_AVariableSubtrahendKeepsTheHelper() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;

        public static class Level
        {
            private static double s_level;

            public static void Drop(double v)
            {
                {|TALLY004:s_level -= 0.5|};
                {|TALLY004:s_level -= 0|};
                {|TALLY004:s_level -= v|};
            }
        }
        """, $$"""
        using System;
        using System.Threading;
        using Tally;

        public static class Level
        {
            private static double s_level;

            public static void Drop(double v)
            {
                Atomic.Add(ref s_level, -0.5);
                Atomic.Add(ref s_level, -(double)0);
                AtomicSubtract(ref s_level, v);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicSubtract", "double", "current - value", "location - value", equality: "BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current)")}}
        }
        """, TallyLibrary.With());

    [Fact]
    public Task SubtractingACharConstantFromADouble_AddsItsNegation() => Verify.VerifyCodeFixAsync("""
        public static class Level
        {
            private static double s_level;

            public static void Drop() => {|TALLY004:s_level -= 'a'|};
        }
        """, """
        using Tally;

        public static class Level
        {
            private static double s_level;

            public static void Drop() => Atomic.Add(ref s_level, -(double)'a');
        }
        """, TallyLibrary.With());

    [Fact]
    public Task ExclusiveOr_CallsTheLibrary_AndKeepsTheNewValue() => Verify.VerifyCodeFixAsync("""
        public static class Flags
        {
            private static int s_flags;

            public static void Toggle(int mask) { {|TALLY004:s_flags ^= mask|}; }

            public static int ToggleAndGet(int mask) => {|TALLY004:s_flags ^= mask|};
        }
        """, """
        using Tally;

        public static class Flags
        {
            private static int s_flags;

            public static void Toggle(int mask) { Atomic.Xor(ref s_flags, mask); }

            public static int ToggleAndGet(int mask) => Atomic.Xor(ref s_flags, mask) ^ mask;
        }
        """, TallyLibrary.With());

    [Fact]
    public Task ACompareThenAssignWithAnotherTerm_GetsNoFix_AnUnsetValueIsNotAMinimum() => Verify.VerifyNoFixAsync("""
        using System.Threading.Tasks;

        public class PowerLimits
        {
            private double _ceiling;
            private int _peak;

            public void Apply(double[] caps, int[] values)
            {
                Parallel.ForEach(caps, cap =>
                {
                    if (_ceiling == 0d || _ceiling > cap) {|TALLY003:_ceiling = cap|};
                });
                Parallel.ForEach(values, v =>
                {
                    if (v > _peak && v < 100) {|TALLY003:_peak = v|};
                });
            }
        }
        """, TallyLibrary.With());

    [Fact]
    public Task RunningExtremesTheAnalyzerReports_BecomeAtomicMax() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        public class Peaks
        {
            private int _max;
            private long _latest;

            public void Scan(int[] values)
            {
                Parallel.ForEach(values, v =>
                {
                    {|TALLY003:_max = Math.Max(_max, v)|};
                    if (v > _latest) {|TALLY003:_latest = v|};
                });
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Tally;

        public class Peaks
        {
            private int _max;
            private long _latest;

            public void Scan(int[] values)
            {
                Parallel.ForEach(values, v =>
                {
                    Atomic.Max(ref _max, v);
                    Atomic.Max(ref _latest, v);
                });
            }
        }
        """, TallyLibrary.With());

    [Fact]
    public Task UserTypeNamedAtomic_TheLibraryTypeIsQualified() => Verify.VerifyCodeFixAsync("""
        public static class Atomic
        {
        }

        public static class Factors
        {
            private static int s_factor = 1;

            public static void Scale() { {|TALLY004:s_factor *= 3|}; }
        }
        """, """
        public static class Atomic
        {
        }

        public static class Factors
        {
            private static int s_factor = 1;

            public static void Scale() { global::Tally.Atomic.Multiply(ref s_factor, 3); }
        }
        """, TallyLibrary.With());

    [Fact]
    public Task VolatileField_KeepsTheInlineLoop_SinceARefToItWouldNotBeVolatile() => Verify.VerifyCodeFixAsync("""
        using System;

        public class Gauge
        {
            private volatile float _scale = 1;

            public void Grow()
            {
                {|TALLY002:_scale *= 2|};
            }
        }
        """, """
        using System;
        using System.Threading;

        public class Gauge
        {
            private volatile float _scale = 1;

            public void Grow()
            {
                while (true)
                {
                    float old = _scale;
                    if (BitConverter.SingleToInt32Bits(Interlocked.CompareExchange(ref _scale, old * 2, old)) == BitConverter.SingleToInt32Bits(old))
                    {
                        break;
                    }
                }
            }
        }
        """, TallyLibrary.With());
}
