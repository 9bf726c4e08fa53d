using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Tally.CodeFixes;
using Xunit;
using Tally.CodeFixes.NonAtomicUpdate;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Fix All (document, project, solution) with several updates in one line, one statement or one expression.</summary>
public class FixAllTests
{
    [Fact]
    public void Provider_OffersFixAllInEveryScope_WithTheStableKey()
    {
        var provider = new NonAtomicUpdateCodeFixProvider();
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Equal(
            new[] { Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Document, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Project, Microsoft.CodeAnalysis.CodeFixes.FixAllScope.Solution },
            fixAll.GetSupportedFixAllScopes().ToArray());
        Assert.Equal("Tally.InterlockedUpdate", NonAtomicUpdateCodeFixProvider.EquivalenceKey);
        Assert.Equal(new[] { "TALLY001", "TALLY002", "TALLY003", "TALLY004", "TALLY005" }, provider.FixableDiagnosticIds.ToArray());
    }

    [Fact]
    public Task SeveralUpdates_OnOneLine_AndInOneExpression_AreAllRewritten() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Pairs
        {
            private static int s_a;
            private static int s_b;
            private static int s_product;

            public static int Run()
            {
                {|TALLY004:s_a++|}; {|TALLY004:s_b++|};
                int x = {|TALLY004:s_a++|} + {|TALLY004:s_b++|};
                {|TALLY004:s_a += {|TALLY004:s_b++|}|};
                {|TALLY004:s_product *= {|TALLY004:s_a--|}|};
                return x;
            }
        }
        """, $$"""
        using System.Threading;

        public static class Pairs
        {
            private static int s_a;
            private static int s_b;
            private static int s_product;

            public static int Run()
            {
                Interlocked.Increment(ref s_a); Interlocked.Increment(ref s_b);
                int x = Interlocked.Increment(ref s_a) - 1 + (Interlocked.Increment(ref s_b) - 1);
                Interlocked.Add(ref s_a, Interlocked.Increment(ref s_b) - 1);
                AtomicMultiply(ref s_product, Interlocked.Decrement(ref s_a) + 1);
                return x;
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "int", "unchecked(current * value)", "location * value")}}
        }
        """);

    [Fact]
    public Task VolatileLoops_NextToEachOther_EachGetTheirOwnScope() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Worker
        {
            private volatile int _a;
            private volatile int _b;

            public void Run()
            {
                {|TALLY002:_a *= 2|};
                {|TALLY002:_b *= 2|};
            }
        }
        """, """
        using System.Threading;

        public class Worker
        {
            private volatile int _a;
            private volatile int _b;

            public void Run()
            {
                while (true)
                {
                    int old = _a;
                    if (Interlocked.CompareExchange(ref _a, old * 2, old) == old)
                    {
                        break;
                    }
                }
                while (true)
                {
                    int old = _b;
                    if (Interlocked.CompareExchange(ref _b, old * 2, old) == old)
                    {
                        break;
                    }
                }
            }
        }
        """);

    [Fact]
    public async Task PartialTypeAcrossDocuments_GetsOneHelper_ThatBothDocumentsUse()
    {
        var fixedTexts = await Verify.ApplyFixAllAsync(new[]
        {
            """
            using System.Threading;

            public static partial class Scale
            {
                private static int s_factor;

                public static void Grow() => s_factor *= 3;
            }
            """,
            """
            using System.Threading;

            public static partial class Scale
            {
                public static void Shrink() => s_factor *= 5;
            }
            """,
        });

        Assert.Contains("AtomicMultiply(ref s_factor, 3)", fixedTexts[0]);
        Assert.Contains("AtomicMultiply(ref s_factor, 5)", fixedTexts[1]);
        var declarations = fixedTexts.Sum(t => Regex.Matches(t, @"private static int AtomicMultiply\(").Count);
        Assert.Equal(1, declarations);
    }

    [Fact]
    public async Task HelperGeneratedEarlier_IsReused_ByALaterFix()
    {
        var fixedTexts = await Verify.ApplyFixAllAsync(new[]
        {
            """
            using System.Threading;

            public static class Scale
            {
                private static int s_factor;

                public static void Grow() => s_factor *= 3;

                public static int Twice() => s_factor *= 2;
            }
            """,
        });

        Assert.Single(Regex.Matches(fixedTexts[0], @"private static int AtomicMultiply\("));
        Assert.DoesNotContain("AtomicMultiply2", fixedTexts[0]);
    }
}
