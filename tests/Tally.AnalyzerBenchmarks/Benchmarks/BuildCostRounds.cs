using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.AnalyzerBenchmarks.Analysis;
using Tally.AnalyzerBenchmarks.Generation;

namespace Tally.AnalyzerBenchmarks.Benchmarks;

/// <summary>One round of <see cref="BuildCostRounds"/>: this build's and the baseline build's Tally, each beside the SDK's analyzers.</summary>
/// <param name="Tally">This build's Tally analyzers, driver-logged.</param>
/// <param name="TallySdk">The SDK's analyzers in the same analysis as <paramref name="Tally"/>.</param>
/// <param name="Baseline">The baseline build's Tally analyzers, driver-logged.</param>
/// <param name="BaselineSdk">The SDK's analyzers in the same analysis as <paramref name="Baseline"/>.</param>
/// <param name="TallyDiagnostics">Diagnostics this build's Tally reported.</param>
/// <param name="BaselineDiagnostics">Diagnostics the baseline build reported.</param>
/// <param name="TallyCpu">CPU time of this build's Tally callbacks in the same analysis (<see cref="CpuClock"/>): the logged time without waits and preemption.</param>
/// <param name="BaselineCpu">The same for the baseline build.</param>
/// <param name="Wall">Wall time of this build's analysis (Tally and the SDK's analyzers).</param>
/// <param name="BaselineWall">Wall time of the baseline build's analysis.</param>
/// <param name="ProcessCpu">CPU time of the whole process during this build's analysis.</param>
/// <param name="BaselineProcessCpu">The same for the baseline build's analysis.</param>
public sealed record BuildCostRound(TimeSpan Tally, TimeSpan TallySdk, TimeSpan Baseline, TimeSpan BaselineSdk, int TallyDiagnostics, int BaselineDiagnostics, TimeSpan TallyCpu = default, TimeSpan BaselineCpu = default, TimeSpan Wall = default, TimeSpan BaselineWall = default, TimeSpan ProcessCpu = default, TimeSpan BaselineProcessCpu = default)
{
    /// <summary>This build's logged time over the baseline's, in this round.</summary>
    public double Ratio => Tally.TotalMilliseconds / Baseline.TotalMilliseconds;

    /// <summary>
    /// The same ratio with each side first divided by the SDK's time in its own analysis: what is left when both
    /// analyses were slowed alike by the load of the moment.
    /// </summary>
    public double SdkNormalizedRatio => (Tally.TotalMilliseconds / TallySdk.TotalMilliseconds) / (Baseline.TotalMilliseconds / BaselineSdk.TotalMilliseconds);
}

/// <summary>
/// A before/after comparison of build cost that holds up on a shared machine: this build of Tally and a baseline build
/// (<c>--baseline-analyzers</c>), each with the SDK's analyzers, analyse the code base in alternating order for several
/// rounds after a warm-up round, each analysis on a fresh parse (summaries are cached per syntax tree, so a clone of an analysed compilation
/// would find them made). One round gives a ratio as noisy as the load; the median over rounds is the figure to quote.
/// </summary>
public static class BuildCostRounds
{
    public static async Task<IReadOnlyList<BuildCostRound>> RunAsync(int lines, int rounds, string baselineAnalyzers, TextWriter? log = null, bool cpuTimed = true, CancellationToken cancellationToken = default)
    {
        var files = CodeBaseGenerator.Generate(lines);
        log?.WriteLine($"generated {files.Sum(f => CodeBaseGenerator.CountLines(f.Text))} lines in {files.Count} files");
        var tally = AnalyzerSets.Tally();
        var other = AnalyzerSets.FromOtherBuild(baselineAnalyzers);
        var sdk = AnalyzerSets.Sdk;

        var small = GeneratedProject.Compile(CodeBaseGenerator.Generate(2_000, seed: 3));
        foreach (var set in new[] { tally.AddRange(sdk), other.AddRange(sdk) })
        {
            await small.Clone().WithAnalyzers(set, new AnalysisRun().Options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        }

        // A first round at full size is not counted: in every run so far the first large analysis of the process took
        // up to three times as long as the later ones (the heap growing, the thread pool ramping up), whichever build ran it.
        var result = new List<BuildCostRound>();
        for (var round = -1; round < rounds; round++)
        {
            // Alternate which build goes first, so neither always meets the same phase of the other agents' load.
            (TimeSpan Tally, TimeSpan Sdk, int Diagnostics, TimeSpan TallyCpu, TimeSpan Wall, TimeSpan ProcessCpu) mine = default, theirs = default;
            for (var turn = 0; turn < 2; turn++)
            {
                var thisBuild = (turn == 0) == (round % 2 == 0 || round < 0);
                var measured = await AnalyseAsync(files, thisBuild ? tally : other, sdk, cpuTimed, cancellationToken).ConfigureAwait(false);
                if (thisBuild)
                {
                    mine = measured;
                }
                else
                {
                    theirs = measured;
                }
            }

            var done = new BuildCostRound(mine.Tally, mine.Sdk, theirs.Tally, theirs.Sdk, mine.Diagnostics, theirs.Diagnostics, mine.TallyCpu, theirs.TallyCpu, mine.Wall, theirs.Wall, mine.ProcessCpu, theirs.ProcessCpu);
            if (round < 0)
            {
                log?.WriteLine($"warm-up round (not counted): this build {done.Tally.TotalMilliseconds:F0} ms, baseline {done.Baseline.TotalMilliseconds:F0} ms");
                continue;
            }

            log?.WriteLine($"round {round + 1}: this build {done.Tally.TotalMilliseconds:F0} ms (SDK {done.TallySdk.TotalMilliseconds:F0} ms), "
                + $"baseline {done.Baseline.TotalMilliseconds:F0} ms (SDK {done.BaselineSdk.TotalMilliseconds:F0} ms); ratio {done.Ratio:F2}, SDK-normalised {done.SdkNormalizedRatio:F2}; Tally CPU {done.TallyCpu.TotalMilliseconds:F0} ms against {done.BaselineCpu.TotalMilliseconds:F0} ms; analysis wall {done.Wall.TotalSeconds:F2} s against {done.BaselineWall.TotalSeconds:F2} s, process CPU {done.ProcessCpu.TotalSeconds:F2} s against {done.BaselineProcessCpu.TotalSeconds:F2} s; load average {File.ReadAllText("/proc/loadavg").Trim()}");
            result.Add(done);
        }

        return result;
    }

    private static async Task<(TimeSpan Tally, TimeSpan Sdk, int Diagnostics, TimeSpan TallyCpu, TimeSpan Wall, TimeSpan ProcessCpu)> AnalyseAsync(IReadOnlyList<GeneratedFile> files, ImmutableArray<DiagnosticAnalyzer> tally, ImmutableArray<DiagnosticAnalyzer> sdk, bool cpuTimed, CancellationToken cancellationToken)
    {
        GC.Collect();
        var run = new AnalysisRun();
        var clock = new CpuClock();
        if (cpuTimed)
        {
            tally = tally.Select(a => (DiagnosticAnalyzer)new CpuTimedAnalyzer(a, clock)).ToImmutableArray();
        }

        var compilation = GeneratedProject.Compile(files);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var analysis = await compilation.WithAnalyzers(tally.AddRange(sdk), run.Options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
        timer.Stop();
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        run.ThrowIfAnalyzerFailed();
        var tallySet = new HashSet<DiagnosticAnalyzer>(tally);
        var ids = new HashSet<string>(tally.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id));
        TimeSpan Sum(bool tallySide) => TimeSpan.FromTicks(analysis.AnalyzerTelemetryInfo.Where(p => tallySet.Contains(p.Key) == tallySide).Sum(p => p.Value.ExecutionTime.Ticks));
        return (Sum(true), Sum(false), analysis.GetAllDiagnostics().Count(d => ids.Contains(d.Id)), clock.Total, timer.Elapsed, cpu);
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
