using System;
using System.Collections.Generic;
using System.Text;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>A small line diff (longest common subsequence) for failure messages.</summary>
internal static class TextDiff
{
    /// <summary>Normalises line endings to <c>\n</c>.</summary>
    public static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>Lines prefixed with <c>"  "</c> (same), <c>"- "</c> (expected only) and <c>"+ "</c> (actual only).</summary>
    public static string Unified(string expected, string actual)
    {
        string[] a = NormalizeLineEndings(expected).Split('\n');
        string[] b = NormalizeLineEndings(actual).Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add("  " + a[x]);
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add("- " + a[x]);
                x++;
            }
            else
            {
                lines.Add("+ " + b[y]);
                y++;
            }
        }

        var builder = new StringBuilder();
        builder.Append("--- expected").Append('\n').Append("+++ actual").Append('\n');
        foreach (string line in lines)
        {
            // Make trailing whitespace visible: a diff that shows nothing is useless.
            string trimmed = line.TrimEnd();
            builder.Append(trimmed.Length == line.Length || line.Length <= 2 ? line : trimmed + "<ws:" + (line.Length - trimmed.Length) + ">").Append('\n');
        }

        return builder.ToString();
    }
}
