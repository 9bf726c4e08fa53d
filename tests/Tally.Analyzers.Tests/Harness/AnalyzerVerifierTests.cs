using System.Threading.Tasks;
using Tally.Analyzers.Tests.Harness.Toys;
using Tally.Analyzers.Tests.Verification;
using Xunit;

namespace Tally.Analyzers.Tests.Harness;

/// <summary>The analyzer verifier accepts correct diagnostics and catches every kind of wrong one.</summary>
public class AnalyzerVerifierTests
{
    private const string TwoIncrements = """
        class C
        {
            int _count;
            void M(int n)
            {
                [|_count++|];
                {|TOY001:++n|};
            }
        }
        """;

    [Fact]
    public Task CorrectSpansAndIds_Pass() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(TwoIncrements);

    [Fact]
    public Task SourceWithoutMarkupAndWithoutDiagnostics_Passes() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync("class C { int M(int n) => n + 1; }");

    [Fact]
    public async Task WrongSpan_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<WrongSpanIncrementAnalyzer>.VerifyAnalyzerAsync(TwoIncrements));
        Assert.Contains("Missing", failure.Message);
        Assert.Contains("Unexpected", failure.Message);
        Assert.Contains("{|TOY001:_count|}++", failure.Message);
    }

    [Fact]
    public async Task MissingDiagnostic_Fails()
    {
        const string source = """
            class C
            {
                int _count;
                void M() { [|_count--|]; }
            }
            """;
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("Missing (expected, not reported)", failure.Message);
        Assert.Contains("Test0.cs(4,16)-(4,24) TOY001", failure.Message);
    }

    [Fact]
    public async Task ExtraDiagnostic_FailsAndShowsActualDiagnosticsAsMarkupWithMessages()
    {
        const string source = """
            class C
            {
                int _count;
                void M() { [|_count++|]; _count++; }
            }
            """;
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("Unexpected (reported, not expected)", failure.Message);
        Assert.Contains("void M() { {|TOY001:_count++|}; {|TOY001:_count++|}; }", failure.Message);
        Assert.Contains("Increment of '_count'", failure.Message);
    }

    [Fact]
    public async Task IdTheAnalyzerDoesNotSupport_Fails()
    {
        const string source = "class C { void M(int n) { {|TOY002:n++|}; } }";
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("reports only TOY001", failure.Message);
    }

    [Fact]
    public async Task WrongIdOnTheRightSpan_Fails()
    {
        const string source = "class C { void M(int n) { {|TOY002:n++|}; } }";
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementDecrementAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("Missing (expected, not reported):\n  Test0.cs(1,27)-(1,30) TOY002", failure.Message);
        Assert.Contains("Unexpected (reported, not expected):\n  Test0.cs(1,27)-(1,30) TOY001", failure.Message);
    }

    [Fact]
    public async Task AnalyzerThatThrows_Fails()
    {
        const string source = "class C { void M(int n) { n++; } }";
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ThrowingAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("AD0001", failure.Message);
        Assert.Contains("toy analyzer failure", failure.Message);
    }

    [Fact]
    public async Task AnalyzerThatThrows_FailsGetDiagnostics()
    {
        await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ThrowingAnalyzer>.GetDiagnosticsAsync("class C { void M(int n) { n++; } }"));
    }

    [Fact]
    public async Task DiagnosticsInGeneratedCode_Fail()
    {
        const string source = "class C { void M(int n) { [|n++|]; } }";
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<GeneratedCodeIncrementAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("auto-generated", failure.Message);
    }

    [Fact]
    public async Task DiagnosticsNotSuppressedByPragma_Fail()
    {
        const string source = "class C { void M(int n) { [|n++|]; } }";
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<UnsuppressibleAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("#pragma warning disable", failure.Message);
    }

    [Fact]
    public async Task CompilerErrorInSource_Fails()
    {
        const string source = "class C { void M() { [|undefined++|]; } }";
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("CS0103", failure.Message);
        Assert.Contains("does not compile", failure.Message);
    }

    [Fact]
    public Task AllowedCompilerError_Passes() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            "class C { void M() { [|undefined++|]; } }",
            new TestOptions { AllowedCompilerDiagnostics = new[] { "CS0103" } });

    [Fact]
    public Task CompilerWarnings_DoNotFail() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync("class C { void M() { int unused = 0; } }");

    [Fact]
    public async Task DefaultMarkupWithTwoIdAnalyzer_FailsWithoutDefaultId()
    {
        const string source = "class C { void M(int n) { [|n++|]; } }";
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementDecrementAnalyzer>.VerifyAnalyzerAsync(source));
        Assert.Contains("DefaultDiagnosticId", failure.Message);
    }

    [Fact]
    public Task DefaultMarkupWithTwoIdAnalyzer_UsesDefaultDiagnosticId() =>
        AnalyzerVerifier<IncrementDecrementAnalyzer>.VerifyAnalyzerAsync(
            "class C { void M(int n) { [|n++|]; {|TOY002:n--|}; } }",
            new TestOptions { DefaultDiagnosticId = "TOY001" });

    [Fact]
    public Task MarkupInAdditionalSources_IsExpected() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            "partial class C { void M(int n) { [|n++|]; } }",
            new TestOptions { AdditionalSources = new[] { "partial class C { void N(int n) { [|n++|]; } }" } });

    [Fact]
    public async Task MissingDiagnosticInAdditionalSource_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            "partial class C { void M(int n) { [|n++|]; } }",
            new TestOptions { AdditionalSources = new[] { "partial class C { void N(int n) { [|n--|]; } }" } }));
        Assert.Contains("Test1.cs", failure.Message);
    }

    [Fact]
    public async Task UnbalancedMarkup_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync("class C { void M(int n) { [|n++; } }"));
        Assert.Contains("never closed", failure.Message);
    }

    [Fact]
    public async Task GetDiagnostics_ReturnsDiagnosticsSortedByPosition()
    {
        var diagnostics = await AnalyzerVerifier<IncrementAnalyzer>.GetDiagnosticsAsync("class C { void M(int a, int b) { b++; a++; } }");
        Assert.Collection(
            diagnostics,
            d => Assert.Equal("Increment of 'b'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)),
            d => Assert.Equal("Increment of 'a'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task GetDiagnostics_IgnoresMarkup()
    {
        var diagnostics = await AnalyzerVerifier<IncrementAnalyzer>.GetDiagnosticsAsync("class C { void M(int a) { [|a++|]; } }");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(26, diagnostic.Location.SourceSpan.Start);
    }

    [Fact]
    public async Task DiagnosticWithUndeclaredId_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<UndeclaredIdAnalyzer>.VerifyAnalyzerAsync("class C { void M(int n) { [|n++|]; } }"));
        Assert.Contains("AD0001", failure.Message);
    }

    [Fact]
    public async Task AnalyzerWithoutDiagnosticAnalyzerAttribute_Fails()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<UnattributedAnalyzer>.VerifyAnalyzerAsync("class C { void M(int n) { [|n++|]; } }"));
        Assert.Contains("[DiagnosticAnalyzer(LanguageNames.CSharp)]", failure.Message);
    }
}
