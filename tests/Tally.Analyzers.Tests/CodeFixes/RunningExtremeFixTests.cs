using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.Tests.CodeFixes.AnyUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// Running extremes, <c>x = Math.Max(x, v)</c> and <c>if (v &gt; x) x = v;</c>, become the Tally library's
/// <c>Atomic.Max</c>/<c>Atomic.Min</c> where those compute the same value. (The test-only <see cref="AnyUpdateAnalyzer"/>
/// reports the shapes, independently of when the real analyzer does.)
/// </summary>
public class RunningExtremeFixTests
{
    [Fact]
    public Task MathMaxAndMin_BecomeAtomicMaxAndMin() => Verify.VerifyCodeFixAsync("""
        using System;

        public static class Peaks
        {
            private static int s_peak;
            private static long s_low = long.MaxValue;
            private static double s_top;

            public static void Record(int v, long w, double d)
            {
                {|TALLY004:s_peak = Math.Max(s_peak, v)|};
                {|TALLY004:s_low = Math.Min(w, s_low)|}; // either order for integers
                {|TALLY004:s_top = Math.Max(s_top, d)|};
            }
        }
        """, """
        using System;
        using Tally;

        public static class Peaks
        {
            private static int s_peak;
            private static long s_low = long.MaxValue;
            private static double s_top;

            public static void Record(int v, long w, double d)
            {
                Atomic.Max(ref s_peak, v);
                Atomic.Min(ref s_low, w); // either order for integers
                Atomic.Max(ref s_top, d);
            }
        }
        """, TallyLibrary.With());

    [Fact]
    public Task GuardedAssignment_BecomesAtomicMaxOrMin_ReplacingTheIf() => Verify.VerifyCodeFixAsync("""
        public sealed class Latency
        {
            private long _worst;
            private long _best = long.MaxValue;

            public void Record(long ticks)
            {
                if (ticks > _worst) {|TALLY005:_worst = ticks|}; // slowest so far
                if (_best > ticks)
                {
                    {|TALLY005:_best = ticks|};
                }

                if (ticks >= 0) return;
            }
        }
        """, """
        using Tally;

        public sealed class Latency
        {
            private long _worst;
            private long _best = long.MaxValue;

            public void Record(long ticks)
            {
                Atomic.Max(ref _worst, ticks); // slowest so far
                Atomic.Min(ref _best, ticks);

                if (ticks >= 0) return;
            }
        }
        """, TallyLibrary.With());

    [Fact]
    public Task ExtremesTheLibraryCannotMatch_GetNoFix() => Verify.VerifyNoFixAsync("""
        using System;

        public static class Peaks
        {
            private static double s_top;
            private static int s_peak;
            private static float s_level;

            private static int Read() => 1;

            public static void Record(double d, int v, float f)
            {
                // NaN and signed zeros: Math.Max(d, x) is not Math.Max(x, d) bit for bit.
                {|TALLY004:s_top = Math.Max(d, s_top)|};

                // A NaN or -0.0 candidate: the comparison and Math.Max disagree.
                if (d > s_top) {|TALLY004:s_top = d|};

                // The candidate is computed twice (once in the condition).
                if (Read() > s_peak) {|TALLY004:s_peak = Read()|};

                // An else branch, or another value than the one compared.
                if (v > s_peak) {|TALLY004:s_peak = v|}; else v = 0;
                if (v > s_peak) {|TALLY004:s_peak = v + 1|};

                // No Atomic.Max for float.
                {|TALLY004:s_level = Math.Max(s_level, f)|};
            }
        }
        """, TallyLibrary.With());

    [Fact]
    public Task WithoutTheLibrary_ARunningExtremeGetsNoFix() => Verify.VerifyNoFixAsync("""
        using System;

        public static class Peaks
        {
            private static int s_peak;

            public static void Record(int v)
            {
                {|TALLY004:s_peak = Math.Max(s_peak, v)|};
                if (v > s_peak) {|TALLY004:s_peak = v|};
            }
        }
        """);
}
