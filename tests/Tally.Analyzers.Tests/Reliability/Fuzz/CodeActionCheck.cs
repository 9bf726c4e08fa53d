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
/// <param name="Actions">Code actions applied.</param>
/// <param name="Failures">Each broken action: which diagnostic, which action, what went wrong.</param>
internal sealed record CodeActionReport(int Actions, ImmutableArray<string> Failures);

/// <summary>
/// Applies every code action that a Tally code fix provider (all of them, found by reflection over the code-fix
/// assembly, so a new provider is covered without a change here) offers for every Tally diagnostic of a program, and
/// checks the result: it parses without errors, and where the program compiled before, it compiles after. A provider
/// or an action that throws is a failure too.
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
        foreach (var provider in Providers())
        {
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
                    applied++;
                    string failure = await CheckAsync(project, action, compiled, cancellationToken).ConfigureAwait(false);
                    if (failure.Length > 0)
                    {
                        failures.Add($"{where}, action '{action.Title}': {failure}");
                    }
                }
            }
        }

        return new CodeActionReport(applied, failures.ToImmutable());
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

    private static IEnumerable<CodeAction> Flatten(CodeAction action)
        => action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);
}
