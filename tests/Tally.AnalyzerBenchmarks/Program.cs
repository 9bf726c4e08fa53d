using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Tally.AnalyzerBenchmarks.Benchmarks;

namespace Tally.AnalyzerBenchmarks;

/// <summary>
/// Entry point (docs/performance.md):
/// <c>build-cost [--lines N]</c> prints Tally's and the SDK analyzers' share of compiling an N-line generated code base;
/// <c>keystroke [--lines N] [--edits E]</c> prints the median per-document analysis time of an edited document.
/// N defaults to 200000, E to 7.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("build-cost" or "keystroke"))
        {
            Console.Error.WriteLine("usage: build-cost [--lines N] | keystroke [--lines N] [--edits E]");
            return 2;
        }

        int lines = Option(args, "--lines", 200_000);
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        if (args[0] == "build-cost")
        {
            var cost = await BuildCostBenchmark.RunAsync(lines, Console.Out);
            Console.WriteLine($"lines {cost.Lines}, files {cost.Files}");
            Console.WriteLine($"compiler alone (bind + emit)   {cost.Compile.TotalSeconds,8:F2} s");
            Console.WriteLine($"analyzers together (wall)      {cost.AnalysisWall.TotalSeconds,8:F2} s");
            Console.WriteLine($"build = compiler + analyzers   {cost.Build.TotalSeconds,8:F2} s");
            Console.WriteLine($"Tally analyzers                {cost.Tally.TotalSeconds,8:F2} s  {cost.TallyShare,7:P2} of the build  ({cost.TallyDiagnostics} diagnostics)");
            Console.WriteLine($"SDK NetAnalyzers               {cost.Sdk.TotalSeconds,8:F2} s  {cost.SdkShare,7:P2} of the build  ({cost.SdkDiagnostics} diagnostics)");
            Console.WriteLine($"Tally / SDK                    {cost.Tally.TotalMilliseconds / cost.Sdk.TotalMilliseconds,8:F2}");
            Console.WriteLine("top analyzers:");
            foreach (var (analyzer, time) in cost.PerAnalyzer.Take(12))
            {
                Console.WriteLine($"  {time.TotalSeconds,8:F3} s  {analyzer}");
            }
        }
        else
        {
            int edits = Option(args, "--edits", 7);
            var cost = await KeystrokeBenchmark.RunAsync(lines, edits, Console.Out);
            Console.WriteLine($"lines {cost.Lines}, files {cost.Files}, edited {cost.EditedFile}");
            Console.WriteLine("first analysis of the document, before any edit (cold caches):");
            foreach (string set in KeystrokeCost.Sets)
            {
                Console.WriteLine($"  {set,-28} {cost.Cold[set].Wall.TotalMilliseconds,8:F1} ms");
            }

            Console.WriteLine($"per edit, median of {cost.Edits.Count} edits:");
            foreach (string set in KeystrokeCost.Sets)
            {
                Console.WriteLine($"  {set,-28} {cost.Median(set).TotalMilliseconds,8:F1} ms   above baseline {cost.MedianAboveBaseline(set).TotalMilliseconds,8:F1} ms");
            }

            Console.WriteLine($"  Tally / SDK (wall)            {cost.Median(KeystrokeBenchmark.Tally).TotalMilliseconds / cost.Median(KeystrokeBenchmark.Sdk).TotalMilliseconds,8:F2}");
            foreach (string set in new[] { KeystrokeBenchmark.Tally, KeystrokeBenchmark.Sdk })
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
