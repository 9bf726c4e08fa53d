using System;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Twins of a rule test made by editing one source: an edit that finds nothing to replace would silently test the
/// original again, so it fails instead.
/// </summary>
internal static class SourceEdits
{
    /// <summary><paramref name="source"/> with every <paramref name="oldText"/> replaced; throws when there is none.</summary>
    public static string Edit(this string source, string oldText, string newText)
    {
        if (!source.Contains(oldText, StringComparison.Ordinal))
        {
            throw new ArgumentException("The twin's edit finds nothing to replace: " + oldText, nameof(oldText));
        }

        return source.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
