using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Verifies a code fix that changes more than the document of the diagnostic: other documents of the test project
/// (<see cref="TestOptions.AdditionalSources"/>) and other projects (<see cref="TestOptions.AdditionalProjects"/>).
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer whose diagnostics are fixed.</typeparam>
/// <typeparam name="TCodeFix">The code fix provider under test.</typeparam>
public static class SolutionFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Like <see cref="CodeFixVerifier{TAnalyzer, TCodeFix}.VerifyCodeFixAsync"/>, but every document may change:
    /// <paramref name="fixedSources"/> are the expected documents of the test project (document 0 first, with markup for
    /// the diagnostics expected to remain) and <paramref name="fixedProjects"/> the expected documents of each
    /// additional project. One diagnostic at a time, and Fix All in document, project and solution scope, must all give
    /// them, and every project must compile after each application.
    /// </summary>
    /// <param name="markup">Document 0 of the test project, with markup; more documents in <see cref="TestOptions.AdditionalSources"/>.</param>
    /// <param name="fixedSources">The expected documents of the test project after fixing.</param>
    /// <param name="fixedProjects">The expected documents of each additional project after fixing (empty when there are none).</param>
    /// <param name="options">The test options.</param>
    public static async Task VerifyCodeFixAsync(
        string markup, IReadOnlyList<string> fixedSources, IReadOnlyList<IReadOnlyList<string>> fixedProjects, TestOptions options)
    {
        ExtensionAttributes.CheckCodeFix(typeof(TCodeFix));
        await AnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(markup, options).ConfigureAwait(false);
        if (fixedSources.Count != options.AdditionalSources.Count + 1 || fixedProjects.Count != options.AdditionalProjects.Count)
        {
            throw new VerificationException("The expected fixed sources must give every document of every project.");
        }

        var analyzer = new TAnalyzer();
        MarkedSources before = MarkedSources.Parse(markup, options, analyzer);
        MarkedSources after = MarkedSources.Parse(fixedSources, options, analyzer);
        var fixes = new FixIterations(analyzer, new TCodeFix(), options);

        FixResult single = await fixes.ApplySingleFixesAsync(TestWorkspace.CreateProject(before.Texts, options)).ConfigureAwait(false);
        if (single.Applications == 0)
        {
            throw new VerificationException($"{typeof(TCodeFix).Name} offers no code action at index {options.CodeActionIndex}.");
        }

        await AssertFixedAsync(single, after, fixedProjects, options, "applying single fixes").ConfigureAwait(false);
        foreach (FixAllScope scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
        {
            FixResult all = await fixes.ApplyFixAllAsync(TestWorkspace.CreateProject(before.Texts, options), scope).ConfigureAwait(false);
            await AssertFixedAsync(all, after, fixedProjects, options, $"Fix All in {scope} scope").ConfigureAwait(false);
        }
    }

    /// <summary>The texts of every project of the solution <paramref name="project"/> belongs to, test project first.</summary>
    public static async Task<ImmutableArray<ImmutableArray<string>>> SolutionTextsAsync(Project project)
    {
        var result = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        foreach (Project each in TestWorkspace.Projects(project.Solution))
        {
            var texts = ImmutableArray.CreateBuilder<string>();
            foreach (Document document in TestWorkspace.DocumentsOfAnyProject(each))
            {
                texts.Add((await document.GetTextAsync().ConfigureAwait(false)).ToString());
            }

            result.Add(texts.ToImmutable());
        }

        return result.ToImmutable();
    }

    private static async Task AssertFixedAsync(
        FixResult result, MarkedSources expected, IReadOnlyList<IReadOnlyList<string>> fixedProjects, TestOptions options, string how)
    {
        ImmutableArray<ImmutableArray<string>> actual = await SolutionTextsAsync(result.Project).ConfigureAwait(false);
        var wanted = new List<IReadOnlyList<string>> { expected.Texts };
        wanted.AddRange(fixedProjects);
        for (int p = 0; p < wanted.Count; p++)
        {
            for (int i = 0; i < wanted[p].Count; i++)
            {
                string want = TextDiff.NormalizeLineEndings(wanted[p][i]);
                string got = TextDiff.NormalizeLineEndings(actual[p][i]);
                if (want != got)
                {
                    throw new VerificationException(
                        $"The code after {how} differs from the expected fixed source in {TestWorkspace.DocumentPath(p, i)}.\n{TextDiff.Unified(want, got)}\nActual fixed code:\n{got}\n\nExpected fixed code:\n{want}");
                }
            }
        }

        foreach (Project project in TestWorkspace.Projects(result.Project.Solution))
        {
            Compilation compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            await AnalyzerRunner.CheckCompilesAsync(project, compilation, options, $"{project.Name} after {how}", default).ConfigureAwait(false);
        }

        DiagnosticComparer.AssertMatch(actual[0], expected.Expected, result.Diagnostics, $"the code after {how}");
    }
}
