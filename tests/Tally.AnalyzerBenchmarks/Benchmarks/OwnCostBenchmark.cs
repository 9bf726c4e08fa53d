using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.AnalyzerBenchmarks.Analysis;
using Tally.AnalyzerBenchmarks.Generation;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.AnalyzerBenchmarks.Benchmarks;

/// <summary>One round of <see cref="OwnCostBenchmark"/>, this build against the baseline build.</summary>
/// <param name="Summaries">This build summarising every tree of an already bound compilation (one thread, CPU time).</param>
/// <param name="BaselineSummaries">The baseline build doing the same, on the same bound semantic models.</param>
/// <param name="Decisions">This build's analyzers' callbacks, in CPU time (<see cref="CpuClock"/>), over a compilation whose summaries are cached, on one driver thread.</param>
/// <param name="BaselineDecisions">The baseline build's analyzers, the same way.</param>
/// <param name="Diagnostics">Diagnostics this build reported.</param>
/// <param name="BaselineDiagnostics">Diagnostics the baseline build reported.</param>
/// <param name="Allocated">Bytes this build's summaries and analysis allocated (the process's, less the driver's share both builds pay alike).</param>
/// <param name="BaselineAllocated">The same for the baseline build.</param>
public sealed record OwnCostRound(TimeSpan Summaries, TimeSpan BaselineSummaries, TimeSpan Decisions, TimeSpan BaselineDecisions, int Diagnostics, int BaselineDiagnostics, long Allocated = 0, long BaselineAllocated = 0);

/// <summary>
/// Tally's own work, without the binding it shares with the build and without waiting for other threads, for a
/// before/after comparison on a busy machine: the summaries of every tree after the compiler has bound it, and the
/// analyzers' callbacks (the decisions, InterlockedMisuse's scans, GuardedBy) once the summaries are cached, with the
/// driver on one thread so no logged time is a wait. Both are CPU time of the threads doing the work
/// (<see cref="CpuClock"/>), not wall time, so the other agents' builds on a shared machine do not enter them. This build and a baseline build (<c>--baseline-analyzers</c>,
/// loaded beside it) alternate in every round; both are called the same way, through reflection, so neither has an
/// advantage. The <c>build-cost</c> command remains the measure of a build; this one says whether a change to
/// Tally's own code made it cheaper.
/// </summary>
public static class OwnCostBenchmark
{
    public static async Task<IReadOnlyList<OwnCostRound>> RunAsync(int lines, int rounds, string baselineAnalyzers, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var files = CodeBaseGenerator.Generate(lines);
        log?.WriteLine($"generated {files.Sum(f => CodeBaseGenerator.CountLines(f.Text))} lines in {files.Count} files");
        var mine = new TallyBuild(AnalyzerSets.Tally());
        var theirs = new TallyBuild(AnalyzerSets.FromOtherBuild(baselineAnalyzers));

        // One compilation bound once: both builds summarise the same semantic models, whose bound bodies are cached.
        var bound = GeneratedProject.Compile(files);
        var models = bound.SyntaxTrees.Select(t => bound.GetSemanticModel(t)).ToList();
        foreach (var model in models)
        {
            SummaryProfile.BindBodies(model, cancellationToken);
        }

        // Warm-up: each build once over everything, untimed.
        mine.SummarizeAll(bound, models, cancellationToken);
        theirs.SummarizeAll(bound, models, cancellationToken);
        await mine.DecideAsync(files, cancellationToken).ConfigureAwait(false);
        await theirs.DecideAsync(files, cancellationToken).ConfigureAwait(false);

        var result = new List<OwnCostRound>();
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { mine, theirs } : new[] { theirs, mine };
            var summaries = new Dictionary<TallyBuild, TimeSpan>();
            var allocated = new Dictionary<TallyBuild, long>();
            var decisions = new Dictionary<TallyBuild, (TimeSpan Time, int Diagnostics)>();
            foreach (var build in order)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                summaries[build] = build.SummarizeAll(bound, models, cancellationToken);
                allocated[build] = GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            foreach (var build in order)
            {
                var (time, diagnostics, bytes) = await build.DecideAsync(files, cancellationToken).ConfigureAwait(false);
                decisions[build] = (time, diagnostics);
                allocated[build] += bytes;
            }

            var done = new OwnCostRound(summaries[mine], summaries[theirs], decisions[mine].Time, decisions[theirs].Time, decisions[mine].Diagnostics, decisions[theirs].Diagnostics, allocated[mine], allocated[theirs]);
            log?.WriteLine($"round {round + 1}: summaries {done.Summaries.TotalMilliseconds:F0} ms against {done.BaselineSummaries.TotalMilliseconds:F0} ms "
                + $"({done.Summaries.TotalMilliseconds / done.BaselineSummaries.TotalMilliseconds:F2}); decisions {done.Decisions.TotalMilliseconds:F0} ms against "
                + $"{done.BaselineDecisions.TotalMilliseconds:F0} ms ({done.Decisions.TotalMilliseconds / done.BaselineDecisions.TotalMilliseconds:F2}); "
                + $"allocated {done.Allocated / 1e6:F1} MB against {done.BaselineAllocated / 1e6:F1} MB; load average {File.ReadAllText("/proc/loadavg").Trim()}");
            result.Add(done);
        }

        return result;
    }

    /// <summary>One build of Tally.Analyzers: its analyzers, and its summarizer reached through reflection.</summary>
    private sealed class TallyBuild
    {
        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private readonly MethodInfo _createKnown;
        private readonly MethodInfo _summarize;
        private readonly MethodInfo _cached;
        private readonly object _options;

        public TallyBuild(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            _analyzers = analyzers;
            var assembly = analyzers.First(a => a.GetType().Name == nameof(NonAtomicUpdateAnalyzer)).GetType().Assembly;
            const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
            _createKnown = Type(assembly, "Tally.Analyzers.Common.KnownSymbols").GetMethod("Create", Static)!;
            _summarize = Type(assembly, "Tally.Analyzers.NonAtomicUpdate.Model.TreeSummarizer").GetMethod("Summarize", Static)!;
            _cached = Type(assembly, "Tally.Analyzers.NonAtomicUpdate.Model.TreeSummaryCache").GetMethod("Get", Static)!;
            _options = Type(assembly, "Tally.Analyzers.Common.TallyOptions").GetField("Default", Static)!.GetValue(null)!;
        }

        /// <summary>Summarises every tree of <paramref name="compilation"/> through the given (bound) models; returns the time.</summary>
        public TimeSpan SummarizeAll(Compilation compilation, IReadOnlyList<SemanticModel> models, CancellationToken cancellationToken)
        {
            GC.Collect(); // not the other build's garbage
            var clock = new CpuClock();
            clock.Time(() =>
            {
                var known = _createKnown.Invoke(null, new object[] { compilation });
                foreach (var model in models)
                {
                    _summarize.Invoke(null, new[] { model, known, _options, cancellationToken });
                }
            });
            return clock.Total;
        }

        /// <summary>
        /// Runs the analyzers, on one driver thread, over a fresh compilation whose summaries were made beforehand
        /// (untimed); returns their logged time and the diagnostics.
        /// </summary>
        public async Task<(TimeSpan Time, int Diagnostics, long Allocated)> DecideAsync(IReadOnlyList<GeneratedFile> files, CancellationToken cancellationToken)
        {
            var compilation = GeneratedProject.Compile(files);
            var known = _createKnown.Invoke(null, new object[] { compilation });
            foreach (var tree in compilation.SyntaxTrees)
            {
                _cached.Invoke(null, new[] { compilation, tree, known, _options, cancellationToken });
            }

            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var run = new AnalysisRun(concurrent: false);
            var clock = new CpuClock();
            var timed = _analyzers.Select(a => (DiagnosticAnalyzer)new CpuTimedAnalyzer(a, clock)).ToImmutableArray();
            var result = await compilation.WithAnalyzers(timed, run.Options).GetAnalysisResultAsync(cancellationToken).ConfigureAwait(false);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            run.ThrowIfAnalyzerFailed();
            var ids = new HashSet<string>(_analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id));
            return (clock.Total, result.GetAllDiagnostics().Count(d => ids.Contains(d.Id)), allocated);
        }

        private static Type Type(Assembly assembly, string name)
            => assembly.GetType(name, throwOnError: true)!;
    }
}
