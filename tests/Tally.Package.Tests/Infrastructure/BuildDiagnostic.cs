using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Tally.Package.Tests.Infrastructure
{
    /// <summary>One diagnostic as the build printed it: file, line and ID.</summary>
    public sealed record BuildDiagnostic(string File, int Line, string Id)
    {
        private static readonly Regex s_diagnosticLine = new(
            @"^[ \t]*(?<file>[^\s(][^(\r\n]*?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\):[ \t]+(?<severity>warning|error)[ \t]+(?<id>[A-Z]+\d+)[ \t]*:",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        public override string ToString() => $"{File}({Line}): {Id}";

        /// <summary>
        /// The distinct diagnostics in MSBuild output whose ID starts with <paramref name="idPrefix"/>, with file paths
        /// relative to <paramref name="baseDirectory"/> (forward slashes), sorted.
        /// </summary>
        public static IReadOnlyList<BuildDiagnostic> Parse(string output, string baseDirectory, string idPrefix = "TALLY")
        {
            return s_diagnosticLine.Matches(output)
                .Where(m => m.Groups["id"].Value.StartsWith(idPrefix, StringComparison.Ordinal))
                .Select(m => new BuildDiagnostic(
                    Relative(baseDirectory, m.Groups["file"].Value.Trim()),
                    int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    m.Groups["id"].Value))
                .Distinct()
                .OrderBy(d => d.File, StringComparer.Ordinal)
                .ThenBy(d => d.Line)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }

        private static string Relative(string baseDirectory, string file)
            => Path.GetRelativePath(baseDirectory, Path.GetFullPath(file, baseDirectory)).Replace('\\', '/');
    }
}
