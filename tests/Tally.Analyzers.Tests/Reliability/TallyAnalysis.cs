using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.AnalyzerBenchmarks.Analysis;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>What a run of Tally's analyzers reported, and every exception an analyzer threw (AD0001) along the way.</summary>
internal sealed record AnalysisOutcome(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Crashes);

/// <summary>
/// Runs every Tally analyzer (found by reflection over the analyzer assembly, so a new analyzer is covered without a
/// change here) directly through Roslyn's <see cref="CompilationWithAnalyzers"/>: over the whole compilation as a build
/// does, or one document at a time on a fresh instance as the IDE does. Analyzer exceptions are collected, never thrown.
/// </summary>
internal static class TallyAnalysis
{
    /// <summary>A fresh instance of every Tally analyzer.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() => AnalyzerSets.Tally();

    /// <summary>The whole-compilation run (what <c>dotnet build</c> reports).</summary>
    public static async Task<AnalysisOutcome> WholeCompilationAsync(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var crashes = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(Analyzers(), Options(crashes));
        var result = await withAnalyzers.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        return Outcome(result.GetAllDiagnostics(), crashes);
    }

    /// <summary>
    /// Per-document analysis: for each document, a fresh <see cref="CompilationWithAnalyzers"/> computes its syntax and
    /// semantic analyzer diagnostics (what the IDE shows for an open file).
    /// </summary>
    public static async Task<AnalysisOutcome> PerDocumentAsync(Compilation compilation, CancellationToken cancellationToken = default)
    {
        var crashes = new ConcurrentQueue<string>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var withAnalyzers = compilation.WithAnalyzers(Analyzers(), Options(crashes));
            diagnostics.AddRange(await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false));
            var model = compilation.GetSemanticModel(tree);
            diagnostics.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken).ConfigureAwait(false));
        }

        return Outcome(diagnostics.ToImmutable(), crashes);
    }

    /// <summary>A diagnostic as a comparable line: ID, file, span, message, additional locations and severity (certain and inferred findings differ).</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var more = string.Join(" ", diagnostic.AdditionalLocations.Select(l => $"{l.SourceTree?.FilePath}@{l.SourceSpan}"));
        return $"{diagnostic.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}) {diagnostic.Location.SourceSpan} {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{more}] {diagnostic.Severity}";
    }

    /// <summary>The diagnostics as sorted lines, for comparing runs.</summary>
    public static ImmutableArray<string> Lines(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Select(Describe).OrderBy(l => l, System.StringComparer.Ordinal).ToImmutableArray();

    private static CompilationWithAnalyzersOptions Options(ConcurrentQueue<string> crashes) => new(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
        onAnalyzerException: (exception, analyzer, _) => crashes.Enqueue($"{analyzer.GetType().Name}: {exception}"),
        concurrentAnalysis: true,
        logAnalyzerExecutionTime: false,
        reportSuppressedDiagnostics: false);

    private static AnalysisOutcome Outcome(ImmutableArray<Diagnostic> all, ConcurrentQueue<string> crashes)
    {
        // AD0001 is how the driver reports an analyzer exception when no handler sees it; count it as a crash too.
        var reported = all.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        return new AnalysisOutcome(
            all.Where(d => d.Id != "AD0001").ToImmutableArray(),
            crashes.Concat(reported).ToImmutableArray());
    }
}
