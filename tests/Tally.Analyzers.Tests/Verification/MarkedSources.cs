using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>The test sources with markup removed, and the diagnostics the markup expects.</summary>
internal sealed record MarkedSources(ImmutableArray<string> Texts, ImmutableArray<DiagnosticKey> Expected)
{
    /// <summary>Parses <paramref name="markup"/> (document 0) and <see cref="TestOptions.AdditionalSources"/> (documents 1...).</summary>
    public static MarkedSources Parse(string markup, TestOptions options, DiagnosticAnalyzer analyzer) =>
        Parse(new[] { markup }.Concat(options.AdditionalSources).ToList(), options, analyzer);

    /// <summary>Parses each source as document <c>i</c>; <c>[|...|]</c> gets the analyzer's only ID or the default ID.</summary>
    public static MarkedSources Parse(IReadOnlyList<string> sources, TestOptions options, DiagnosticAnalyzer analyzer)
    {
        var texts = ImmutableArray.CreateBuilder<string>();
        var expected = ImmutableArray.CreateBuilder<DiagnosticKey>();
        string? defaultId = null;
        for (int i = 0; i < sources.Count; i++)
        {
            ParsedMarkup parsed = MarkupParser.Parse(sources[i], TestWorkspace.DocumentPath(i));
            texts.Add(parsed.Text);
            foreach (MarkedSpan span in parsed.Spans)
            {
                string id = span.Id ?? (defaultId ??= DefaultId(options, analyzer));
                expected.Add(new DiagnosticKey(i, span.Span, id));
            }
        }

        var supported = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        foreach (DiagnosticKey key in expected.Where(k => !supported.Contains(k.Id)))
        {
            throw new VerificationException(
                $"Markup expects {key.Id} in {TestWorkspace.DocumentPath(key.Document)}, but {analyzer.GetType().Name} reports only {string.Join(", ", supported.OrderBy(i => i, System.StringComparer.Ordinal))}.");
        }

        expected.Sort(DiagnosticKey.Compare);
        return new MarkedSources(texts.ToImmutable(), expected.ToImmutable());
    }

    /// <summary>The texts of <paramref name="sources"/> with markup removed, the marked spans ignored.</summary>
    public static ImmutableArray<string> StripMarkup(IReadOnlyList<string> sources) =>
        sources.Select((s, i) => MarkupParser.Parse(s, TestWorkspace.DocumentPath(i)).Text).ToImmutableArray();

    private static string DefaultId(TestOptions options, DiagnosticAnalyzer analyzer)
    {
        if (options.DefaultDiagnosticId is not null)
        {
            return options.DefaultDiagnosticId;
        }

        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
        if (ids.Count == 1)
        {
            return ids[0];
        }

        throw new VerificationException(
            $"'[|...|]' markup needs an analyzer with a single diagnostic ID or TestOptions.DefaultDiagnosticId; {analyzer.GetType().Name} supports {string.Join(", ", ids)}. Use '{{|ID:...|}}' instead.");
    }
}
