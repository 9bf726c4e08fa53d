using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Tally.CodeFixes.NonAtomicUpdate;

namespace Tally.Analyzers.Tests.Reliability.Fuzz;

/// <summary>What applying every offered code action to one program found.</summary>
/// <param name="Actions">Code actions applied, one diagnostic at a time.</param>
/// <param name="FixAllActions">Fix All in document actions applied (one per provider, document and equivalence key).</param>
/// <param name="Failures">Each broken action: which diagnostic, which action, what went wrong.</param>
internal sealed record CodeActionReport(int Actions, int FixAllActions, ImmutableArray<string> Failures);

/// <summary>
/// Applies every code action that a Tally code fix provider (all of them, found by reflection over the code-fix
/// assembly, so a new provider is covered without a change here) offers for every Tally diagnostic of a program, and
/// checks the result: it parses without errors, and where the program compiled before, it compiles after. A provider
/// or an action that throws is a failure too. Then the same for each provider's Fix All in document, once per document
/// and equivalence key of the actions it offered there (what the IDE's "Fix all occurrences in document" applies).
/// </summary>
internal static class CodeActionCheck
{
    /// <summary>A new instance of every exported code fix provider of Tally.CodeFixes.</summary>
    public static ImmutableArray<CodeFixProvider> Providers()
        => typeof(NonAtomicUpdateCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static async Task<CodeActionReport> RunAsync(SourceProgram program, CancellationToken cancellationToken = default)
    {
        var project = CreateProject(program);
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        bool compiled = ProgramCompiler.Errors(compilation).Count == 0;
        var analysis = await TallyAnalysis.WholeCompilationAsync(compilation, cancellationToken).ConfigureAwait(false);
        var failures = ImmutableArray.CreateBuilder<string>();
        failures.AddRange(analysis.Crashes.Select(c => "analyzer exception: " + c));

        int applied = 0;
        int fixAllApplied = 0;
        foreach (var provider in Providers())
        {
            // Per document: the equivalence keys of the actions offered there, for Fix All in document below.
            var offered = new Dictionary<DocumentId, HashSet<string>>();
            foreach (var diagnostic in analysis.Diagnostics.Where(d => d.Location.IsInSource && provider.FixableDiagnosticIds.Contains(d.Id)))
            {
                string where = $"{provider.GetType().Name} on {TallyAnalysis.Describe(diagnostic)}";
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    failures.Add($"{where}: no document for the diagnostic");
                    continue;
                }

                var actions = new List<CodeAction>();
                try
                {
                    await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), cancellationToken)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add($"{where}: RegisterCodeFixesAsync threw {e}");
                    continue;
                }

                foreach (var action in actions.SelectMany(Flatten))
                {
                    if (action.EquivalenceKey is { } key)
                    {
                        (offered.TryGetValue(document.Id, out var keys) ? keys : offered[document.Id] = new HashSet<string>(StringComparer.Ordinal)).Add(key);
                    }

                    applied++;
                    string failure = await CheckAsync(project, action, compiled, cancellationToken).ConfigureAwait(false);
                    if (failure.Length > 0)
                    {
                        failures.Add($"{where}, action '{action.Title}': {failure}");
                    }
                }
            }

            fixAllApplied += await CheckFixAllAsync(project, provider, analysis.Diagnostics, offered, compiled, failures, cancellationToken).ConfigureAwait(false);
        }

        return new CodeActionReport(applied, fixAllApplied, failures.ToImmutable());
    }

    /// <summary>
    /// Applies <paramref name="provider"/>'s Fix All in document for every document and equivalence key it offered
    /// actions for, and checks each result as a single action's; returns how many were applied.
    /// </summary>
    private static async Task<int> CheckFixAllAsync(
        Project project,
        CodeFixProvider provider,
        ImmutableArray<Diagnostic> diagnostics,
        Dictionary<DocumentId, HashSet<string>> offered,
        bool compiled,
        ImmutableArray<string>.Builder failures,
        CancellationToken cancellationToken)
    {
        var fixAll = provider.GetFixAllProvider();
        if (fixAll is null || !fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Document))
        {
            return 0;
        }

        int applied = 0;
        var diagnosticProvider = new FixedDiagnostics(diagnostics.Where(d => d.Location.IsInSource && provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray());
        foreach (var (documentId, keys) in offered.OrderBy(p => p.Key.Id))
        {
            var document = project.GetDocument(documentId)!;
            foreach (string key in keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                string where = $"{provider.GetType().Name} Fix All in document {document.Name}, key '{key}'";
                CodeAction? action;
                try
                {
                    var context = new FixAllContext(document, provider, FixAllScope.Document, key, provider.FixableDiagnosticIds, diagnosticProvider, cancellationToken);
                    action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add($"{where}: GetFixAsync threw {e}");
                    continue;
                }

                if (action is null)
                {
                    failures.Add($"{where}: no action, though single fixes with this key were offered in the document");
                    continue;
                }

                applied++;
                string failure = await CheckAsync(project, action, compiled, cancellationToken).ConfigureAwait(false);
                if (failure.Length > 0)
                {
                    failures.Add($"{where}: {failure}");
                }
            }
        }

        return applied;
    }

    /// <summary>A workspace project holding the program's files, compiled as <see cref="ProgramCompiler"/> does.</summary>
    public static Project CreateProject(SourceProgram program)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId("FuzzProgram");
        var documents = program.Files.Select(f => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId, f.Path),
                f.Path,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(f.Text, Encoding.UTF8), VersionStamp.Create(), f.Path)),
                filePath: f.Path))
            .ToList();
        var info = ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "FuzzProgram",
            "FuzzProgram",
            LanguageNames.CSharp,
            compilationOptions: ProgramCompiler.CompilationOptions(program.Kind),
            parseOptions: ProgramCompiler.ParseOptions,
            documents: documents,
            metadataReferences: ProgramCompiler.References);
        return workspace.CurrentSolution.AddProject(info).GetProject(projectId)!;
    }

    private static async Task<string> CheckAsync(Project project, CodeAction action, bool compiled, CancellationToken cancellationToken)
    {
        ImmutableArray<CodeActionOperation> operations;
        try
        {
            operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "computing the change threw " + e;
        }

        var solution = operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution;
        if (solution is null)
        {
            return $"{operations.Length} operations, no single ApplyChangesOperation";
        }

        var changed = solution.GetProject(project.Id)!;
        foreach (var documentId in changed.GetChanges(project).GetChangedDocuments())
        {
            var tree = (await changed.GetDocument(documentId)!.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
            var parseErrors = tree.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (parseErrors.Count > 0)
            {
                return $"the result does not parse: {parseErrors[0]}\n{tree}";
            }
        }

        if (compiled)
        {
            var errors = ProgramCompiler.Errors((await changed.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!);
            if (errors.Count > 0)
            {
                var tree = errors[0].Location.SourceTree;
                return $"the program compiled before and does not after: {errors[0]}\n{tree}";
            }
        }

        return string.Empty;
    }

    /// <summary>The diagnostics of the whole-compilation run, handed to Fix All by document or project.</summary>
    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action)
        => action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);
}
