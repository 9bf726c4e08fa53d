using System.Collections.Immutable;
using Xunit;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>How the corpus pairs reports with expectations, exactly (old corpus) or by location (new corpus).</summary>
public class CorpusMatchingTests
{
    private static readonly CorpusCase Case = new("Synthetic", "class C { }");

    private static CorpusResult Result(CorpusMatching matching, CorpusFinding[] expected, params CorpusFinding[] actual) =>
        new(Case, ImmutableArray.Create(new string('x', 100), new string('y', 100)), expected.ToImmutableArray(), actual.ToImmutableArray(), matching);

    [Fact]
    public void AnotherUpdateRuleAtTheSameSpan_IsAHitByLocationButAMismatchExactly()
    {
        var expected = new[] { new CorpusFinding("TALLY003", 1, 10, 20) };
        var actual = new CorpusFinding("TALLY001", 1, 10, 20);

        Assert.True(Result(CorpusMatching.AnyUpdateRule, expected, actual).Matches);
        var exact = Result(CorpusMatching.Exact, expected, actual);
        Assert.Single(exact.Missed);
        Assert.Single(exact.FalsePositives);
    }

    [Fact]
    public void ARuleOfTheOtherAnalyzer_NeverStandsForAnUpdateRule()
    {
        var result = Result(CorpusMatching.AnyUpdateRule, new[] { new CorpusFinding("TALLY003", 0, 10, 20) }, new CorpusFinding("TALLY007", 0, 10, 20));

        Assert.Single(result.Missed);
        Assert.Single(result.FalsePositives);
    }

    [Fact]
    public void ASpanInsideTheExpectedOne_MatchesByLocation_ButNotInAnotherDocument()
    {
        var expected = new[] { new CorpusFinding("TALLY003", 0, 10, 20) };

        Assert.True(Result(CorpusMatching.AnyUpdateRule, expected, new CorpusFinding("TALLY005", 0, 12, 15)).Matches);
        Assert.False(Result(CorpusMatching.AnyUpdateRule, expected, new CorpusFinding("TALLY005", 1, 12, 15)).Matches);
        Assert.False(Result(CorpusMatching.AnyUpdateRule, expected, new CorpusFinding("TALLY005", 0, 15, 25)).Matches);
    }

    [Fact]
    public void OneWideReport_CountsForOneExpectationOnly()
    {
        var expected = new[] { new CorpusFinding("TALLY003", 0, 10, 20), new CorpusFinding("TALLY003", 0, 30, 40) };
        var result = Result(CorpusMatching.AnyUpdateRule, expected, new CorpusFinding("TALLY003", 0, 0, 90));

        Assert.Single(result.TruePositives);
        Assert.Single(result.Missed);
        Assert.Empty(result.FalsePositives);
    }
}
