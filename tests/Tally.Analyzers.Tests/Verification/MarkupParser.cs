using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>A span marked in a test source; <see cref="Id"/> is null for <c>[|...|]</c> (the default ID).</summary>
internal readonly record struct MarkedSpan(TextSpan Span, string? Id);

/// <summary>A test source with its markup removed, and the spans the markup marked.</summary>
internal sealed record ParsedMarkup(string Text, ImmutableArray<MarkedSpan> Spans);

/// <summary>
/// Parses <c>[|...|]</c> and <c>{|ID:...|}</c> markup. Spans may nest; unbalanced or malformed markup throws a
/// <see cref="VerificationException"/> naming the line and column of the problem.
/// </summary>
internal static class MarkupParser
{
    private readonly record struct Open(char Kind, int OutputPosition, string? Id, int MarkupPosition);

    /// <summary>Parses <paramref name="markup"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    public static ParsedMarkup Parse(string markup, string sourceName = "test source")
    {
        var output = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<MarkedSpan>();
        var open = new Stack<Open>();
        int i = 0;
        while (i < markup.Length)
        {
            if (At(markup, i, "[|"))
            {
                open.Push(new Open('[', output.Length, null, i));
                i += 2;
            }
            else if (At(markup, i, "{|"))
            {
                int idStart = i + 2;
                int colon = idStart;
                while (colon < markup.Length && IsIdChar(markup[colon]))
                {
                    colon++;
                }

                if (colon == idStart || colon >= markup.Length || markup[colon] != ':' || char.IsDigit(markup[idStart]))
                {
                    throw Error(markup, i, sourceName, "'{|' must be followed by a diagnostic ID and ':' as in '{|TALLY001:...|}'");
                }

                open.Push(new Open('{', output.Length, markup.Substring(idStart, colon - idStart), i));
                i = colon + 1;
            }
            else if (At(markup, i, "|]") || At(markup, i, "|}"))
            {
                char kind = markup[i + 1] == ']' ? '[' : '{';
                string closer = markup.Substring(i, 2);
                if (open.Count == 0)
                {
                    throw Error(markup, i, sourceName, $"'{closer}' closes nothing (no matching '{(kind == '[' ? "[|" : "{|ID:")}')");
                }

                Open top = open.Pop();
                if (top.Kind != kind)
                {
                    throw Error(markup, i, sourceName, $"'{closer}' does not match the '{(top.Kind == '[' ? "[|" : "{|" + top.Id + ":")}' opened at {Describe(markup, top.MarkupPosition)}");
                }

                spans.Add(new MarkedSpan(TextSpan.FromBounds(top.OutputPosition, output.Length), top.Id));
                i += 2;
            }
            else
            {
                output.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            Open top = open.Peek();
            throw Error(markup, top.MarkupPosition, sourceName, $"'{(top.Kind == '[' ? "[|" : "{|" + top.Id + ":")}' is never closed");
        }

        spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
        return new ParsedMarkup(output.ToString(), spans.ToImmutable());
    }

    private static bool At(string text, int index, string token) =>
        index + token.Length <= text.Length && string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static bool IsIdChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static string Describe(string text, int position)
    {
        int line = 1, column = 1;
        for (int k = 0; k < position; k++)
        {
            if (text[k] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return $"line {line}, column {column}";
    }

    private static VerificationException Error(string markup, int position, string sourceName, string problem) =>
        new($"Invalid markup in {sourceName} at {Describe(markup, position)}: {problem}.{System.Environment.NewLine}Markup:{System.Environment.NewLine}{markup}");
}
