using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Tally.Analyzers.InterlockedMisuse;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>A diagnostic reduced to what the corpus compares: rule ID and span.</summary>
internal readonly record struct CorpusFinding(string Id, int Start, int End);

/// <summary>What the analyzers reported on one corpus file, against what its markup expects.</summary>
internal sealed record CorpusResult(
    CorpusCase Case,
    string Text,
    ImmutableArray<CorpusFinding> Expected,
    ImmutableArray<CorpusFinding> Actual)
{
    public IEnumerable<CorpusFinding> TruePositives => Actual.Intersect(Expected);

    public IEnumerable<CorpusFinding> FalsePositives => Actual.Except(Expected);

    public IEnumerable<CorpusFinding> Missed => Expected.Except(Actual);

    public bool Matches => !FalsePositives.Any() && !Missed.Any();

    /// <summary>A readable account of the mismatches: each finding with its line and the code it covers.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var finding in FalsePositives)
        {
            text.Append("  unexpected ").Append(Format(finding)).Append('\n');
        }

        foreach (var finding in Missed)
        {
            text.Append("  missing    ").Append(Format(finding)).Append('\n');
        }

        return text.ToString();
    }

    private string Format(CorpusFinding finding)
    {
        int line = 1 + Text.Take(finding.Start).Count(c => c == '\n');
        return $"{finding.Id} at line {line}: {Text.Substring(finding.Start, finding.End - finding.Start)}";
    }
}

/// <summary>Runs both Tally analyzers (TALLY001-005 and TALLY006-007) on a corpus file.</summary>
internal static class CorpusRunner
{
    public static async Task<CorpusResult> RunAsync(CorpusCase corpusCase)
    {
        var parsed = MarkupParser.Parse(corpusCase.Markup, corpusCase.Name);
        var options = new TestOptions { AspNetCore = corpusCase.AspNetCore };

        var detection = await AnalyzerVerifier<NonAtomicUpdateAnalyzer>.GetDiagnosticsAsync(corpusCase.Markup, options);
        var misuse = await AnalyzerVerifier<InterlockedMisuseAnalyzer>.GetDiagnosticsAsync(corpusCase.Markup, options);

        var expected = parsed.Spans
            .Select(s => new CorpusFinding(s.Id ?? "(unnamed)", s.Span.Start, s.Span.End))
            .ToImmutableArray();
        var actual = detection.Concat(misuse)
            .Where(d => d.Location.IsInSource)
            .Select(d => new CorpusFinding(d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.End))
            .Distinct()
            .ToImmutableArray();
        return new CorpusResult(corpusCase, parsed.Text, expected, actual);
    }
}
