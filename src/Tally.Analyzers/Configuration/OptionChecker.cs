using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.Configuration
{
    /// <summary>
    /// Checks the <c>tally.*</c> keys of one options set against <see cref="TallyOptions.KnownKeys"/>: keys not in the
    /// list, and values the key does not accept.
    /// </summary>
    internal static class OptionChecker
    {
        private const string Prefix = "tally.";

        private static readonly string s_knownKeyNames = string.Join(", ", TallyOptions.KnownKeys.Select(k => k.Name));

        /// <summary>The problems of <paramref name="options"/>, ordered by key.</summary>
        public static ImmutableArray<OptionProblem> Check(AnalyzerConfigOptions options)
        {
            IEnumerable<string> keys;
            try
            {
                keys = options.Keys.ToList();
            }
            catch (NotImplementedException)
            {
                // A host whose options cannot list their keys: nothing to check, rather than a crash.
                return ImmutableArray<OptionProblem>.Empty;
            }

            var problems = ImmutableArray.CreateBuilder<OptionProblem>();
            foreach (var key in keys.Where(k => k.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)).OrderBy(k => k, StringComparer.OrdinalIgnoreCase))
            {
                var known = Find(key);
                if (known == null)
                {
                    problems.Add(new OptionProblem(DiagnosticDescriptors.UnknownOptionKey, key, s_knownKeyNames));
                    continue;
                }

                if (!options.TryGetValue(key, out var value))
                {
                    continue;
                }

                var bad = known.FindBadParts(value);
                if (!bad.IsEmpty)
                {
                    problems.Add(new OptionProblem(DiagnosticDescriptors.InvalidOptionValue, known.Name, value.Trim(), Describe(bad), known.AcceptedValues));
                }
            }

            return problems.ToImmutable();
        }

        private static TallyOptionKey? Find(string key)
        {
            foreach (var known in TallyOptions.KnownKeys)
            {
                if (string.Equals(known.Name, key, StringComparison.OrdinalIgnoreCase))
                {
                    return known;
                }
            }

            return null;
        }

        /// <summary><c>'statc' is</c>, <c>'a', 'b' are</c>, <c>an empty value is</c>.</summary>
        private static string Describe(ImmutableArray<string> bad)
        {
            if (bad.Length == 1 && bad[0].Length == 0)
            {
                return "an empty value is";
            }

            return string.Join(", ", bad.Select(b => "'" + b + "'")) + (bad.Length == 1 ? " is" : " are");
        }
    }
}
