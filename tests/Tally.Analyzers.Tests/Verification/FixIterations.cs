using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>The end state of applying fixes: the project and the analyzer's diagnostics on it.</summary>
internal sealed record FixResult(Project Project, ImmutableArray<Diagnostic> Diagnostics, int Applications);

/// <summary>
/// Applies code fixes until the provider offers none: one diagnostic at a time, or Fix All in a scope. Every
/// intermediate state must compile and must not make the analyzer throw; each application must change the code; the
/// number of applications is bounded by the number of fixable diagnostics at the start, so a fix that loops fails.
/// </summary>
internal sealed class FixIterations
{
    private readonly AnalysisCache _analysis;
    private readonly CodeFixProvider _provider;
    private readonly TestOptions _options;

    /// <summary>Creates the runner for one analyzer, one provider and the test's options.</summary>
    public FixIterations(DiagnosticAnalyzer analyzer, CodeFixProvider provider, TestOptions options)
    {
        _analysis = new AnalysisCache(analyzer, options);
        _provider = provider;
        _options = options;
    }

    /// <summary>The first diagnostic that has an action at <see cref="TestOptions.CodeActionIndex"/>, with that action.</summary>
    public async Task<(Diagnostic Diagnostic, CodeAction Action)?> FirstFixAsync(Project project, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (Diagnostic diagnostic in diagnostics)
        {
            ImmutableArray<CodeAction> actions = await CodeActionRunner.GetActionsAsync(project, _provider, diagnostic).ConfigureAwait(false);
            if (actions.Length > _options.CodeActionIndex)
            {
                return (diagnostic, actions[_options.CodeActionIndex]);
            }
        }

        return null;
    }

    /// <summary>How many of <paramref name="diagnostics"/> have an action at the test's index.</summary>
    public async Task<int> CountFixableAsync(Project project, ImmutableArray<Diagnostic> diagnostics)
    {
        int count = 0;
        foreach (Diagnostic diagnostic in diagnostics)
        {
            ImmutableArray<CodeAction> actions = await CodeActionRunner.GetActionsAsync(project, _provider, diagnostic).ConfigureAwait(false);
            count += actions.Length > _options.CodeActionIndex ? 1 : 0;
        }

        return count;
    }

    /// <summary>Applies the action at the test's index to one diagnostic at a time until no diagnostic has one.</summary>
    public Task<FixResult> ApplySingleFixesAsync(Project project) =>
        IterateAsync(project, "single fixes", async (current, diagnostics) =>
        {
            var fix = await FirstFixAsync(current, diagnostics).ConfigureAwait(false);
            return fix is null ? null : (fix.Value.Action, $"code action '{fix.Value.Action.Title}' for {DiagnosticFormatter.Locate(fix.Value.Diagnostic)}");
        });

    /// <summary>Applies the provider's Fix All in <paramref name="scope"/> until no diagnostic has an action.</summary>
    public Task<FixResult> ApplyFixAllAsync(Project project, FixAllScope scope)
    {
        FixAllProvider fixAll = _provider.GetFixAllProvider()
            ?? throw new VerificationException($"{_provider.GetType().Name}.GetFixAllProvider() returned null; Fix All in {scope} scope is required.");
        if (!fixAll.GetSupportedFixAllScopes().Contains(scope))
        {
            throw new VerificationException($"The Fix All provider of {_provider.GetType().Name} does not support {scope} scope.");
        }

        return IterateAsync(project, $"Fix All ({scope})", async (current, diagnostics) =>
        {
            var fix = await FirstFixAsync(current, diagnostics).ConfigureAwait(false);
            if (fix is null)
            {
                return null;
            }

            Document trigger = current.GetDocument(fix.Value.Diagnostic.Location.SourceTree)!;
            var ids = diagnostics.Where(d => _provider.FixableDiagnosticIds.Contains(d.Id)).Select(d => d.Id).Distinct().ToList();
            var context = new FixAllContext(
                trigger, _provider, scope, fix.Value.Action.EquivalenceKey, ids, new FixAllDiagnosticProvider(_analysis), default);
            CodeAction action = await fixAll.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new VerificationException($"Fix All ({scope}) returned no code action for equivalence key '{fix.Value.Action.EquivalenceKey}'.");
            return (action, $"Fix All ({scope}) '{action.Title}'");
        });
    }

    /// <summary>
    /// One Fix All in <paramref name="scope"/>, as one <c>dotnet format analyzers</c> run applies it: the equivalence key of
    /// the first fixable diagnostic's action, every fixable diagnostic ID. Returns the fixed project and how many of the
    /// diagnostics left still have an action (what a second run would fix).
    /// </summary>
    public async Task<(Project Project, ImmutableArray<Diagnostic> Left, int FixableLeft)> ApplyFixAllOnceAsync(Project project, FixAllScope scope)
    {
        FixAllProvider fixAll = _provider.GetFixAllProvider()
            ?? throw new VerificationException($"{_provider.GetType().Name}.GetFixAllProvider() returned null.");
        ImmutableArray<Diagnostic> diagnostics = await _analysis.GetAsync(project, "the test source").ConfigureAwait(false);
        var fix = await FirstFixAsync(project, diagnostics).ConfigureAwait(false);
        if (fix is null)
        {
            return (project, diagnostics, 0);
        }

        Document trigger = project.GetDocument(fix.Value.Diagnostic.Location.SourceTree)!;
        var ids = diagnostics.Where(d => _provider.FixableDiagnosticIds.Contains(d.Id)).Select(d => d.Id).Distinct().ToList();
        var context = new FixAllContext(trigger, _provider, scope, fix.Value.Action.EquivalenceKey, ids, new FixAllDiagnosticProvider(_analysis), default);
        CodeAction action = await fixAll.GetFixAsync(context).ConfigureAwait(false)
            ?? throw new VerificationException($"Fix All ({scope}) returned no code action for equivalence key '{fix.Value.Action.EquivalenceKey}'.");
        Project fixedProject = (await CodeActionRunner.ApplyAsync(action).ConfigureAwait(false)).GetProject(project.Id)!;
        ImmutableArray<Diagnostic> left = await _analysis.GetAsync(fixedProject, $"the code after Fix All ({scope}) '{action.Title}'").ConfigureAwait(false);
        return (fixedProject, left, await CountFixableAsync(fixedProject, left).ConfigureAwait(false));
    }

    private async Task<FixResult> IterateAsync(
        Project project, string mode, System.Func<Project, ImmutableArray<Diagnostic>, Task<(CodeAction Action, string Description)?>> next)
    {
        ImmutableArray<Diagnostic> diagnostics = await _analysis.GetAsync(project, "the test source").ConfigureAwait(false);
        int limit = await CountFixableAsync(project, diagnostics).ConfigureAwait(false);
        var history = new List<string>();
        for (int applied = 0; ; applied++)
        {
            var step = await next(project, diagnostics).ConfigureAwait(false);
            if (step is null)
            {
                return new FixResult(project, diagnostics, applied);
            }

            IReadOnlyList<string> before = await AnalyzerRunner.TextsAsync(project).ConfigureAwait(false);
            if (applied >= limit)
            {
                throw new VerificationException(
                    $"The fix loops ({mode}): {limit} fixable diagnostic(s) at the start, yet after {applied} application(s) the provider still offers {step.Value.Description}.\nApplied:\n  {string.Join("\n  ", history)}\nCode now:\n{DiagnosticFormatter.AnnotateDocuments(before, diagnostics.Select(DiagnosticKey.Of))}");
            }

            Solution changed = await CodeActionRunner.ApplyAsync(step.Value.Action).ConfigureAwait(false);
            Project fixedProject = changed.GetProject(project.Id)!;
            IReadOnlyList<string> after = await AnalyzerRunner.TextsAsync(fixedProject).ConfigureAwait(false);
            if (before.SequenceEqual(after))
            {
                throw new VerificationException(
                    $"{Capitalize(step.Value.Description)} ({mode}) changed nothing.\nCode:\n{DiagnosticFormatter.AnnotateDocuments(before, diagnostics.Select(DiagnosticKey.Of))}");
            }

            history.Add(step.Value.Description);
            project = fixedProject;
            diagnostics = await _analysis.GetAsync(project, $"the code after {step.Value.Description} ({mode}, application {applied + 1})").ConfigureAwait(false);
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
