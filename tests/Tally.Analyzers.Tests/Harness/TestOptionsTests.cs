using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Harness.Toys;
using Tally.Analyzers.Tests.Verification;
using Xunit;

namespace Tally.Analyzers.Tests.Harness;

/// <summary>Every <see cref="TestOptions"/> setting reaches the compilation or the analyzer.</summary>
public class TestOptionsTests
{
    private const string CoalescingAssignment = "class C { string? _s; void M(int n) { _s ??= \"x\"; [|n++|]; } }";

    [Fact]
    public Task LatestLanguageVersion_IsTheDefault() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(CoalescingAssignment);

    [Fact]
    public async Task CSharp73_RejectsNewerFeatures()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(CoalescingAssignment, new TestOptions { LanguageVersion = LanguageVersion.CSharp7_3 }));
        Assert.Contains("CS8370", failure.Message);
    }

    [Fact]
    public Task CSharp73_CompilesCSharp73Code() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            "class C { int _n; void M() { [|_n++|]; } }",
            new TestOptions { LanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public async Task EditorConfig_ReachesTheAnalyzerThroughGetOptionsOfTheTree()
    {
        const string source = "class C { void M(int n) { [|n++|]; } }";
        await AnalyzerVerifier<OptionReadingAnalyzer>.VerifyAnalyzerAsync(source, new TestOptions { EditorConfig = "toy.report_increments = true" });
        await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<OptionReadingAnalyzer>.VerifyAnalyzerAsync(source));
    }

    [Fact]
    public Task EditorConfig_AppliesToAdditionalSources() =>
        AnalyzerVerifier<OptionReadingAnalyzer>.VerifyAnalyzerAsync(
            "partial class C { void M(int n) { [|n++|]; } }",
            new TestOptions
            {
                EditorConfig = "toy.report_increments = true",
                AdditionalSources = new[] { "partial class C { void N(int n) { [|n++|]; } }" },
            });

    [Fact]
    public Task EditorConfig_CanSetSeverityNone() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            "class C { void M(int n) { n++; } }",
            new TestOptions { EditorConfig = "dotnet_diagnostic.TOY001.severity = none" });

    [Fact]
    public async Task CheckOverflow_TurnsOnOverflowChecks()
    {
        Compilation on = (await TestWorkspace.CreateProject(new[] { "class C { }" }, new TestOptions { CheckOverflow = true }).GetCompilationAsync())!;
        Compilation off = (await TestWorkspace.CreateProject(new[] { "class C { }" }, new TestOptions()).GetCompilationAsync())!;
        Assert.True(on.Options.CheckOverflow);
        Assert.False(off.Options.CheckOverflow);
    }

    [Fact]
    public Task UnsafeCode_IsAllowed() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync("unsafe class C { int* _p; void M() { [|_p++|]; } }");

    [Fact]
    public async Task NullableWarnings_AreOnButDoNotFail()
    {
        Compilation compilation = (await TestWorkspace.CreateProject(new[] { "class C { string? _s; int M() => _s.Length; }" }, new TestOptions()).GetCompilationAsync())!;
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS8602");
        await AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync("class C { string? _s; int M() => _s.Length; }");
    }

    [Fact]
    public Task ConsoleApplication_AllowsTopLevelStatements() =>
        AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync(
            "int n = 0; [|n++|]; System.Console.WriteLine(n);",
            new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public async Task TopLevelStatements_FailInALibrary()
    {
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            AnalyzerVerifier<IncrementAnalyzer>.VerifyAnalyzerAsync("int n = 0; [|n++|]; System.Console.WriteLine(n);"));
        Assert.Contains("CS8805", failure.Message);
    }

    [Fact]
    public async Task Documents_HaveAbsolutePathsUnderTheEditorConfig()
    {
        Project project = TestWorkspace.CreateProject(new[] { "class A { }", "class B { }" }, new TestOptions());
        Assert.Equal(new[] { "/0/Test0.cs", "/0/Test1.cs" }, System.Linq.Enumerable.Select(TestWorkspace.Documents(project), d => d.FilePath));
        var editorConfig = Assert.Single(project.AnalyzerConfigDocuments);
        Assert.Equal("/.editorconfig", editorConfig.FilePath);
        string text = (await editorConfig.GetTextAsync()).ToString();
        Assert.StartsWith("root = true", text, System.StringComparison.Ordinal);
        Assert.Contains("[*.cs]", text, System.StringComparison.Ordinal);
    }
}
