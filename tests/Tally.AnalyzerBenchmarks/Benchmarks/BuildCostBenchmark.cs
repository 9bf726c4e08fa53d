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
/// <param name="SdkAloneWall">Wall time of the SDK's analyzers alone over another clone: the build without Tally.</param>
/// <param name="Baseline">With <c>--baseline-analyzers</c>: another build of Tally run with the SDK's analyzers on a clone of its own.</param>
/// <param name="Split">Tally's logged time split into the summaries (binding included) and the rest.</param>
/// <param name="AnalysisCpu">CPU time of the whole process while Tally's and the SDK's analyzers ran together.</param>
/// <param name="SdkAloneCpu">CPU time of the whole process while the SDK's analyzers ran alone.</param>
public sealed record BuildCost(
    int Lines,
    int Files,
    TimeSpan Compile,
    TimeSpan AnalysisWall,
    TimeSpan Tally,
    TimeSpan Sdk,
    IReadOnlyList<(string Analyzer, TimeSpan Time)> PerAnalyzer,
    int TallyDiagnostics,
    int SdkDiagnostics,
    TimeSpan SdkAloneWall,
    BaselineBuildCost? Baseline = null,
    TallySplit? Split = null,
    TimeSpan AnalysisCpu = default,
    TimeSpan SdkAloneCpu = default)
{
    /// <summary>
    /// What adding Tally adds to the process's CPU time (all threads, the garbage collector's included): the analysis with
    /// Tally less the SDK's analyzers alone. Unlike <see cref="TallyMarginal"/> it does not count time the threads
    /// waited for a core, so other processes' load enters it far less.
    /// </summary>
    public TimeSpan TallyMarginalCpu => AnalysisCpu - SdkAloneCpu;

    /// <summary>
    /// What adding Tally to the SDK's analyzers adds to the build's wall time. The driver logs the binding and
    /// generated-code checks that analyzers share against whichever analyzer asks first, so Tally's logged time
    /// includes work the build does with or without it; this difference does not.
    /// </summary>
    public TimeSpan TallyMarginal => AnalysisWall - SdkAloneWall;

    /// <summary><see cref="TallyMarginal"/> as a share of the build.</summary>
    public double TallyMarginalShare => TallyMarginal.TotalMilliseconds / Build.TotalMilliseconds;

    /// <summary>The build: the compiler plus the analyzers' wall time.</summary>
    public TimeSpan Build => Compile + AnalysisWall;

    /// <summary>Tally's share of the build.</summary>
    public double TallyShare => Tally.TotalMilliseconds / Build.TotalMilliseconds;

    /// <summary>The SDK analyzers' share of the build.</summary>
    public double SdkShare => Sdk.TotalMilliseconds / Build.TotalMilliseconds;
}

/// <summary>
/// Where Tally's logged build time goes. The first run charges Tally with summarising every tree, which is mostly the
/// compiler binding member bodies that the driver binds anyway for every analyzer's operation actions (the semantic
/// models are shared). A second run of Tally and the SDK's analyzers on another clone of the same syntax trees finds the
/// summaries cached (they are cached per tree), so what Tally is charged there is its decisions and scans, with the
/// binding left to the driver, which does not charge it to any analyzer.
/// </summary>
/// <param name="Cached">Tally's logged time in the second run, summaries cached.</param>
/// <param name="CachedWall">Wall time of the second run.</param>
/// <param name="CachedCpu">CPU time of the whole process during the second run.</param>
/// <param name="CachedDiagnostics">Diagnostics Tally reported in the second run (must equal the first run's).</param>
/// <remarks>
/// Not timed with <see cref="CpuTimedAnalyzer"/>: its two clock reads per callback (a system call each) over the
/// driver's hundreds of thousands of callbacks made Tally's logged time four times as long in a 200k-line run.
/// </remarks>
public sealed record TallySplit(TimeSpan Cached, TimeSpan CachedWall, TimeSpan CachedCpu, int CachedDiagnostics);

/// <summary>The same build with another build of Tally's analyzers (say, main's), in the same run.</summary>
/// <param name="AnalysisWall">Wall time of that build's Tally and the SDK's analyzers together.</param>
/// <param name="Tally">Its Tally analyzers' logged execution time.</param>
/// <param name="Sdk">The SDK analyzers' logged execution time in that run.</param>
public sealed record BaselineBuildCost(TimeSpan AnalysisWall, TimeSpan Tally, TimeSpan Sdk);

/// <summary>
/// The build-cost benchmark: the compiler alone (emit to memory) on one compilation of the generated code base, then
/// all analyzers together on a clone of it (as a build runs them: concurrently, every analyzer on every symbol and
/// operation), with each analyzer's execution time logged by the analyzer driver (what <c>-p:ReportAnalyzer=true</c>
/// prints). The two runs are separate compilations, so neither reuses the other's binding. A third run, the SDK's
/// analyzers alone on another clone, gives the build without Tally, so the wall time Tally adds shows beside the
/// time the driver logs against it.
/// </summary>
public static class BuildCostBenchmark
{
    public static async Task<BuildCost> RunAsync(int lines, TextWriter? log = null, CancellationToken cancellationToken = default, string? baselineAnalyzers = null)
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
        var other = baselineAnalyzers is null ? ImmutableArray<DiagnosticAnalyzer>.Empty : AnalyzerSets.FromOtherBuild(baselineAnalyzers);

        // Warm-up: every analyzer set once over a small code base, so no timed run pays for compiling the analyzers' code.
        var small = GeneratedProject.Compile(CodeBaseGenerator.Generate(2_000, seed: 3));
        foreach (var set in new[] { tally.AddRange(sdk), sdk, other.AddRange(sdk) })
        {
            await small.Clone().WithAnalyzers(set, new AnalysisRun().Options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        }

        // A full-size run of the SDK's analyzers, not timed: the first large analysis of a process is slower than the later
        // ones (the heap grows, the thread pool ramps up), and without this the analysis with Tally, timed first, paid for it.
        GC.Collect();
        await compilation.Clone().WithAnalyzers(sdk, new AnalysisRun().Options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);

        GC.Collect();
        var run = new AnalysisRun();
        var withAnalyzers = compilation.Clone().WithAnalyzers(tally.AddRange(sdk), run.Options);
        var analysisCpu = ProcessCpu();
        var analysisTimer = Stopwatch.StartNew();
        var result = await withAnalyzers.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        analysisTimer.Stop();
        analysisCpu = ProcessCpu() - analysisCpu;
        run.ThrowIfAnalyzerFailed();

        var tallySet = new HashSet<DiagnosticAnalyzer>(tally);
        TimeSpan Sum(Func<DiagnosticAnalyzer, bool> which) => TimeSpan.FromTicks(
            result.AnalyzerTelemetryInfo.Where(p => which(p.Key)).Sum(p => p.Value.ExecutionTime.Ticks));
        var tallyIds = new HashSet<string>(tally.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id));
        var diagnostics = result.GetAllDiagnostics();

        // The same build without Tally, on a clone of its own (run second, so it also has the warmer JIT: if anything,
        // this overstates what Tally adds).
        GC.Collect();
        var sdkRun = new AnalysisRun();
        var sdkAlone = compilation.Clone().WithAnalyzers(sdk, sdkRun.Options);
        var sdkCpu = ProcessCpu();
        var sdkTimer = Stopwatch.StartNew();
        await sdkAlone.GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        sdkTimer.Stop();
        sdkCpu = ProcessCpu() - sdkCpu;
        sdkRun.ThrowIfAnalyzerFailed();
        log?.WriteLine($"SDK analyzers alone (wall): {sdkTimer.Elapsed.TotalSeconds:F2} s");

        var split = await CachedRunAsync(compilation, tally, sdk, cancellationToken).ConfigureAwait(false);
        log?.WriteLine($"Tally with the SDK, summaries cached (wall): {split.CachedWall.TotalSeconds:F2} s");

        BaselineBuildCost? baseline = null;
        if (baselineAnalyzers is not null)
        {
            GC.Collect();
            var otherSet = new HashSet<DiagnosticAnalyzer>(other);
            var otherRun = new AnalysisRun();
            var otherTimer = Stopwatch.StartNew();
            var otherResult = await compilation.Clone().WithAnalyzers(other.AddRange(sdk), otherRun.Options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
            otherTimer.Stop();
            otherRun.ThrowIfAnalyzerFailed();
            TimeSpan OtherSum(bool tallySide) => TimeSpan.FromTicks(
                otherResult.AnalyzerTelemetryInfo.Where(p => otherSet.Contains(p.Key) == tallySide).Sum(p => p.Value.ExecutionTime.Ticks));
            baseline = new BaselineBuildCost(otherTimer.Elapsed, OtherSum(true), OtherSum(false));
            log?.WriteLine($"baseline build of Tally with the SDK (wall): {otherTimer.Elapsed.TotalSeconds:F2} s");
        }

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
            diagnostics.Count(d => !tallyIds.Contains(d.Id)),
            sdkTimer.Elapsed,
            baseline,
            split,
            analysisCpu,
            sdkCpu);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Tally and the SDK's analyzers again on another clone of the same trees, whose summaries Tally has cached.</summary>
    private static async Task<TallySplit> CachedRunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> tally, ImmutableArray<DiagnosticAnalyzer> sdk, CancellationToken cancellationToken)
    {
        GC.Collect();
        var run = new AnalysisRun();
        var cpu = ProcessCpu();
        var timer = Stopwatch.StartNew();
        var result = await compilation.Clone().WithAnalyzers(tally.AddRange(sdk), run.Options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        timer.Stop();
        cpu = ProcessCpu() - cpu;
        run.ThrowIfAnalyzerFailed();
        var tallySet = new HashSet<DiagnosticAnalyzer>(tally);
        var ids = new HashSet<string>(tally.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id));
        var logged = TimeSpan.FromTicks(result.AnalyzerTelemetryInfo.Where(p => tallySet.Contains(p.Key)).Sum(p => p.Value.ExecutionTime.Ticks));
        return new TallySplit(logged, timer.Elapsed, cpu, result.GetAllDiagnostics().Count(d => ids.Contains(d.Id)));
    }
}
