using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>Precision and recall of the analyzers over a list of corpus cases, with an account of every mismatch.</summary>
internal sealed record CorpusScore(
    int Cases,
    int TruePositives,
    int FalsePositives,
    int Missed,
    IReadOnlyList<CorpusResult> Results)
{
    /// <summary>Reported diagnostics that were expected, among all reported (1 when nothing was reported).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Expected diagnostics that were reported, among all expected (1 when nothing was expected).</summary>
    public double Recall => TruePositives + Missed == 0 ? 1 : (double)TruePositives / (TruePositives + Missed);

    /// <summary>Runs every case (each must compile, and the analyzers must not throw) and adds up the findings.</summary>
    public static async Task<CorpusScore> ComputeAsync(IReadOnlyList<CorpusCase> cases, CorpusMatching matching)
    {
        var results = new List<CorpusResult>();
        foreach (var corpusCase in cases)
        {
            results.Add(await CorpusRunner.RunAsync(corpusCase, matching));
        }

        return new CorpusScore(
            cases.Count,
            results.Sum(r => r.TruePositives.Count()),
            results.Sum(r => r.FalsePositives.Count()),
            results.Sum(r => r.Missed.Count()),
            results);
    }

    /// <summary>The same score over the certain findings only (<see cref="CorpusResult.CertainOnly"/>): what a build shows as warnings by default.</summary>
    public CorpusScore CertainOnly()
    {
        var results = Results.Select(r => r.CertainOnly()).ToList();
        return new CorpusScore(Cases, results.Sum(r => r.TruePositives.Count()), results.Sum(r => r.FalsePositives.Count()), results.Sum(r => r.Missed.Count()), results);
    }

    /// <summary>The lines the tests print: totals, precision and recall, then each case that does not match.</summary>
    public IEnumerable<string> Report(string title)
    {
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"{title}: {Cases} cases, {TruePositives + Missed} expected diagnostics, {TruePositives + FalsePositives} reported; true positives {TruePositives}, false positives {FalsePositives}, missed {Missed}");
        yield return string.Create(CultureInfo.InvariantCulture, $"{title} precision: {Precision:0.000}  recall: {Recall:0.000}");
        var certain = CertainOnly();
        yield return string.Create(
            CultureInfo.InvariantCulture,
            $"{title}, certain findings only (the default warnings): {certain.TruePositives + certain.FalsePositives} reported; precision: {certain.Precision:0.000}  recall: {certain.Recall:0.000}");
        foreach (var result in Results.Where(r => !r.Matches))
        {
            yield return $"{result.Case.Name}:\n{result.Describe()}";
        }
    }
}
