using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.AnalyzerBenchmarks.Analysis;
using Tally.AnalyzerBenchmarks.Generation;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.AnalyzerBenchmarks.Benchmarks;

/// <summary>Where NonAtomicUpdateAnalyzer's build time goes, on one thread, with the allocations of each step.</summary>
/// <param name="Lines">Lines generated.</param>
/// <param name="Files">Files generated.</param>
/// <param name="Bind">Binding every member body through the semantic models (what the analyzer driver does for operation actions).</param>
/// <param name="Summarize">Summarising every tree after the bodies were bound: the summarizer's own work.</param>
/// <param name="SummarizeCold">Summarising every tree of a fresh compilation: binding plus summarising, what the first callback pays.</param>
/// <param name="Model">Assembling the concurrency model from the summaries.</param>
/// <param name="PerEdit">The compilation-wide work of an edit once the summaries are cached: the model and the known types.</param>
/// <param name="Decide">Tally's analyzers' driver-logged execution time over a compilation whose summaries are cached.</param>
/// <param name="Driver">Wall time of that run (the driver binds the bodies again for its clone of the compilation).</param>
public sealed record SummaryCost(
    int Lines,
    int Files,
    Step Bind,
    Step Summarize,
    Step SummarizeCold,
    Step Model,
    EditCost PerEdit,
    TimeSpan Decide,
    TimeSpan Driver,
    IReadOnlyList<(string Analyzer, TimeSpan Time)> PerAnalyzer);

/// <summary>One measured step: wall time and bytes allocated on the measuring thread.</summary>
/// <param name="Time">Wall time.</param>
/// <param name="Allocated">Bytes allocated by the thread during the step.</param>
public readonly record struct Step(TimeSpan Time, long Allocated);

/// <summary>
/// The profile behind the build-cost figure: the analysis of a build split into the compiler's binding (shared with
/// every analyzer), the per-tree summaries, the model and the per-update decisions. Not a comparison with the SDK (the
/// <c>build-cost</c> command is); it says which part of Tally to make cheaper. Each step runs on its own fresh parse of
/// the code base so no step profits from another's caches.
/// </summary>
public static class SummaryProfile
{
    public static async Task<SummaryCost> RunAsync(int lines, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        // Warm-up: every step once over a small code base, so no step pays for compiling the compiler's or Tally's code.
        await MeasureAsync(CodeBaseGenerator.Generate(2_000, seed: 3), null, cancellationToken).ConfigureAwait(false);
        return await MeasureAsync(CodeBaseGenerator.Generate(lines), log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SummaryCost> MeasureAsync(IReadOnlyList<GeneratedFile> files, TextWriter? log, CancellationToken cancellationToken)
    {
        int generatedLines = files.Sum(f => CodeBaseGenerator.CountLines(f.Text));
        log?.WriteLine($"generated {generatedLines} lines in {files.Count} files");

        // Bound first (this also warms up the compiler's code), then summarise the same semantic models.
        var warm = GeneratedProject.Compile(files);
        var models = warm.SyntaxTrees.Select(t => warm.GetSemanticModel(t)).ToList();
        var bindStep = Measure(() =>
        {
            foreach (var model in models)
            {
                BindBodies(model, cancellationToken);
            }

            return 0;
        });
        log?.WriteLine($"binding: {bindStep.Time.TotalMilliseconds:F0} ms");
        List<TreeSummary> summaries = new();
        var summarizeStep = Measure(() =>
        {
            var known = KnownSymbols.Create(warm);
            foreach (var model in models)
            {
                summaries.Add(TreeSummarizer.Summarize(model, known, TallyOptions.Default, cancellationToken));
            }

            return 0;
        });
        log?.WriteLine($"summaries, bound: {summarizeStep.Time.TotalMilliseconds:F0} ms");
        var modelStep = Measure(() => new ConcurrencyModel(summaries));
        // Cold: what the first analyzer callback of a build pays (it binds what the driver has not bound yet).
        var cold = GeneratedProject.Compile(files);
        var coldStep = Measure(() => SummarizeAll(cold, cancellationToken));
        log?.WriteLine($"summaries, cold: {coldStep.Time.TotalMilliseconds:F0} ms");

        // Decisions: a third compilation whose summaries are already cached, analysed by Tally's analyzers as a build would.
        var decided = GeneratedProject.Compile(files);
        SummarizeAll(decided, cancellationToken);
        var perEdit = EditProfile.Measure(decided, cancellationToken);
        var run = new AnalysisRun();
        var tally = AnalyzerSets.Tally();
        var withAnalyzers = decided.WithAnalyzers(tally, run.Options);
        var timer = Stopwatch.StartNew();
        var result = await withAnalyzers.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        timer.Stop();
        run.ThrowIfAnalyzerFailed();
        var perAnalyzer = result.AnalyzerTelemetryInfo
            .OrderByDescending(p => p.Value.ExecutionTime)
            .Select(p => (p.Key.GetType().Name, p.Value.ExecutionTime))
            .ToList();
        return new SummaryCost(
            generatedLines,
            files.Count,
            bindStep,
            summarizeStep,
            coldStep,
            modelStep,
            perEdit,
            TimeSpan.FromTicks(perAnalyzer.Sum(p => p.ExecutionTime.Ticks)),
            timer.Elapsed,
            perAnalyzer);
    }

    private static int SummarizeAll(Compilation compilation, CancellationToken cancellationToken)
    {
        var known = KnownSymbols.Create(compilation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            TreeSummaryCache.Get(compilation, tree, known, TallyOptions.Default, cancellationToken);
        }

        return 0;
    }

    /// <summary>Binds every member body, accessor and initializer of the tree, as the driver does for operation actions.</summary>
    internal static void BindBodies(SemanticModel model, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes(static n => !(n is BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax or ExpressionSyntax)))
        {
            switch (node)
            {
                case BaseMethodDeclarationSyntax or AccessorDeclarationSyntax:
                    model.GetOperation(node, cancellationToken);
                    break;
                case PropertyDeclarationSyntax property:
                    if (property.ExpressionBody != null)
                    {
                        model.GetOperation(property.ExpressionBody, cancellationToken);
                    }

                    if (property.Initializer != null)
                    {
                        model.GetOperation(property.Initializer, cancellationToken);
                    }

                    break;
                case IndexerDeclarationSyntax { ExpressionBody: { } body }:
                    model.GetOperation(body, cancellationToken);
                    break;
                case VariableDeclaratorSyntax { Initializer: { } initializer, Parent.Parent: BaseFieldDeclarationSyntax }:
                    model.GetOperation(initializer, cancellationToken);
                    break;
            }
        }
    }

    private static Step Measure<T>(Func<T> action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var timer = Stopwatch.StartNew();
        action();
        timer.Stop();
        return new Step(timer.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
