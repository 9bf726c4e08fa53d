using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Summaries cached per syntax tree object. The IDE makes a new compilation for every edit but reuses the syntax trees
    /// of unchanged files, so only the edited tree is bound and summarised again; a build makes every tree once.
    /// A cached summary can be stale in one way: it was bound against the other files as they were when it was made, so
    /// an edit in file B that changes what a call, a field or a type in unchanged file A binds to (renaming a method A
    /// calls, making a field A writes volatile) is seen in A's facts only when A itself is edited or the project reloads.
    /// The diagnostics of the edited file are always computed from its fresh summary; a build is always exact.
    /// </summary>
    internal static class TreeSummaryCache
    {
        private static readonly ConditionalWeakTable<SyntaxTree, Entry> s_cache = new ConditionalWeakTable<SyntaxTree, Entry>();

        /// <summary>The summary of <paramref name="tree"/>, from the cache when it was made under the same options.</summary>
        public static TreeSummary Get(Compilation compilation, SyntaxTree tree, KnownSymbols known, TallyOptions options, CancellationToken cancellationToken)
        {
            if (s_cache.TryGetValue(tree, out var cached) && cached.Fingerprint == options.SummaryFingerprint)
            {
                return cached.Summary;
            }

#pragma warning disable RS1030 // The model needs every tree's facts; with the analyzer driver's semantic model provider this model is the one the driver binds anyway.
            var model = compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            var summary = TreeSummarizer.Summarize(model, known, options, cancellationToken);
            var entry = new Entry(options.SummaryFingerprint, summary);
            lock (s_cache)
            {
                s_cache.Remove(tree);
                s_cache.Add(tree, entry);
            }

            return summary;
        }

        private sealed class Entry
        {
            public Entry(string fingerprint, TreeSummary summary)
            {
                Fingerprint = fingerprint;
                Summary = summary;
            }

            public string Fingerprint { get; }

            public TreeSummary Summary { get; }
        }
    }
}
