using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.AnalyzerBenchmarks.Analysis;
using Tally.AnalyzerBenchmarks.Generation;

namespace Tally.AnalyzerBenchmarks.Benchmarks;

/// <summary>What one build of the generated code base cost.</summary>
/// <param name="Lines">Lines generated.</param>
/// <param name="Files">Files generated.</param>
/// <param name="Compile">Wall time of the compiler alone: binding and emitting the whole assembly.</param>
/// <param name="AnalysisWall">Wall time of running Tally's and the SDK's analyzers together over the compilation.</param>
/// <param name="Tally">Execution time of Tally's analyzers (the sum over their analyzers, as <c>ReportAnalyzer</c> shows).</param>
/// <param name="Sdk">Execution time of the SDK's .NET analyzers.</param>
/// <param name="PerAnalyzer">Execution time of every analyzer that took any, longest first.</param>
/// <param name="TallyDiagnostics">Diagnostics Tally reported (the generated code has races, so this is never 0).</param>
/// <param name="SdkDiagnostics">Diagnostics the SDK's analyzers reported.</param>
public sealed record BuildCost(
    int Lines,
    int Files,
    TimeSpan Compile,
    TimeSpan AnalysisWall,
    TimeSpan Tally,
    TimeSpan Sdk,
    IReadOnlyList<(string Analyzer, TimeSpan Time)> PerAnalyzer,
    int TallyDiagnostics,
    int SdkDiagnostics)
{
    /// <summary>The build: the compiler plus the analyzers' wall time.</summary>
    public TimeSpan Build => Compile + AnalysisWall;

    /// <summary>Tally's share of the build.</summary>
    public double TallyShare => Tally.TotalMilliseconds / Build.TotalMilliseconds;

    /// <summary>The SDK analyzers' share of the build.</summary>
    public double SdkShare => Sdk.TotalMilliseconds / Build.TotalMilliseconds;
}

/// <summary>
/// The build-cost benchmark: the compiler alone (emit to memory) on one compilation of the generated code base, then
/// all analyzers together on a clone of it (as a build runs them: concurrently, every analyzer on every symbol and
/// operation), with each analyzer's execution time logged by the analyzer driver (what <c>-p:ReportAnalyzer=true</c>
/// prints). The two runs are separate compilations, so neither reuses the other's binding.
/// </summary>
public static class BuildCostBenchmark
{
    public static async Task<BuildCost> RunAsync(int lines, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var files = CodeBaseGenerator.Generate(lines);
        int generatedLines = files.Sum(f => CodeBaseGenerator.CountLines(f.Text));
        log?.WriteLine($"generated {generatedLines} lines in {files.Count} files");

        var compilation = GeneratedProject.Compile(files);
        var compileTimer = Stopwatch.StartNew();
        using (var peStream = new MemoryStream())
        {
            var emit = compilation.Emit(peStream, cancellationToken: cancellationToken);
            compileTimer.Stop();
            var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The generated code does not compile:\n" + string.Join("\n", errors.Take(10)));
            }
        }

        log?.WriteLine($"compile (emit): {compileTimer.Elapsed.TotalSeconds:F2} s");

        var tally = AnalyzerSets.Tally();
        var sdk = AnalyzerSets.Sdk;
        var run = new AnalysisRun();
        var withAnalyzers = compilation.Clone().WithAnalyzers(tally.AddRange(sdk), run.Options);
        var analysisTimer = Stopwatch.StartNew();
        var result = await withAnalyzers.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        analysisTimer.Stop();
        run.ThrowIfAnalyzerFailed();

        var tallySet = new HashSet<DiagnosticAnalyzer>(tally);
        TimeSpan Sum(Func<DiagnosticAnalyzer, bool> which) => TimeSpan.FromTicks(
            result.AnalyzerTelemetryInfo.Where(p => which(p.Key)).Sum(p => p.Value.ExecutionTime.Ticks));
        var tallyIds = new HashSet<string>(tally.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id));
        var diagnostics = result.GetAllDiagnostics();

        var perAnalyzer = result.AnalyzerTelemetryInfo
            .Where(p => p.Value.ExecutionTime > TimeSpan.Zero)
            .OrderByDescending(p => p.Value.ExecutionTime)
            .Select(p => (p.Key.GetType().Name, p.Value.ExecutionTime))
            .ToList();
        return new BuildCost(
            generatedLines,
            files.Count,
            compileTimer.Elapsed,
            analysisTimer.Elapsed,
            Sum(tallySet.Contains),
            Sum(a => !tallySet.Contains(a)),
            perAnalyzer,
            diagnostics.Count(d => tallyIds.Contains(d.Id)),
            diagnostics.Count(d => !tallyIds.Contains(d.Id)));
    }
}
