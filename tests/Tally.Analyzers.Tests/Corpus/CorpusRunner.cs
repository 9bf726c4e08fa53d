using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Tally.Analyzers.InterlockedMisuse;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>A diagnostic reduced to what the corpus compares: rule ID, document (0 = the case's first file) and span.</summary>
internal readonly record struct CorpusFinding(string Id, int Document, int Start, int End)
{
    /// <summary>Whether this report stands for <paramref name="expected"/> under <paramref name="matching"/>.</summary>
    public bool Matches(CorpusFinding expected, CorpusMatching matching)
    {
        if (matching == CorpusMatching.Exact)
        {
            return this == expected;
        }

        bool sameRule = Id == expected.Id || (CorpusRunner.IsUpdateRule(Id) && CorpusRunner.IsUpdateRule(expected.Id));
        bool nested = (Start <= expected.Start && expected.End <= End) || (expected.Start <= Start && End <= expected.End);
        return sameRule && Document == expected.Document && nested;
    }
}

/// <summary>What the analyzers reported on one corpus case, against what its markup expects.</summary>
internal sealed record CorpusResult(
    CorpusCase Case,
    ImmutableArray<string> Texts,
    ImmutableArray<CorpusFinding> Expected,
    ImmutableArray<CorpusFinding> Actual,
    CorpusMatching Matching,
    ImmutableArray<CorpusFinding> Inferred = default)
{
    /// <summary>
    /// The same case scored on its certain findings only (the ones a build shows as warnings by default): the reports
    /// whose "Certainty" property is "Inferred" are left out.
    /// </summary>
    public CorpusResult CertainOnly()
        => new(Case, Texts, Expected, Inferred.IsDefaultOrEmpty ? Actual : Actual.Where(a => !Inferred.Contains(a)).ToImmutableArray(), Matching);

    private (List<CorpusFinding> Hits, List<CorpusFinding> FalseAlarms, List<CorpusFinding> Misses)? _paired;

    public IEnumerable<CorpusFinding> TruePositives => Paired.Hits;

    public IEnumerable<CorpusFinding> FalsePositives => Paired.FalseAlarms;

    public IEnumerable<CorpusFinding> Missed => Paired.Misses;

    public bool Matches => !FalsePositives.Any() && !Missed.Any();

    /// <summary>A readable account of the mismatches: each finding with its file, line and the code it covers.</summary>
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

    /// <summary>Pairs each expectation with the first unused report that matches it; what is left over is missed or a false alarm.</summary>
    private (List<CorpusFinding> Hits, List<CorpusFinding> FalseAlarms, List<CorpusFinding> Misses) Paired
    {
        get
        {
            if (_paired is { } done)
            {
                return done;
            }

            var unused = Actual.ToList();
            var hits = new List<CorpusFinding>();
            var misses = new List<CorpusFinding>();
            foreach (var expected in Expected)
            {
                int index = unused.FindIndex(a => a.Matches(expected, Matching));
                if (index < 0)
                {
                    misses.Add(expected);
                    continue;
                }

                hits.Add(unused[index]);
                unused.RemoveAt(index);
            }

            _paired = (hits, unused, misses);
            return _paired.Value;
        }
    }

    private string Format(CorpusFinding finding)
    {
        string text = Texts[finding.Document];
        int line = 1 + text.Take(finding.Start).Count(c => c == '\n');
        string file = Texts.Length > 1 ? string.Create(CultureInfo.InvariantCulture, $"file {finding.Document} ") : string.Empty;
        return $"{finding.Id} at {file}line {line}: {text.Substring(finding.Start, finding.End - finding.Start)}";
    }
}

/// <summary>Runs both Tally analyzers (TALLY001-005 and TALLY006-007) on a corpus case, all its files in one compilation.</summary>
internal static class CorpusRunner
{
    private static readonly ImmutableHashSet<string> UpdateRules =
        new NonAtomicUpdateAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToImmutableHashSet();

    /// <summary>Whether <paramref name="id"/> is a rule of the non-atomic update analyzer (TALLY001-005 today).</summary>
    public static bool IsUpdateRule(string id) => UpdateRules.Contains(id);

    public static async Task<CorpusResult> RunAsync(CorpusCase corpusCase, CorpusMatching matching = CorpusMatching.Exact)
    {
        var files = corpusCase.Files;
        var parsed = files.Select((f, i) => MarkupParser.Parse(f, $"{corpusCase.Name} file {i}")).ToImmutableArray();
        var options = new TestOptions { AspNetCore = corpusCase.AspNetCore, AdditionalSources = files.Skip(1).ToList() };

        var detection = await AnalyzerVerifier<NonAtomicUpdateAnalyzer>.GetDiagnosticsAsync(files[0], options);
        var misuse = await AnalyzerVerifier<InterlockedMisuseAnalyzer>.GetDiagnosticsAsync(files[0], options);

        var expected = parsed
            .SelectMany((p, document) => p.Spans.Select(s => new CorpusFinding(s.Id ?? "(unnamed)", document, s.Span.Start, s.Span.End)))
            .ToImmutableArray();
        var reported = detection.Concat(misuse).Where(d => d.Location.IsInSource).ToList();
        var actual = reported
            .Select(d => new CorpusFinding(d.Id, DocumentIndex(d.Location), d.Location.SourceSpan.Start, d.Location.SourceSpan.End))
            .Distinct()
            .ToImmutableArray();
        var inferred = reported
            .Where(d => d.Properties.TryGetValue("Certainty", out var certainty) && certainty == "Inferred")
            .Select(d => new CorpusFinding(d.Id, DocumentIndex(d.Location), d.Location.SourceSpan.Start, d.Location.SourceSpan.End))
            .Distinct()
            .ToImmutableArray();
        return new CorpusResult(corpusCase, parsed.Select(p => p.Text).ToImmutableArray(), expected, actual, matching, inferred);
    }

    /// <summary>The index of the test document a location is in (<c>/0/Test3.cs</c> is 3).</summary>
    private static int DocumentIndex(Location location)
    {
        int index = TestWorkspace.DocumentIndex(location.SourceTree?.FilePath);
        return index >= 0
            ? index
            : throw new VerificationException($"A diagnostic is in '{location.SourceTree?.FilePath}', which is not a document of the corpus case.");
    }
}
