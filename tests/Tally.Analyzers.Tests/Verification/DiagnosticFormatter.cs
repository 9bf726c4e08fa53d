using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>A diagnostic reduced to what markup states: document, span and ID. Document -1 means no source location.</summary>
internal readonly record struct DiagnosticKey(int Document, TextSpan Span, string Id)
{
    /// <summary>Orders by document, start, end, ID.</summary>
    public static int Compare(DiagnosticKey a, DiagnosticKey b)
    {
        int c = a.Document.CompareTo(b.Document);
        if (c == 0) c = a.Span.Start.CompareTo(b.Span.Start);
        if (c == 0) c = a.Span.End.CompareTo(b.Span.End);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>The key of an actual diagnostic.</summary>
    public static DiagnosticKey Of(Diagnostic diagnostic) =>
        diagnostic.Location.IsInSource
            ? new DiagnosticKey(TestWorkspace.DocumentIndex(diagnostic.Location.SourceTree!.FilePath), diagnostic.Location.SourceSpan, diagnostic.Id)
            : new DiagnosticKey(-1, default, diagnostic.Id);
}

/// <summary>Renders diagnostics for failure messages: sources with <c>{|ID:...|}</c> markup, positions and messages.</summary>
internal static class DiagnosticFormatter
{
    /// <summary>The text with each key's span marked as <c>{|ID:...|}</c> (nested spans nest).</summary>
    public static string Annotate(string text, IEnumerable<(TextSpan Span, string Id)> marks)
    {
        // (position, order, tiebreak, insertion): closers of longer-lived spans come last, openers of longer spans first.
        var inserts = new List<(int Position, int Order, int Tiebreak, string Text)>();
        foreach ((TextSpan span, string id) in marks)
        {
            if (span.IsEmpty)
            {
                inserts.Add((span.Start, 1, 0, "{|" + id + ":|}"));
            }
            else
            {
                inserts.Add((span.Start, 1, -span.End, "{|" + id + ":"));
                inserts.Add((span.End, 0, -span.Start, "|}"));
            }
        }

        var builder = new StringBuilder(text);
        foreach (var insert in inserts
            .OrderBy(i => i.Position).ThenBy(i => i.Order).ThenBy(i => i.Tiebreak)
            .Select((insert, sequence) => (insert, sequence))
            .OrderByDescending(p => p.sequence))
        {
            builder.Insert(System.Math.Min(insert.insert.Position, builder.Length), insert.insert.Text);
        }

        return builder.ToString();
    }

    /// <summary>All documents, each headed by its name, with the given diagnostics marked.</summary>
    public static string AnnotateDocuments(IReadOnlyList<string> texts, IEnumerable<DiagnosticKey> keys)
    {
        var list = keys.ToList();
        var builder = new StringBuilder();
        for (int i = 0; i < texts.Count; i++)
        {
            if (texts.Count > 1)
            {
                builder.Append("// ----- ").Append(TestWorkspace.DocumentPath(i)).Append(" -----\n");
            }

            builder.Append(TextDiff.NormalizeLineEndings(Annotate(texts[i], list.Where(k => k.Document == i).Select(k => (k.Span, k.Id)))));
            builder.Append('\n');
        }

        return builder.ToString();
    }

    /// <summary><c>Test0.cs(3,9)-(3,16) TALLY004</c> for a key, line and column one-based.</summary>
    public static string Position(DiagnosticKey key, IReadOnlyList<string> texts)
    {
        if (key.Document < 0 || key.Document >= texts.Count)
        {
            return $"(no source location) {key.Id}";
        }

        SourceText text = SourceText.From(texts[key.Document]);
        LinePositionSpan lines = text.Lines.GetLinePositionSpan(key.Span);
        return $"Test{key.Document}.cs({lines.Start.Line + 1},{lines.Start.Character + 1})-({lines.End.Line + 1},{lines.End.Character + 1}) {key.Id}";
    }

    /// <summary><c>TOY001 at Test0.cs(3,9)</c>: a diagnostic's ID and one-based start position.</summary>
    public static string Locate(Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource)
        {
            return $"{diagnostic.Id} (no source location)";
        }

        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string file = System.IO.Path.GetFileName(span.Path);
        return $"{diagnostic.Id} at {file}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    /// <summary>One line per diagnostic: position, severity and message.</summary>
    public static string Messages(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<string> texts)
    {
        if (diagnostics.IsEmpty)
        {
            return "  (none)\n";
        }

        var builder = new StringBuilder();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            builder.Append("  ").Append(Position(DiagnosticKey.Of(diagnostic), texts))
                .Append(' ').Append(diagnostic.Severity).Append(": ").Append(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            if (diagnostic.Location.IsInSource)
            {
                builder.Append("  [on `").Append(Snippet(diagnostic)).Append("`]");
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static string Snippet(Diagnostic diagnostic)
    {
        string text = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
        text = text.Replace("\r", string.Empty).Replace('\n', ' ');
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
