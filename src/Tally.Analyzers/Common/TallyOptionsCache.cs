using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Common
{
    /// <summary>Parses options once per distinct options set of a compilation.</summary>
    internal sealed class TallyOptionsCache
    {
        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly ConcurrentDictionary<AnalyzerConfigOptions, TallyOptions> _parsed =
            new ConcurrentDictionary<AnalyzerConfigOptions, TallyOptions>();

        public TallyOptionsCache(AnalyzerConfigOptionsProvider provider)
        {
            _provider = provider;
        }

        /// <summary>The options that apply to <paramref name="tree"/>.</summary>
        public TallyOptions Get(SyntaxTree? tree)
        {
            if (tree == null)
            {
                return TallyOptions.Default;
            }

            var options = _provider.GetOptions(tree);
            return _parsed.GetOrAdd(options, static o => TallyOptions.Parse(o));
        }
    }
}
