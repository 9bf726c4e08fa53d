using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>
/// The acceptance test of detection: realistic classes with what Tally SHOULD report marked. Any unmarked diagnostic
/// (a false alarm) or marked one not reported (a miss) fails; precision and recall over the corpus go to the output.
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
        int truePositives = 0, falsePositives = 0, missed = 0;
        var problems = new List<string>();
        foreach (var corpusCase in CorpusCases.All)
        {
            var result = await CorpusRunner.RunAsync(corpusCase);
            truePositives += result.TruePositives.Count();
            falsePositives += result.FalsePositives.Count();
            missed += result.Missed.Count();
            if (!result.Matches)
            {
                problems.Add($"{corpusCase.Name}:\n{result.Describe()}");
            }
        }

        double precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        double recall = truePositives + missed == 0 ? 1 : (double)truePositives / (truePositives + missed);
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Corpus: {CorpusCases.All.Count} files, {truePositives + missed} expected diagnostics, {truePositives + falsePositives} reported; true positives {truePositives}, false positives {falsePositives}, missed {missed}"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Precision: {precision:0.000}  Recall: {recall:0.000}"));
        foreach (var problem in problems)
        {
            _output.WriteLine(problem);
        }

        Assert.True(truePositives + missed > 0, "The corpus marks no diagnostics at all.");
        Assert.Equal(1.0, precision);
        Assert.Equal(1.0, recall);
    }

    [Fact]
    public void Corpus_CoversEveryRuleAndNegativeFiles()
    {
        var ids = CorpusCases.All
            .SelectMany(c => Verification.MarkupParser.Parse(c.Markup, c.Name).Spans)
            .Select(s => s.Id)
            .Distinct()
            .OrderBy(id => id)
            .ToArray();

        Assert.Equal(new[] { "TALLY001", "TALLY002", "TALLY003", "TALLY004", "TALLY005", "TALLY006", "TALLY007" }, ids);
        Assert.Contains(CorpusCases.All, c => Verification.MarkupParser.Parse(c.Markup, c.Name).Spans.IsEmpty);
    }
}
