using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Tally.AnalyzerBenchmarks.Benchmarks;

namespace Tally.AnalyzerBenchmarks;

/// <summary>
/// Entry point (docs/performance.md):
/// <c>build-cost [--lines N]</c> prints Tally's and the SDK analyzers' share of compiling an N-line generated code base;
/// <c>keystroke [--lines N] [--edits E]</c> prints the median per-document analysis time of an edited document;
/// both take <c>--baseline-analyzers PATH</c> to measure another build of Tally.Analyzers.dll in the same run
/// (build-cost with <c>--rounds R</c> as well: R alternating rounds of both builds, each on a fresh parse, and the median ratio;
/// <c>--no-cpu-timing</c> leaves out the per-callback CPU clock, whose overhead enters the logged time);
/// <c>profile [--lines N]</c> splits NonAtomicUpdateAnalyzer's build time into binding, summaries, model and decisions.
/// <c>own-cost --baseline-analyzers PATH [--lines N] [--rounds R]</c> compares Tally's own work (summaries after binding,
/// decisions on one driver thread) with another build's, alternating for R rounds (default 5).
/// <c>scan FOLDER [options]</c> runs Tally over a real project's source folder (docs/real-code.md; see RealCodeScan).
/// N defaults to 200000, E to 7. Every command but scan takes <c>--option KEY=VALUE</c> (repeatable): an
/// <c>.editorconfig</c> key for every file of every measured analysis (say <c>tally.call_depth=3</c>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scan")
        {
            return await RealCode.RealCodeScan.RunAsync(args, Console.Out, Console.Error);
        }

        if (args.Length == 0 || args[0] is not ("build-cost" or "keystroke" or "profile" or "own-cost"))
        {
            Console.Error.WriteLine("usage: build-cost [--lines N] [--baseline-analyzers PATH [--rounds R [--no-cpu-timing]]] | keystroke [--lines N] [--edits E] | profile [--lines N] | own-cost --baseline-analyzers PATH [--lines N] [--rounds R] | scan FOLDER [--analyzers PATH] [--implicit-usings] [--include-tests] [--aspnet] [--errors] [--timing] [--option KEY=VALUE]; build-cost and keystroke take --baseline-analyzers PATH; all take --option KEY=VALUE");
            return 2;
        }

        int lines = Option(args, "--lines", 200_000);
        var options = RealCode.RealCodeScan.OptionValues(args, "--option").ToList();
        Analysis.AnalysisRun.DefaultOptions = new Analysis.FixedOptionsProvider(options).ToAnalyzerOptions();
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}"
            + (options.Count > 0 ? ", options " + string.Join(" ", options) : string.Empty));
        if (args[0] == "own-cost")
        {
            var baselinePath = OptionText(args, "--baseline-analyzers") ?? throw new ArgumentException("own-cost needs --baseline-analyzers PATH");
            var rounds = await OwnCostBenchmark.RunAsync(lines, Option(args, "--rounds", 5), baselinePath, Console.Out);
            Console.WriteLine($"this build / baseline, median of {rounds.Count} rounds: summaries {BuildCostRounds.Median(rounds.Select(r => r.Summaries / r.BaselineSummaries)):F2}, "
                + $"decisions {BuildCostRounds.Median(rounds.Select(r => r.Decisions / r.BaselineDecisions)):F2}, "
                + $"both {BuildCostRounds.Median(rounds.Select(r => (r.Summaries + r.Decisions) / (r.BaselineSummaries + r.BaselineDecisions))):F2}; "
                + $"allocated {BuildCostRounds.Median(rounds.Select(r => (double)r.Allocated / r.BaselineAllocated)):F2}; "
                + $"diagnostics {rounds[0].Diagnostics} against {rounds[0].BaselineDiagnostics}");
        }
        else if (args[0] == "profile")
        {
            var profile = await SummaryProfile.RunAsync(lines, Console.Out);
            Console.WriteLine($"lines {profile.Lines}, files {profile.Files}; one thread per step except the analyzer run");
            Console.WriteLine($"bind every body (the driver's work)     {profile.Bind.Time.TotalMilliseconds,9:F0} ms  {profile.Bind.Allocated / 1e6,9:F1} MB");
            Console.WriteLine($"summaries after binding                 {profile.Summarize.Time.TotalMilliseconds,9:F0} ms  {profile.Summarize.Allocated / 1e6,9:F1} MB");
            Console.WriteLine($"summaries of a fresh compilation        {profile.SummarizeCold.Time.TotalMilliseconds,9:F0} ms  {profile.SummarizeCold.Allocated / 1e6,9:F1} MB");
            Console.WriteLine($"model from the summaries                {profile.Model.Time.TotalMilliseconds,9:F0} ms  {profile.Model.Allocated / 1e6,9:F1} MB");
            var edit = profile.PerEdit;
            Console.WriteLine("per edit of one document (summaries of the other trees cached):");
            Console.WriteLine($"  model, every tree merged              {edit.FullModel.Time.TotalMilliseconds,9:F2} ms  {edit.FullModel.Allocated / 1e6,9:F2} MB");
            Console.WriteLine($"  model, first edit of the document     {edit.FirstEditModel.Time.TotalMilliseconds,9:F2} ms  {edit.FirstEditModel.Allocated / 1e6,9:F2} MB");
            Console.WriteLine($"  model, later edits (edited tree only) {edit.EditModel.Time.TotalMilliseconds,9:F2} ms  {edit.EditModel.Allocated / 1e6,9:F2} MB");
            Console.WriteLine($"  known types, references shared        {edit.KnownTypes.Time.TotalMilliseconds,9:F2} ms  {edit.KnownTypes.Allocated / 1e6,9:F2} MB");
            Console.WriteLine($"  known types, GetTypeByMetadataName    {edit.KnownTypesDirect.Time.TotalMilliseconds,9:F2} ms  {edit.KnownTypesDirect.Allocated / 1e6,9:F2} MB");
            Console.WriteLine($"Tally analyzers, summaries cached       {profile.Decide.TotalMilliseconds,9:F0} ms  (driver wall {profile.Driver.TotalMilliseconds:F0} ms)");
            foreach (var (analyzer, time) in profile.PerAnalyzer)
            {
                Console.WriteLine($"  {time.TotalMilliseconds,9:F0} ms  {analyzer}");
            }
        }
        else if (args[0] == "build-cost" && OptionText(args, "--rounds") is not null && OptionText(args, "--baseline-analyzers") is { } baselinePath)
        {
            // --no-cpu-timing: no CpuTimedAnalyzer around Tally (its two clock reads per callback add to the logged time).
            var cpuTimed = !args.Contains("--no-cpu-timing");
            var rounds = await BuildCostRounds.RunAsync(lines, Option(args, "--rounds", 3), baselinePath, Console.Out, cpuTimed);
            Console.WriteLine($"this build / baseline, median of {rounds.Count} rounds: {BuildCostRounds.Median(rounds.Select(r => r.Ratio)):F2} "
                + $"(SDK-normalised {BuildCostRounds.Median(rounds.Select(r => r.SdkNormalizedRatio)):F2}"
                + (cpuTimed ? $"; CPU time {BuildCostRounds.Median(rounds.Select(r => r.TallyCpu / r.BaselineCpu)):F2}" : string.Empty)
                + $"; analysis wall {BuildCostRounds.Median(rounds.Select(r => r.Wall / r.BaselineWall)):F2}, process CPU {BuildCostRounds.Median(rounds.Select(r => r.ProcessCpu / r.BaselineProcessCpu)):F2}); diagnostics {rounds[0].TallyDiagnostics} against {rounds[0].BaselineDiagnostics}");
        }
        else if (args[0] == "build-cost")
        {
            var cost = await BuildCostBenchmark.RunAsync(lines, Console.Out, default, OptionText(args, "--baseline-analyzers"));
            Console.WriteLine($"lines {cost.Lines}, files {cost.Files}");
            Console.WriteLine($"compiler alone (bind + emit)   {cost.Compile.TotalSeconds,8:F2} s");
            Console.WriteLine($"analyzers together (wall)      {cost.AnalysisWall.TotalSeconds,8:F2} s");
            Console.WriteLine($"build = compiler + analyzers   {cost.Build.TotalSeconds,8:F2} s");
            Console.WriteLine($"Tally analyzers                {cost.Tally.TotalSeconds,8:F2} s  {cost.TallyShare,7:P2} of the build  ({cost.TallyDiagnostics} diagnostics)");
            Console.WriteLine($"SDK NetAnalyzers               {cost.Sdk.TotalSeconds,8:F2} s  {cost.SdkShare,7:P2} of the build  ({cost.SdkDiagnostics} diagnostics)");
            Console.WriteLine($"Tally / SDK                    {cost.Tally.TotalMilliseconds / cost.Sdk.TotalMilliseconds,8:F2}");
            Console.WriteLine($"SDK analyzers alone (wall)     {cost.SdkAloneWall.TotalSeconds,8:F2} s");
            Console.WriteLine($"Tally marginal (wall added)    {cost.TallyMarginal.TotalSeconds,8:F2} s  {cost.TallyMarginalShare,7:P2} of the build");
            Console.WriteLine($"Tally marginal (CPU added)     {cost.TallyMarginalCpu.TotalSeconds,8:F2} s  {cost.TallyMarginalCpu.TotalMilliseconds / cost.Build.TotalMilliseconds,7:P2} of the build's wall  (process CPU: with Tally {cost.AnalysisCpu.TotalSeconds:F2} s, SDK alone {cost.SdkAloneCpu.TotalSeconds:F2} s)");
            if (cost.Split is { } split)
            {
                var summaries = cost.Tally - split.Cached;
                Console.WriteLine($"Tally again, summaries cached   {split.Cached.TotalSeconds,7:F2} s  {split.Cached.TotalMilliseconds / cost.Build.TotalMilliseconds,7:P2} of the build  ({split.CachedDiagnostics} diagnostics; decisions and scans, the driver binding the bodies)");
                Console.WriteLine($"Tally's summaries, logged      {summaries.TotalSeconds,8:F2} s  {summaries.TotalMilliseconds / cost.Build.TotalMilliseconds,7:P2} of the build  (first run less the cached run: mostly binding the build shares, see `profile`)");
                Console.WriteLine($"  cached run: wall {split.CachedWall.TotalSeconds:F2} s, process CPU {split.CachedCpu.TotalSeconds:F2} s (against the SDK alone: {(split.CachedCpu - cost.SdkAloneCpu).TotalSeconds:F2} s)");
            }

            Console.WriteLine($"targets (issue 9): Tally share {cost.TallyShare:P2} {(cost.TallyShare < 0.01 ? "<" : ">=")} 1 %; Tally / SDK {cost.Tally.TotalMilliseconds / cost.Sdk.TotalMilliseconds:F2} {(cost.Tally < cost.Sdk ? "<" : ">=")} 1");
            if (cost.Baseline is { } baseline)
            {
                Console.WriteLine($"baseline build of Tally          {baseline.Tally.TotalSeconds,8:F2} s  {baseline.Tally.TotalMilliseconds / (cost.Compile + baseline.AnalysisWall).TotalMilliseconds,7:P2} of its build; / SDK {baseline.Tally.TotalMilliseconds / baseline.Sdk.TotalMilliseconds:F2}");
                Console.WriteLine($"Tally / baseline build of Tally  {cost.Tally.TotalMilliseconds / baseline.Tally.TotalMilliseconds,8:F2}");
            }

            Console.WriteLine("top analyzers:");
            foreach (var (analyzer, time) in cost.PerAnalyzer.Take(12))
            {
                Console.WriteLine($"  {time.TotalSeconds,8:F3} s  {analyzer}");
            }
        }
        else
        {
            int edits = Option(args, "--edits", 7);
            var cost = await KeystrokeBenchmark.RunAsync(lines, edits, Console.Out, default, OptionText(args, "--baseline-analyzers"));
            Console.WriteLine($"lines {cost.Lines}, files {cost.Files}, edited {cost.EditedFile}");
            Console.WriteLine("first analysis of the document, before any edit (cold caches):");
            foreach (string set in cost.Measured)
            {
                Console.WriteLine($"  {set,-28} {cost.Cold[set].Wall.TotalMilliseconds,8:F1} ms");
            }

            Console.WriteLine($"per edit, median of {cost.Edits.Count} edits:");
            foreach (string set in cost.Measured)
            {
                Console.WriteLine($"  {set,-28} {cost.Median(set).TotalMilliseconds,8:F1} ms   above baseline {cost.MedianAboveBaseline(set).TotalMilliseconds,8:F1} ms");
            }

            double tallyMedian = cost.Median(KeystrokeBenchmark.Tally).TotalMilliseconds;
            double ratio = tallyMedian / cost.Median(KeystrokeBenchmark.Sdk).TotalMilliseconds;
            Console.WriteLine($"  Tally / SDK (wall)            {ratio,8:F2}");
            double above = cost.MedianAboveBaseline(KeystrokeBenchmark.Tally).TotalMilliseconds;
            Console.WriteLine($"targets (issue 12): Tally median {tallyMedian:F1} ms {(tallyMedian < 50 ? "<" : ">=")} 50 ms "
                + $"(above the no-op baseline, i.e. without the driver's and compiler's own work: {above:F1} ms {(above < 50 ? "<" : ">=")} 50 ms); "
                + $"Tally / SDK {ratio:F2} {(ratio <= 1 ? "<=" : ">")} 1");
            if (cost.Cold.ContainsKey(KeystrokeBenchmark.TallyBaseline))
            {
                Console.WriteLine($"  Tally / Tally (baseline build) {tallyMedian / cost.Median(KeystrokeBenchmark.TallyBaseline).TotalMilliseconds,8:F2}");
            }

            foreach (string set in cost.Measured.Where(s => s != KeystrokeBenchmark.Baseline))
            {
                Console.WriteLine($"{set}, median execution time per analyzer:");
                foreach (var (analyzer, time) in cost.MedianPerAnalyzer(set).Take(8))
                {
                    Console.WriteLine($"  {time.TotalMilliseconds,8:F1} ms  {analyzer}");
                }
            }
        }

        return 0;
    }

    private static string? OptionText(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string LoadAverage()
    {
        try
        {
            return System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b);
        }
        catch (System.IO.IOException)
        {
            return "unknown";
        }
    }
}
