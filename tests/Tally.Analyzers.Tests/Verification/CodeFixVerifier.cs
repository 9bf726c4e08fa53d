using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>Verifies <typeparamref name="TCodeFix"/> on the diagnostics of <typeparamref name="TAnalyzer"/>.</summary>
/// <typeparam name="TAnalyzer">The analyzer whose diagnostics are fixed.</typeparam>
/// <typeparam name="TCodeFix">The code fix provider under test.</typeparam>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Same as <see cref="AnalyzerVerifier{TAnalyzer}.VerifyAnalyzerAsync"/>.</summary>
    /// <param name="markup">The test source with markup.</param>
    /// <param name="options">The test options; <see cref="TestOptions.Default"/> when null.</param>
    public static Task VerifyAnalyzerAsync([StringSyntax("C#-test")] string markup, TestOptions? options = null) =>
        AnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(markup, options);

    /// <summary>
    /// Verifies the diagnostics marked in <paramref name="markup"/>, then applies code action
    /// <see cref="TestOptions.CodeActionIndex"/> to one diagnostic at a time until none has one, and requires the text
    /// of <paramref name="fixedSource"/> (markup there marks diagnostics expected to remain), code that compiles, and
    /// the remaining diagnostics as marked. Fix All in document, project and solution scope must give the same result.
    /// <see cref="TestOptions.AdditionalSources"/> are expected to stay as they are.
    /// </summary>
    /// <param name="markup">The test source with markup.</param>
    /// <param name="fixedSource">The expected source after fixing, with markup for remaining diagnostics.</param>
    /// <param name="options">The test options; <see cref="TestOptions.Default"/> when null.</param>
    public static async Task VerifyCodeFixAsync([StringSyntax("C#-test")] string markup, [StringSyntax("C#-test")] string fixedSource, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        ExtensionAttributes.CheckCodeFix(typeof(TCodeFix));
        await AnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(markup, options).ConfigureAwait(false);

        var analyzer = new TAnalyzer();
        MarkedSources before = MarkedSources.Parse(markup, options, analyzer);
        MarkedSources after = MarkedSources.Parse(fixedSource, options, analyzer);
        var fixes = new FixIterations(analyzer, new TCodeFix(), options);

        FixResult single = await fixes.ApplySingleFixesAsync(TestWorkspace.CreateProject(before.Texts, options)).ConfigureAwait(false);
        if (single.Applications == 0)
        {
            throw new VerificationException(
                $"{typeof(TCodeFix).Name} offers no code action at index {options.CodeActionIndex} for any diagnostic (use VerifyNoFixAsync if that is intended).\nSource:\n{DiagnosticFormatter.AnnotateDocuments(before.Texts, before.Expected)}");
        }

        await AssertFixedAsync(single, after, "applying single fixes").ConfigureAwait(false);
        foreach (FixAllScope scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
        {
            FixResult all = await fixes.ApplyFixAllAsync(TestWorkspace.CreateProject(before.Texts, options), scope).ConfigureAwait(false);
            await AssertFixedAsync(all, after, $"Fix All in {scope} scope").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Verifies the diagnostics marked in <paramref name="markup"/> and that the provider offers no code action for
    /// any of them.
    /// </summary>
    /// <param name="markup">The test source with markup.</param>
    /// <param name="options">The test options; <see cref="TestOptions.Default"/> when null.</param>
    public static async Task VerifyNoFixAsync([StringSyntax("C#-test")] string markup, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        ExtensionAttributes.CheckCodeFix(typeof(TCodeFix));
        await AnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(markup, options).ConfigureAwait(false);

        var analyzer = new TAnalyzer();
        var provider = new TCodeFix();
        MarkedSources sources = MarkedSources.Parse(markup, options, analyzer);
        Project project = TestWorkspace.CreateProject(sources.Texts, options);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerRunner.RunAsync(project, analyzer, options, "the test source").ConfigureAwait(false);
        var offered = new StringBuilder();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            foreach (CodeAction action in await CodeActionRunner.GetActionsAsync(project, provider, diagnostic).ConfigureAwait(false))
            {
                offered.Append("  ").Append(DiagnosticFormatter.Position(DiagnosticKey.Of(diagnostic), sources.Texts))
                    .Append(": '").Append(action.Title).Append("'\n");
            }
        }

        if (offered.Length > 0)
        {
            throw new VerificationException(
                $"{typeof(TCodeFix).Name} offers code actions where none were expected:\n{offered}\nSource:\n{DiagnosticFormatter.AnnotateDocuments(sources.Texts, sources.Expected)}");
        }
    }

    /// <summary>
    /// Applies Fix All in solution scope (action <see cref="TestOptions.CodeActionIndex"/>) to plain sources until no
    /// fixable diagnostic remains and returns the fixed texts (document 0 first, then the additional sources given
    /// here). The result must compile and the analyzer must not throw.
    /// </summary>
    /// <param name="sources">Plain test sources (no markup).</param>
    /// <param name="options">The test options; <see cref="TestOptions.AdditionalSources"/> is ignored here.</param>
    public static async Task<ImmutableArray<string>> ApplyFixAllAsync(IReadOnlyList<string> sources, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        var fixes = new FixIterations(new TAnalyzer(), new TCodeFix(), options);
        FixResult result = await fixes.ApplyFixAllAsync(TestWorkspace.CreateProject(sources, options), FixAllScope.Solution).ConfigureAwait(false);
        return (await AnalyzerRunner.TextsAsync(result.Project).ConfigureAwait(false)).ToImmutableArray();
    }

    /// <summary>
    /// One Fix All in Solution scope, as one <c>dotnet format analyzers</c> run applies it (no second round). Returns the
    /// texts and the diagnostics left that still have an action: a non-empty list means one run was not enough.
    /// </summary>
    /// <param name="sources">Plain test sources (no markup).</param>
    /// <param name="options">The test options; <see cref="TestOptions.AdditionalSources"/> is ignored here.</param>
    public static async Task<(ImmutableArray<string> Texts, int FixableLeft)> ApplyFixAllOnceAsync(IReadOnlyList<string> sources, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        var fixes = new FixIterations(new TAnalyzer(), new TCodeFix(), options);
        var (project, _, fixableLeft) = await fixes.ApplyFixAllOnceAsync(TestWorkspace.CreateProject(sources, options), FixAllScope.Solution).ConfigureAwait(false);
        return ((await AnalyzerRunner.TextsAsync(project).ConfigureAwait(false)).ToImmutableArray(), fixableLeft);
    }

    /// <summary>
    /// Applies the action at <see cref="TestOptions.CodeActionIndex"/> to one diagnostic at a time (as a user does in the
    /// IDE, field by field) until no diagnostic has one, and returns the texts. Every intermediate state must compile.
    /// </summary>
    /// <param name="sources">Plain test sources (no markup).</param>
    /// <param name="options">The test options; <see cref="TestOptions.AdditionalSources"/> is ignored here.</param>
    public static async Task<ImmutableArray<string>> ApplySingleFixesAsync(IReadOnlyList<string> sources, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        var fixes = new FixIterations(new TAnalyzer(), new TCodeFix(), options);
        FixResult result = await fixes.ApplySingleFixesAsync(TestWorkspace.CreateProject(sources, options)).ConfigureAwait(false);
        return (await AnalyzerRunner.TextsAsync(result.Project).ConfigureAwait(false)).ToImmutableArray();
    }

    private static async Task AssertFixedAsync(FixResult result, MarkedSources expected, string how)
    {
        IReadOnlyList<string> actualTexts = await AnalyzerRunner.TextsAsync(result.Project).ConfigureAwait(false);
        for (int i = 0; i < expected.Texts.Length; i++)
        {
            string want = TextDiff.NormalizeLineEndings(expected.Texts[i]);
            string got = TextDiff.NormalizeLineEndings(actualTexts[i]);
            if (want != got)
            {
                throw new VerificationException(
                    $"The code after {how} differs from the expected fixed source in {TestWorkspace.DocumentPath(i)}.\n{TextDiff.Unified(want, got)}\nActual fixed code:\n{got}\n\nExpected fixed code:\n{want}");
            }
        }

        DiagnosticComparer.AssertMatch(actualTexts, expected.Expected, result.Diagnostics, $"the code after {how}");
    }
}
