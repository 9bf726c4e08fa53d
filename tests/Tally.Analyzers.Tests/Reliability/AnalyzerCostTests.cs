using System.Linq;
using System.Threading.Tasks;
using Tally.AnalyzerBenchmarks.Benchmarks;
using Tally.AnalyzerBenchmarks.Generation;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// Short forms of the analyzer cost benchmarks (tests/Tally.AnalyzerBenchmarks, docs/performance.md): they keep the
/// benchmark commands working. They assert what the benchmarks produce, never how long anything took.
/// </summary>
public sealed class AnalyzerCostTests
{
    private const int ShortLines = 2_000;

    [Fact]
    public void GeneratedCodeBase_IsTheSameForTheSameSizeAndReachesIt()
    {
        var first = CodeBaseGenerator.Generate(ShortLines);
        var second = CodeBaseGenerator.Generate(ShortLines);

        Assert.Equal(first, second);
        Assert.True(first.Sum(f => CodeBaseGenerator.CountLines(f.Text)) >= ShortLines);
        Assert.Contains(first, f => f.Text.Contains("services.AddSingleton<", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildCostBenchmark_MeasuresTallyAndTheSdkAnalyzersOnCodeThatCompiles()
    {
        var cost = await BuildCostBenchmark.RunAsync(ShortLines);

        Assert.True(cost.Lines >= ShortLines);
        Assert.True(cost.Compile > System.TimeSpan.Zero);
        Assert.True(cost.Tally > System.TimeSpan.Zero, "Tally's execution time was not logged");
        Assert.True(cost.Sdk > System.TimeSpan.Zero, "the SDK analyzers' execution time was not logged");
        Assert.True(cost.TallyDiagnostics > 0, "the generated races were not reported");
        Assert.Contains(cost.PerAnalyzer, p => p.Analyzer == "NonAtomicUpdateAnalyzer");
        Assert.True(cost.SdkAloneWall > System.TimeSpan.Zero, "the build without Tally was not run");
        Assert.True(cost.AnalysisCpu > System.TimeSpan.Zero && cost.SdkAloneCpu > System.TimeSpan.Zero, "the process CPU time was not read");
        Assert.NotNull(cost.Split);
        Assert.Equal(cost.TallyDiagnostics, cost.Split!.CachedDiagnostics);
    }

    [Fact]
    public async Task KeystrokeBenchmark_MeasuresEverySetOnEveryEdit()
    {
        var cost = await KeystrokeBenchmark.RunAsync(ShortLines, edits: 2);

        Assert.Equal(2, cost.Edits.Count);
        Assert.Equal(KeystrokeCost.Sets.OrderBy(s => s), cost.Cold.Keys.OrderBy(s => s));
        foreach (var edit in cost.Edits)
        {
            Assert.Equal(KeystrokeCost.Sets.OrderBy(s => s), edit.Keys.OrderBy(s => s));
            Assert.All(edit.Values, analysis => Assert.True(analysis.Wall > System.TimeSpan.Zero));
            Assert.Contains("NonAtomicUpdateAnalyzer", edit[KeystrokeBenchmark.Tally].PerAnalyzer.Keys);
        }
    }

    [Fact]
    public async Task SummaryProfile_MeasuresEveryStepOnCodeThatCompiles()
    {
        var profile = await SummaryProfile.RunAsync(ShortLines);

        Assert.True(profile.Lines >= ShortLines);
        Assert.True(profile.Bind.Time > System.TimeSpan.Zero && profile.Bind.Allocated > 0, "binding was not measured");
        Assert.True(profile.Summarize.Time > System.TimeSpan.Zero && profile.Summarize.Allocated > 0, "summarising was not measured");
        Assert.True(profile.SummarizeCold.Allocated > profile.Summarize.Allocated, "a fresh compilation's summaries bind too, so they allocate more");
        Assert.Contains(profile.PerAnalyzer, p => p.Analyzer == "NonAtomicUpdateAnalyzer");
        Assert.True(profile.PerEdit.FullModel.Allocated > 0 && profile.PerEdit.FirstEditModel.Allocated > 0, "the models of an edit were not measured");
        Assert.True(profile.PerEdit.EditModel.Allocated < profile.PerEdit.FullModel.Allocated / 4, "a later edit's model merges the edited tree only, so it allocates far less than merging every tree");
    }
}
