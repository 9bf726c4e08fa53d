using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>Compares actual diagnostics with the expected ones and fails with a message that explains the difference.</summary>
internal static class DiagnosticComparer
{
    /// <summary>Fails unless <paramref name="actual"/> has exactly the document, span and ID of each expected diagnostic.</summary>
    public static void AssertMatch(IReadOnlyList<string> texts, ImmutableArray<DiagnosticKey> expected, ImmutableArray<Diagnostic> actual, string stage)
    {
        var actualKeys = actual.Select(DiagnosticKey.Of).ToList();
        var missing = new List<DiagnosticKey>(expected);
        var unexpected = new List<DiagnosticKey>();
        foreach (DiagnosticKey key in actualKeys)
        {
            if (!missing.Remove(key))
            {
                unexpected.Add(key);
            }
        }

        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.Append("Diagnostics of ").Append(stage).Append(" do not match the markup: expected ")
            .Append(expected.Length).Append(", actual ").Append(actualKeys.Count).Append(".\n");
        if (missing.Count > 0)
        {
            message.Append("Missing (expected, not reported):\n");
            foreach (DiagnosticKey key in missing)
            {
                message.Append("  ").Append(DiagnosticFormatter.Position(key, texts)).Append('\n');
            }
        }

        if (unexpected.Count > 0)
        {
            message.Append("Unexpected (reported, not expected):\n");
            foreach (DiagnosticKey key in unexpected)
            {
                message.Append("  ").Append(DiagnosticFormatter.Position(key, texts)).Append('\n');
            }
        }

        message.Append("\nExpected (markup):\n").Append(DiagnosticFormatter.AnnotateDocuments(texts, expected));
        message.Append("\nActual (the reported diagnostics as markup):\n").Append(DiagnosticFormatter.AnnotateDocuments(texts, actualKeys));
        message.Append("\nActual diagnostics:\n").Append(DiagnosticFormatter.Messages(actual, texts));
        throw new VerificationException(message.ToString());
    }
}
