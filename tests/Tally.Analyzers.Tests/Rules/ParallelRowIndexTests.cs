using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An array element whose index a <c>Parallel.For</c> body computes from its iteration variable by <c>+ - *</c> alone
/// (<c>pixels[(top + row) * width + left + x]</c>, a row per iteration) is most likely an element per iteration, not
/// certainly: the finding is inferred (fresh23, fo-dicom's overlay renderer). <c>a[i]</c> itself stays unreported; an
/// index with a division, remainder, mask, shift right, call or element read in its derivation (a histogram's
/// <c>hist[data[i]]++</c>), or one that does not come from the iteration variable, stays certain.
/// </summary>
public class ParallelRowIndexTests
{
    private static string Loop(string statements) => $$"""
        using System.Threading.Tasks;

        public static class Work
        {
            private static readonly int Stride = 8;

            public static void Run(int[] a, int[] data, int n, int k, int d)
            {
                Parallel.For(0, n, i =>
                {
                    {{statements}}
                });
            }

            private static int Offset(int i) => i * 2;
        }
        """;

    [Fact]
    public Task PixelsOfTheIterationsRowSteppedByAnInnerLoop_AreInferred() => AssertReportedAsync("""
        using System.Threading.Tasks;

        public sealed class Overlay
        {
            private readonly byte[] _mask;
            private readonly int _width, _height, _left, _top, _color;

            public Overlay(byte[] mask, int width, int height, int left, int top, int color)
            {
                _mask = mask; _width = width; _height = height; _left = left; _top = top; _color = color;
            }

            public void Draw(int[] target, int targetWidth)
            {
                Parallel.For(0, _height, row =>
                {
                    for (int i = row * _width, end = i + _width, p = (_top + row) * targetWidth + _left; i < end; i++, p++)
                    {
                        if (_mask[i] != 0 && p >= 0)
                        {
                            {|TALLY003:target[p] |= _color|};
                        }
                    }
                });
            }
        }
        """, certain: false);

    [Fact]
    public Task ARowOfAFieldArrayIndexedByTheIterationVariableTimesTheWidth_IsInferred() => AssertReportedAsync("""
        using System.Threading.Tasks;

        public sealed class Canvas
        {
            private readonly int[] _pixels;
            private readonly int _width;

            public Canvas(int width, int height)
            {
                _width = width;
                _pixels = new int[width * height];
            }

            public void Tint(int height, int color)
            {
                Parallel.For(0, height, row =>
                {
                    for (var x = 0; x < _width; x += 1)
                    {
                        {|TALLY003:_pixels[row * _width + x] |= color|};
                    }
                });
            }
        }
        """, certain: false);

    [Theory]
    [InlineData("var slot = i * 2 + 1; {|TALLY003:a[slot] += d|};")]
    [InlineData("{|TALLY003:a[(i << 2) - Stride] += d|};")]
    [InlineData("var p = k * i; while (p < k * i + k) { {|TALLY003:a[p]++|}; p++; }")]
    public Task AnIndexComputedFromTheIterationVariableByArithmetic_IsInferred(string statements)
        => AssertReportedAsync(Loop(statements), certain: false);

    [Fact]
    public Task AnIndexFromTheLoopVariableOfParallelForWithThreadLocalState_IsInferred() => AssertReportedAsync("""
        using System.Threading.Tasks;

        public static class Sums
        {
            public static void Run(long[] pairs, int n)
            {
                Parallel.For(0, n, () => 0L, (i, state, local) =>
                {
                    {|TALLY003:pairs[2 * i + 1] += local|};
                    return local + 1;
                }, local => { });
            }
        }
        """, certain: false);

    [Fact]
    public Task AnIndexFromTheIndexOfParallelForEach_IsInferred() => AssertReportedAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Spread
        {
            public static void Run(IEnumerable<int> items, int[] target)
            {
                Parallel.ForEach(items, (item, state, index) => {|TALLY003:target[index * 2] += item|});
            }
        }
        """, certain: false);

    [Theory]
    [InlineData("{|TALLY003:a[data[i]]++|};")]
    [InlineData("{|TALLY003:a[i % 4] += d|};")]
    [InlineData("{|TALLY003:a[i / 2] += d|};")]
    [InlineData("{|TALLY003:a[i & 7] += d|};")]
    [InlineData("{|TALLY003:a[i >> 1] += d|};")]
    [InlineData("{|TALLY003:a[0] += d|};")]
    [InlineData("{|TALLY003:a[k] += d|};")]
    [InlineData("{|TALLY003:a[Offset(i)] += d|};")]
    [InlineData("{|TALLY003:a[i * 2 + data[0]] += d|};")]
    [InlineData("var slot = i * 2; if (d > 0) { slot = 5; } {|TALLY003:a[slot] += d|};")]
    [InlineData("var j = i; j *= 2; {|TALLY003:a[j] += d|};")]
    [InlineData("for (var x = 0; x < k; x++) { {|TALLY003:a[x] += d|}; }")]
    public Task AnIndexNotOnlyArithmeticOfTheIterationVariable_StaysCertain(string statements)
        => AssertReportedAsync(Loop(statements), certain: true);

    [Fact]
    public Task ABucketOfAFieldArrayAtTheIterationVariableModuloTheBucketCount_StaysCertain() => AssertReportedAsync("""
        using System.Threading.Tasks;

        public sealed class Histogram
        {
            private readonly int[] _buckets = new int[16];

            public void Fill(int n) => Parallel.For(0, n, i => {|TALLY003:_buckets[i % 16]++|});
        }
        """, certain: true);

    [Fact]
    public Task AnElementAtTheThreadLocalStateOfTheFinallyLambda_IsACertainFinding() => AssertReportedAsync("""
        using System.Threading.Tasks;

        public static class Totals
        {
            public static void Run(int[] counts, int n)
            {
                Parallel.For(0, n, () => 0, (i, state, local) => local + 1, local => {|TALLY003:counts[local]++|});
            }
        }
        """, certain: true);

    [Fact]
    public Task TheElementAtTheIterationVariableItself_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Loop("a[i] += d;"));

    /// <summary>Checks that <paramref name="markup"/> reports exactly its spans, each certain or each inferred.</summary>
    private static Task AssertReportedAsync(string markup, bool certain) =>
        CertaintyAssert.ReportedAsync<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>(markup, certain);
}
