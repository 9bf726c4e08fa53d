using System.Threading.Tasks;
using Tally.Analyzers.Tests.Harness.Toys;
using Tally.Analyzers.Tests.Verification;
using Xunit;

namespace Tally.Analyzers.Tests.Harness;

/// <summary>The code fix verifier accepts a correct fix and catches fixes that are wrong, broken, idle or looping.</summary>
public class CodeFixVerifierTests
{
    private const string Source = """
        class C
        {
            int _count;
            void M(int n)
            {
                [|_count++|];
                [|++n|];
            }
        }
        """;

    private const string Fixed = """
        class C
        {
            int _count;
            void M(int n)
            {
                _count += 1;
                n += 1;
            }
        }
        """;

    [Fact]
    public Task CorrectFix_Passes() =>
        CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(Source, Fixed);

    [Fact]
    public Task CorrectFix_PassesWithWindowsLineEndingsInExpectedText() =>
        CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(Source, Fixed.Replace("\n", "\r\n"));

    [Fact]
    public Task CodeActionIndex_SelectsTheSecondAction() =>
        CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { [|n++|]; } }",
            "class C { void M(int n) { n = n + 1; } }",
            new TestOptions { CodeActionIndex = 1 });

    [Fact]
    public async Task CodeActionIndexBeyondTheOfferedActions_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { [|n++|]; } }",
            "class C { void M(int n) { n = n + 1; } }",
            new TestOptions { CodeActionIndex = 2 }));
        Assert.Contains("offers no code action", failure.Message);
    }

    [Fact]
    public async Task WrongExpectedText_FailsWithDiff()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(
            Source, Fixed.Replace("n += 1;", "n = n + 1;")));
        Assert.Contains("-         n = n + 1;", failure.Message);
        Assert.Contains("+         n += 1;", failure.Message);
    }

    [Fact]
    public async Task FixWhoseOutputDoesNotCompile_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementAnalyzer, NonCompilingFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { [|n++|]; } }",
            "class C { void M(int n) { n += \"one\"; } }"));
        Assert.Contains("does not compile", failure.Message);
        Assert.Contains("CS0029", failure.Message);
    }

    [Fact]
    public async Task FixThatChangesNothing_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementAnalyzer, NoChangeFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { [|n++|]; } }",
            "class C { void M(int n) { n++; } }"));
        Assert.Contains("changed nothing", failure.Message);
    }

    [Fact]
    public async Task FixThatLoops_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementAnalyzer, LoopingFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { [|n++|]; } }",
            "class C { void M(int n) { ++n; } }"));
        Assert.Contains("loops", failure.Message);
    }

    [Fact]
    public async Task ProviderWithoutFixAll_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementAnalyzer, NoFixAllFix>.VerifyCodeFixAsync(Source, Fixed));
        Assert.Contains("GetFixAllProvider", failure.Message);
    }

    [Fact]
    public Task DiagnosticsMarkedInFixedSource_AreExpectedToRemain() =>
        CodeFixVerifier<IncrementDecrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { {|TOY001:n++|}; {|TOY002:n--|}; } }",
            "class C { void M(int n) { n += 1; {|TOY002:n--|}; } }");

    [Fact]
    public async Task RemainingDiagnosticNotMarkedInFixedSource_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementDecrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { {|TOY001:n++|}; {|TOY002:n--|}; } }",
            "class C { void M(int n) { n += 1; n--; } }"));
        Assert.Contains("after applying single fixes", failure.Message);
    }

    [Fact]
    public async Task WrongMarkupInTheSource_FailsBeforeFixing()
    {
        await Assert.ThrowsAsync<VerificationException>(() => CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(
            "class C { void M(int n) { n++; } }",
            "class C { void M(int n) { n += 1; } }"));
    }

    [Fact]
    public Task FixesInSeveralPlaces_AgreeWithFixAllInEveryScope() =>
        CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyCodeFixAsync(
            """
            class C
            {
                static int s_a, s_b;
                void M() { [|s_a++|]; [|s_b++|]; }
                void N() { [|s_a++|]; }
            }
            """,
            """
            class C
            {
                static int s_a, s_b;
                void M() { s_a += 1; s_b += 1; }
                void N() { s_a += 1; }
            }
            """);

    [Fact]
    public Task NoFix_PassesWhenNoActionIsOffered() =>
        CodeFixVerifier<IncrementAnalyzer, NoActionFix>.VerifyNoFixAsync("class C { void M(int n) { [|n++|]; } }");

    [Fact]
    public async Task NoFix_FailsWhenAnActionIsOffered()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyNoFixAsync("class C { void M(int n) { [|n++|]; } }"));
        Assert.Contains("offers code actions where none were expected", failure.Message);
    }

    [Fact]
    public async Task VerifyAnalyzer_ChecksMarkup()
    {
        await CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyAnalyzerAsync("class C { void M(int n) { [|n++|]; } }");
        await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.VerifyAnalyzerAsync("class C { void M(int n) { n++; } }"));
    }

    [Fact]
    public async Task ApplyFixAll_ReturnsTheFixedTextsOfAllDocuments()
    {
        var fixedTexts = await CodeFixVerifier<IncrementAnalyzer, IncrementToCompoundFix>.ApplyFixAllAsync(new[]
        {
            "partial class C { void M(int n) { n++; } }",
            "partial class C { void N(int n) { ++n; n++; } }",
        });
        Assert.Equal(new[] { "partial class C { void M(int n) { n += 1; } }", "partial class C { void N(int n) { n += 1; n += 1; } }" }, fixedTexts);
    }

    [Fact]
    public async Task ApplyFixAll_FailsWhenTheFixDoesNotCompile()
    {
        await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<IncrementAnalyzer, NonCompilingFix>.ApplyFixAllAsync(new[] { "class C { void M(int n) { n++; } }" }));
    }

    [Fact]
    public async Task FixThatThrows_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<IncrementAnalyzer, ThrowingFix>.VerifyCodeFixAsync("class C { void M(int n) { [|n++|]; } }", "class C { void M(int n) { n += 1; } }"));
        Assert.Contains("toy fix failure", failure.Message);
    }

    [Fact]
    public async Task FixWithoutExportAttribute_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<IncrementAnalyzer, UnexportedFix>.VerifyCodeFixAsync("class C { void M(int n) { [|n++|]; } }", "class C { void M(int n) { n += 1; } }"));
        Assert.Contains("[ExportCodeFixProvider(LanguageNames.CSharp)]", failure.Message);
    }

    [Fact]
    public async Task FixAllThatDiffersFromSingleFixes_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            CodeFixVerifier<IncrementAnalyzer, InconsistentFixAllFix>.VerifyCodeFixAsync(Source, Fixed));
        Assert.Contains("after Fix All in Document scope differs", failure.Message);
        Assert.Contains("+         _count = _count + 1;", failure.Message);
    }
}
