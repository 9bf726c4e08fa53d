using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Compiles a test project and runs one analyzer on it. Fails on compiler errors the test does not allow and on any
/// analyzer exception (the <c>OnAnalyzerException</c> callback or an AD0001/AD0002 diagnostic).
/// </summary>
internal static class AnalyzerRunner
{
    /// <summary>The analyzer's diagnostics, sorted by document and position.</summary>
    /// <param name="project">The test project.</param>
    /// <param name="analyzer">The analyzer to run.</param>
    /// <param name="options">The test options (allowed compiler diagnostics).</param>
    /// <param name="stage">Names what is being analysed in failure messages, e.g. "the test source".</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(
        Project project, DiagnosticAnalyzer analyzer, TestOptions options, string stage, CancellationToken cancellationToken = default)
    {
        Compilation compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        await CheckCompilesAsync(project, compilation, options, stage, cancellationToken).ConfigureAwait(false);

        var exceptions = new ConcurrentQueue<string>();
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, failed, diagnostic) => exceptions.Enqueue($"{failed.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(analyzer), analyzerOptions)
            .GetAnalyzerDiagnosticsAsync(cancellationToken)
            .ConfigureAwait(false);

        foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id is "AD0001" or "AD0002"))
        {
            exceptions.Enqueue(diagnostic.ToString());
        }

        if (!exceptions.IsEmpty)
        {
            IReadOnlyList<string> texts = await TextsAsync(project, cancellationToken).ConfigureAwait(false);
            throw new VerificationException(
                $"The analyzer threw while analysing {stage} (AD0001):\n{string.Join("\n", exceptions.Distinct())}\n\nSource:\n{DiagnosticFormatter.AnnotateDocuments(texts, Array.Empty<DiagnosticKey>())}");
        }

        return Sort(diagnostics);
    }

    /// <summary>Fails if the compilation has errors not listed in <see cref="TestOptions.AllowedCompilerDiagnostics"/>.</summary>
    public static async Task CheckCompilesAsync(Project project, Compilation compilation, TestOptions options, string stage, CancellationToken cancellationToken)
    {
        ImmutableArray<Diagnostic> errors = Sort(compilation.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error && !options.AllowedCompilerDiagnostics.Contains(d.Id))
            .ToImmutableArray());
        if (errors.IsEmpty)
        {
            return;
        }

        IReadOnlyList<string> texts = await TextsAsync(project, cancellationToken).ConfigureAwait(false);
        var message = new StringBuilder();
        message.Append(stage).Append(" does not compile (list expected errors in TestOptions.AllowedCompilerDiagnostics):\n");
        message.Append(DiagnosticFormatter.Messages(errors, texts));
        message.Append("\nSource with the errors marked:\n");
        message.Append(DiagnosticFormatter.AnnotateDocuments(texts, errors.Select(DiagnosticKey.Of)));
        throw new VerificationException(char.ToUpperInvariant(message[0]) + message.ToString(1, message.Length - 1));
    }

    /// <summary>The texts of the project's documents in index order.</summary>
    public static async Task<IReadOnlyList<string>> TextsAsync(Project project, CancellationToken cancellationToken = default)
    {
        var texts = new List<string>();
        foreach (Document document in TestWorkspace.Documents(project))
        {
            texts.Add((await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString());
        }

        return texts;
    }

    private static ImmutableArray<Diagnostic> Sort(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Sort((a, b) => DiagnosticKey.Compare(DiagnosticKey.Of(a), DiagnosticKey.Of(b)));
}
