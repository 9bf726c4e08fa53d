using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.AnalyzerBenchmarks.Analysis;

/// <summary>
/// The same <c>KEY=VALUE</c> options (the command line's <c>--option</c>) for every file, as one <c>.editorconfig</c>
/// section over the whole code base would give; a pair without <c>=</c> is ignored.
/// </summary>
public sealed class FixedOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly FixedOptions _options;

    public FixedOptionsProvider(IEnumerable<string> pairs)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(AnalyzerConfigOptions.KeyComparer);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                builder[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1).Trim();
            }
        }

        _options = new FixedOptions(builder.ToImmutable());
    }

    /// <summary>How many keys are set.</summary>
    public int Count => _options.Count;

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    /// <summary>These options as analyzer options, with no additional files.</summary>
    public AnalyzerOptions ToAnalyzerOptions() => new(ImmutableArray<AdditionalText>.Empty, this);

    private sealed class FixedOptions : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _values;

        public FixedOptions(ImmutableDictionary<string, string> values) => _values = values;

        public int Count => _values.Count;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
