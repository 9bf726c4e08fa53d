using System;
using System.IO;
using System.Threading.Tasks;
using Tally.AnalyzerBenchmarks.RealCode;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The real-code driver (<c>Tally.AnalyzerBenchmarks scan FOLDER</c>, docs/real-code.md) that every real-code figure
/// comes from: what it compiles, what it skips, and the lines the measurement scripts read.
/// </summary>
public sealed class RealCodeScanTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tally-scan-" + Guid.NewGuid().ToString("N"));

    public RealCodeScanTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "src"));
        Directory.CreateDirectory(Path.Combine(_folder, "Tests"));
        File.WriteAllText(Path.Combine(_folder, "src", "Hits.cs"), """
            using System.Threading.Tasks;

            public static class Hits
            {
                private static int s_hits;

                public static void Run() => Parallel.For(0, 100, i => s_hits++);
            }
            """);
        File.WriteAllText(Path.Combine(_folder, "Tests", "HitsTests.cs"), """
            using System.Threading.Tasks;

            public static class HitsTests
            {
                private static int s_runs;

                public static void Run() => Parallel.For(0, 100, i => s_runs++);
            }
            """);
    }

    [Fact]
    public async Task ScanOfAFolder_PrintsEachDiagnosticWithItsMessageAndSeverity_AndSkipsTestFolders()
    {
        var output = new StringWriter();

        int exit = await RealCodeScan.RunAsync(new[] { "scan", _folder }, output, new StringWriter());

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, exit);
        Assert.StartsWith("1 files, ", lines[0]);
        Assert.EndsWith("1 diagnostics", lines[0].TrimEnd());
        Assert.Matches(@"^TALLY00\d src/Hits\.cs:7: public static void Run\(\) => Parallel\.For", lines[1]);
        Assert.Contains("s_hits", lines[2]);
        Assert.StartsWith("    msg: ", lines[2]);
        Assert.Equal("    severity: Warning Certain", lines[3].TrimEnd());
    }

    [Fact]
    public async Task ScanWithIncludeTests_AlsoCompilesTestFolders()
    {
        var output = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--include-tests" }, output, new StringWriter());

        Assert.StartsWith("2 files, ", output.ToString());
        Assert.Contains("Tests/HitsTests.cs:7:", output.ToString());
    }

    [Fact]
    public async Task ScanWithAnOption_AppliesItToEveryFile()
    {
        File.WriteAllText(Path.Combine(_folder, "src", "Pool.cs"), """
            public sealed class Pool
            {
                private readonly object _gate = new object();
                private int _items;
                private int _misses;

                public void Add()
                {
                    lock (_gate)
                    {
                        _items++;
                    }
                }

                public void Miss() => _misses++;
            }
            """);
        var byDefault = new StringWriter();
        var configured = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder }, byDefault, new StringWriter());
        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--option", "tally.inferred_severity=warning" }, configured, new StringWriter());

        Assert.Contains("src/Pool.cs:15: public void Miss() => _misses++;\n    msg: ", byDefault.ToString().Replace("\r", string.Empty));
        Assert.Contains("    severity: Hidden Inferred", byDefault.ToString());
        Assert.DoesNotContain("Warning Inferred", byDefault.ToString());
        Assert.Contains("    severity: Warning Inferred", configured.ToString());
    }

    [Fact]
    public async Task ScanWithReportOnly_CompilesEveryFile_ButReportsAndCountsOnlyTheFilesUnderThePrefix()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "lib"));
        File.WriteAllText(Path.Combine(_folder, "lib", "Counter.cs"), """
            using System.Threading.Tasks;

            public static class Counter
            {
                public static int Total;

                public static void Run() => Parallel.For(0, 100, i => Total++);
            }
            """);
        File.WriteAllText(Path.Combine(_folder, "src", "User.cs"), """
            public static class User
            {
                public static int Read() => Counter.Total;
            }
            """);
        var output = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--report-only", "src/" }, output, new StringWriter());

        string text = output.ToString();
        Assert.StartsWith("2 files, ", text);
        Assert.Contains("(also compiled: 1 files, ", text);
        Assert.Contains(", 0 compiler errors, 1 diagnostics", text);
        Assert.Contains("src/Hits.cs:7:", text);
        Assert.DoesNotContain("lib/Counter.cs", text);
    }

    [Fact]
    public async Task ScanWithAUsing_CompilesEveryFileWithThatGlobalUsing()
    {
        File.WriteAllText(Path.Combine(_folder, "src", "Hits.cs"), """
            public static class Hits
            {
                private static int s_hits;

                public static void Run() => Parallel.For(0, 100, i => s_hits++);
            }
            """);
        var without = new StringWriter();
        var with = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder }, without, new StringWriter());
        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--using", "System.Threading.Tasks", "--using", "Gate=System.Object" }, with, new StringWriter());

        Assert.Contains(" 1 compiler errors, ", without.ToString());
        Assert.Contains("0 compiler errors, 1 diagnostics", with.ToString());
        Assert.Contains("src/Hits.cs:5:", with.ToString());
    }

    [Fact]
    public async Task ScanParsesPreviewByDefault_AndTheLanguageVersionOfTheEarlierDriverWhenAsked()
    {
        File.WriteAllText(Path.Combine(_folder, "src", "Box.cs"), """
            public sealed class Box
            {
                public int Value { get => field; set => field = value; }
            }
            """);
        var preview = new StringWriter();
        var csharp13 = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder }, preview, new StringWriter());
        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--language-version", "13" }, csharp13, new StringWriter());

        Assert.Contains(" 0 compiler errors, 1 diagnostics", preview.ToString());
        Assert.DoesNotContain(" 0 compiler errors", csharp13.ToString());
    }

    [Fact]
    public async Task Scan_SkipsSampleAndBenchmarkPathsInAnyCase_AndTestOnlyWithACapital()
    {
        string[] paths = { "Summary/SampleStream.cs", "Benchmarks/Run.cs", "Latest.cs" };
        for (int i = 0; i < paths.Length; i++)
        {
            string file = Path.Combine(_folder, "src", paths[i]);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, $"public static class Skipped{i} {{ }}\n");
        }

        var output = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder }, output, new StringWriter());

        Assert.StartsWith("2 files, ", output.ToString());
    }

    [Fact]
    public async Task ScanWithACallDepthOption_FollowsConcurrentCodeThatManyCallsDeep()
    {
        File.WriteAllText(Path.Combine(_folder, "src", "Chain.cs"), """
            using System.Threading.Tasks;

            public sealed class Chain
            {
                private int _count;

                public void Run() => Parallel.For(0, 10, i => First());

                private void First() => Second();

                private void Second() => Third();

                private void Third() => _count++;
            }
            """);
        var shallow = new StringWriter();
        var deep = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--option", "tally.call_depth=1" }, shallow, new StringWriter());
        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--option", "tally.call_depth=3" }, deep, new StringWriter());

        Assert.DoesNotContain("src/Chain.cs:13:", shallow.ToString());
        Assert.Contains("src/Chain.cs:13: private void Third() => _count++;", deep.ToString());
    }

    [Fact]
    public async Task ScanWithTiming_WritesOneTimingLineToStandardError_AndTheSameReport()
    {
        var plain = new StringWriter();
        var timed = new StringWriter();
        var errors = new StringWriter();

        await RealCodeScan.RunAsync(new[] { "scan", _folder }, plain, new StringWriter());
        await RealCodeScan.RunAsync(new[] { "scan", _folder, "--timing" }, timed, errors);

        Assert.Equal(plain.ToString(), timed.ToString());
        string line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^timing: analysis wall \d+ ms, process CPU \d+ ms, logged \d+ ms \(.*NonAtomicUpdateAnalyzer \d+.*\)$", line.TrimEnd());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
