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
        Assert.Contains("    severity: Info Inferred", byDefault.ToString());
        Assert.DoesNotContain("Warning Inferred", byDefault.ToString());
        Assert.Contains("    severity: Warning Inferred", configured.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
