using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Reliability.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The fuzzer in CI: a bounded pass with a fixed seed (the same mutants every run) that fails on any analyzer
/// exception. The long run is the same test with <c>TALLY_FUZZ_MUTANTS</c> set (docs/reliability.md); with
/// <c>TALLY_FUZZ_OUT</c> set to a folder, every crashing mutant is written there to become a regression test.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MutantsOfRealShapedPrograms_NeverMakeAnAnalyzerThrow()
    {
        var settings = FuzzSettings.FromEnvironment();
        var report = await FuzzRun.RunAsync(settings);
        output.WriteLine($"{settings}: {report.Summary()}");

        string? folder = Environment.GetEnvironmentVariable("TALLY_FUZZ_OUT");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "summary.txt"), $"{DateTime.UtcNow:u} {settings}: {report.Summary()}\n");
            foreach (var (crash, index) in report.Crashes.Select((c, i) => (c, i)))
            {
                File.WriteAllText(Path.Combine(folder, $"crash{index}.cs.txt"), $"// {crash.Input} / {crash.Path} / {crash.Mutations}\n/*\n{crash.Exception}\n*/\n{crash.MutatedText}");
            }
        }

        Assert.True(report.Mutants > 0);
        Assert.True(report.Crashes.IsEmpty, "Analyzer exceptions:\n" + string.Join("\n\n", report.Crashes.Take(3).Select(c => $"{c.Input} / {c.Path} / {c.Mutations}:\n{c.Exception}")));
    }

    [Fact]
    public void GeneratedUpdatePrograms_CompileWithoutErrors()
    {
        foreach (var program in FuzzInputs.Generated(FuzzSettings.Ci.GeneratedPrograms, FuzzSettings.Ci.Seed))
        {
            var errors = ProgramCompiler.Errors(ProgramCompiler.Compile(program));
            Assert.True(errors.Count == 0, $"{program.Name}: {string.Join("\n", errors.Take(5))}\n{string.Join("\n// ---\n", program.Files.Select(f => f.Text))}");
        }
    }
}
