using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>
/// The acceptance test of detection: realistic classes with what Tally SHOULD report marked. On the old corpus any
/// unmarked diagnostic (a false alarm) or marked one not reported (a miss) fails; precision and recall go to the
/// output. The new corpus of issue 9 is scored apart: here it must be well formed and its score is printed; the
/// threshold test that asserts its score comes with the model that passes it.
/// </summary>
public class RealCodeCorpusTests
{
    private readonly ITestOutputHelper _output;

    public RealCodeCorpusTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> CaseNames => CorpusCases.Names;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task CorpusFile_ReportsExactlyWhatIsMarked(string name)
    {
        var result = await CorpusRunner.RunAsync(CorpusCases.Named(name));

        _output.WriteLine($"{name}: {result.Expected.Length} expected, {result.Actual.Length} reported");
        Assert.True(result.Matches, $"{name} does not match its markup:\n{result.Describe()}");
    }

    [Fact]
    public async Task WholeCorpus_HasPrecisionAndRecallOfOne()
    {
        var score = await CorpusScore.ComputeAsync(CorpusCases.All, CorpusMatching.Exact);
        foreach (string line in score.Report("Old corpus"))
        {
            _output.WriteLine(line);
        }

        Assert.True(score.TruePositives + score.Missed > 0, "The corpus marks no diagnostics at all.");
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0, score.Recall);
    }

    [Fact]
    public void Corpus_CoversEveryRuleAndNegativeFiles()
    {
        var ids = CorpusCases.All
            .SelectMany(c => MarkupParser.Parse(c.Markup, c.Name).Spans)
            .Select(s => s.Id)
            .Distinct()
            .OrderBy(id => id)
            .ToArray();

        Assert.Equal(new[] { "TALLY001", "TALLY002", "TALLY003", "TALLY004", "TALLY005", "TALLY006", "TALLY007" }, ids);
        Assert.Contains(CorpusCases.All, c => MarkupParser.Parse(c.Markup, c.Name).Spans.IsEmpty);
    }

    [Fact]
    public async Task NewCorpus_CompilesWithoutErrors_AndItsScoreIsPrinted()
    {
        // Every case compiles with all its files and the analyzers do not throw on it (the runner fails otherwise).
        var score = await CorpusScore.ComputeAsync(NewCorpusCases.All, NewCorpusCases.Matching);
        foreach (string line in score.Report("New corpus (issue 9)"))
        {
            _output.WriteLine(line);
        }

        Assert.Equal(NewCorpusCases.All.Count, score.Results.Count);
        Assert.True(score.TruePositives + score.Missed > 0, "The new corpus marks no diagnostics at all.");
    }

    [Fact]
    public void NewCorpus_EveryCaseMarksADiagnosticOrIsDeclaredClean()
    {
        var problems = new List<string>();
        foreach (var corpusCase in NewCorpusCases.All)
        {
            int marked = corpusCase.Files.Select((f, i) => MarkupParser.Parse(f, $"{corpusCase.Name} file {i}").Spans.Length).Sum();
            if (corpusCase.Clean != (marked == 0))
            {
                problems.Add($"{corpusCase.Name}: Clean = {corpusCase.Clean} but {marked} diagnostics are marked");
            }

            if (corpusCase.Pattern is null || !Issue9Patterns.All.Contains(corpusCase.Pattern))
            {
                problems.Add($"{corpusCase.Name}: no pattern of issue 9 ({corpusCase.Pattern ?? "null"})");
            }
            else if (Issue9Patterns.IsFalseAlarm(corpusCase.Pattern) != corpusCase.Clean)
            {
                problems.Add($"{corpusCase.Name}: a {(corpusCase.Clean ? "clean" : "marked")} case for '{corpusCase.Pattern}'");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(NewCorpusCases.All.Count, NewCorpusCases.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void NewCorpus_HasACaseForEveryPatternOfIssue9()
    {
        var missing = Issue9Patterns.All.Where(p => !NewCorpusCases.All.Any(c => c.Pattern == p)).ToList();

        Assert.True(missing.Count == 0, "Patterns of issue 9 without a case:\n" + string.Join("\n", missing));
    }
}
