using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// The Interlocked fix finishes in one pass: reads of the field that follow the update in the same flow use the value
/// the call returned (what the TALLY007 fix would do next), so no TALLY007 is left for a second run.
/// </summary>
public class OnePassFixTests
{
    private static readonly TestOptions Static = new() { DefaultDiagnosticId = "TALLY004" };

    [Fact]
    public async Task IncrementFollowedByARead_UsesTheReturnedValue()
    {
        const string source = """
            static class Ids
            {
                private static int s_next;

                public static int Next()
                {
                    [|s_next++|];
                    return s_next;
                }
            }
            """;
        const string expected = """
            using System.Threading;

            static class Ids
            {
                private static int s_next;

                public static int Next()
                {
                    var next = Interlocked.Increment(ref s_next);
                    return next;
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, expected, Static);
        await AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>.VerifyAnalyzerAsync(expected);
    }

    [Fact]
    public async Task AddFollowedBySeveralReads_UsesTheReturnedValueForEach()
    {
        const string source = """
            static class Totals
            {
                private static long s_total;

                public static string Add(long n)
                {
                    [|s_total += n|];
                    var twice = s_total * 2;
                    return $"{s_total} {twice}";
                }
            }
            """;
        const string expected = """
            using System.Threading;

            static class Totals
            {
                private static long s_total;

                public static string Add(long n)
                {
                    var total = Interlocked.Add(ref s_total, n);
                    var twice = total * 2;
                    return $"{total} {twice}";
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, expected, Static);
        await AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>.VerifyAnalyzerAsync(expected);
    }

    [Fact]
    public Task ReadsAfterAnotherWrite_AreLeftAlone() =>
        Verify.VerifyCodeFixAsync("""
            static class Ids
            {
                private static int s_next;

                public static int Next()
                {
                    [|s_next++|];
                    s_next = 5;
                    return s_next;
                }
            }
            """, """
            using System.Threading;

            static class Ids
            {
                private static int s_next;

                public static int Next()
                {
                    Interlocked.Increment(ref s_next);
                    s_next = 5;
                    return s_next;
                }
            }
            """, Static);
}
