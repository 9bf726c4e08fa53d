using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A row per iteration through a prefix-sum row start (fresh31, Video Duplicate Finder's triangle of bits): in a
/// <c>Parallel.For</c> body, <c>words[rowStart[i] + offset]</c>, where <c>rowStart</c> is a local array the method
/// filled before the loop with a running sum (<c>rowStart[k] = total; total += RowWords(k);</c>), is most likely an
/// element of the iteration's own row: inferred, not certain. The offset may divide, mask and shift (it indexes inside
/// the row). A value table (<c>counts[data[i]]++</c>), a table the body writes, a table filled any other way, and a
/// start read at another index than the iteration variable stay certain.
/// </summary>
public class ParallelRowStartTableTests
{
    /// <summary>A method that fills <c>starts</c> with <paramref name="fill"/> and runs <paramref name="body"/> for each row.</summary>
    private static string Rows(string fill, string body, string declaration = "var starts = new long[n];") => $$"""
        using System.Threading.Tasks;

        public static class Rows
        {
            public static void Fill(ulong[] words, int[] sizes, int[] data, int n, int width)
            {
                {{declaration}}
                {{fill}}
                Parallel.For(0, n, i =>
                {
                    {{body}}
                });
            }

            private static long[] Starts(int n) => new long[n];
        }
        """;

    private const string RunningSum = "long total = 0; for (int k = 0; k < n; k++) { starts[k] = total; total += sizes[k]; }";

    [Fact]
    public Task BitsOfTheIterationsRowBehindARunningSumRowStart_AreInferred() => AssertReportedAsync("""
        using System;
        using System.Threading.Tasks;

        public static class Similarity
        {
            private static long WordsOf(int n, int row) => ((long)(n - 1 - row) + 63) / 64;

            public static ulong[] Mark(int n, Func<int, int, bool> close)
            {
                var firstWord = new long[Math.Max(0, n - 1)];
                long used = 0;
                for (int row = 0; row < n - 1; row++)
                {
                    firstWord[row] = used;
                    used += WordsOf(n, row);
                }

                var bits = new ulong[used];
                Parallel.For(0, n - 1, row =>
                {
                    long first = firstWord[row];
                    for (int col = row + 1; col < n; col++)
                    {
                        if (close(row, col))
                        {
                            int bit = col - row - 1;
                            {|TALLY003:bits[first + (bit >> 6)] |= 1UL << (bit & 63)|};
                        }
                    }
                });
                return bits;
            }
        }
        """, certain: false);

    [Theory]
    [InlineData("for (int x = 0; x < sizes[i]; x++) { {|TALLY003:words[starts[i] + x] |= 1UL|}; }")]
    [InlineData("long s = starts[i]; for (int x = 0; x < width; x++) { {|TALLY003:words[s + x / 2] += 1UL|}; }")]
    [InlineData("long s = starts[i]; int x = width - 1; {|TALLY003:words[(x & 7) + s] ^= 2UL|};")]
    [InlineData("{|TALLY003:words[starts[i]] |= 1UL|};")]
    public Task AnElementOfTheIterationsRowBehindARowStart_IsInferred(string body)
        => AssertReportedAsync(Rows(RunningSum, body), certain: false);

    [Fact]
    public Task ARowStartTableFilledByAForEachWithItsOwnCounter_IsInferred() => AssertReportedAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Packed
        {
            public static void Fill(IReadOnlyList<int[]> groups, int[] flat)
            {
                var offsets = new int[groups.Count];
                int next = 0, g = 0;
                foreach (var group in groups)
                {
                    offsets[g] = next;
                    next += group.Length;
                    g++;
                }

                Parallel.For(0, groups.Count, i =>
                {
                    var group = groups[i];
                    for (int j = 0; j < group.Length; j++)
                    {
                        {|TALLY003:flat[offsets[i] + j] += group[j]|};
                    }
                });
            }
        }
        """, certain: false);

    [Theory]
    [InlineData("{|TALLY003:words[data[i]]++|};")]
    [InlineData("{|TALLY003:words[data[i] + 1]++|};")]
    [InlineData("{|TALLY003:words[starts[i / 2] + 1]++|};")]
    [InlineData("{|TALLY003:words[starts[0] + i]++|};")]
    [InlineData("{|TALLY003:words[starts[i] - 1]++|};")]
    [InlineData("{|TALLY003:words[starts[i] * 2]++|};")]
    [InlineData("{|TALLY003:words[starts[i] + starts[i]]++|};")]
    [InlineData("long s = starts[i]; if (width > 0) { s = 0; } {|TALLY003:words[s + 1]++|};")]
    [InlineData("long s = starts[i]; s += width; {|TALLY003:words[s]++|};")]
    [InlineData("{|TALLY003:words[starts[i] + data[0]]++|};")]
    [InlineData("starts[i] = 0; {|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData("{|TALLY003:words[starts[i] + 1]++|}; starts[i] += 1;")]
    public Task AnIndexThatIsNoOffsetFromTheIterationsRowStart_StaysCertain(string body)
        => AssertReportedAsync(Rows(RunningSum, body), certain: true);

    [Theory]
    [InlineData("for (int k = 0; k < n; k++) { starts[k] = k * width; }", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData("", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData("for (int k = 0; k < n; k++) { long total = 0; starts[k] = total; total += sizes[k]; }", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData("long total = 0; for (int k = 0; k < n; k++) { starts[0] = total; total += sizes[k]; }", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData("long total = 0; for (int k = 0; k < n; k++) { starts[k] = total; total += sizes[k]; total = 0; }", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData("long total = 0; for (int k = 0; k < n; k++) { starts[k] = total; total -= sizes[k]; }", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData(RunningSum + " starts[1] += 1;", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData(RunningSum + " Shift(ref starts[1]); static void Shift(ref long start) => start++;", "{|TALLY003:words[starts[i] + 1]++|};")]
    [InlineData(RunningSum + " starts = Starts(n);", "{|TALLY003:words[starts[i] + 1]++|};")]
    public Task ATableNotFilledByARunningSumAlone_StaysCertain(string fill, string body)
        => AssertReportedAsync(Rows(fill, body), certain: true);

    [Theory]
    [InlineData("{|TALLY003:words[keys[i]]++|};")]
    [InlineData("{|TALLY003:words[keys[i] + 1]++|};")]
    public Task AValueTableOfTheMethod_StaysCertain(string body) => AssertReportedAsync(
        Rows("for (int k = 0; k < n; k++) { keys[k] = sizes[k] % 16; }", body, "var keys = new int[n];"), certain: true);

    [Fact]
    public Task ATableTheMethodDidNotMake_StaysCertain()
        => AssertReportedAsync(Rows(RunningSum, "{|TALLY003:words[starts[i] + 1]++|};", "var starts = Starts(n);"), certain: true);

    [Theory]
    [InlineData("long total = 0; for (int k = 0; k < n; k++) { starts[k] = ; total += Missing(k); }", "words[starts[i] + Nope]++;")]
    [InlineData("long total = 0; for (int k = 0; k < n; k++) { starts[k, 1] = total; total += ; }", "words[starts[i, 0] + (i >> )]++;")]
    [InlineData("long total; for (;;) { starts[] = total; total += sizes[k]; }", "long s = starts[i]; words[s + unknown]++;")]
    public async Task ARowStartTableInBrokenCode_DoesNotCrash(string fill, string body)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Rows(fill, body), new TestOptions
        {
            AllowedCompilerDiagnostics = new[] { "CS1525", "CS0103", "CS0022", "CS0165", "CS0443", "CS1002", "CS1026", "CS0118", "CS1001" },
        });
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    /// <summary>Checks that <paramref name="markup"/> reports exactly its spans, each certain or each inferred.</summary>
    private static Task AssertReportedAsync(string markup, bool certain) =>
        CertaintyAssert.ReportedAsync<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>(markup, certain);
}
