using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Keeps the merged facts of the last compilation's trees so that the next compilation's model does not merge every
    /// tree again. In the IDE every keystroke makes a new compilation that differs from the previous one in the edited
    /// tree only (its summary is new; every other tree, and its cached summary, is the same object). The first such
    /// compilation merges the facts of all trees but the edited one; that merge is kept, and this and every later
    /// compilation that differs from it only in that tree lays the edited tree's facts over it at the tree's position
    /// (see <see cref="ModelFacts"/>), which gives the same model as a full merge for the price of one tree's facts.
    /// Any other change (a file added, removed or reordered, a second file edited, other options) merges anew.
    /// The kept facts hang off two of the compilation's trees, so they live exactly as long as those trees: a build's
    /// compilation takes them away with it.
    /// </summary>
    internal static class ModelCache
    {
        private static readonly ConditionalWeakTable<SyntaxTree, Slot> s_slots = new ConditionalWeakTable<SyntaxTree, Slot>();

        /// <summary>The model of the compilation whose trees (in compilation order) have these summaries.</summary>
        public static ConcurrencyModel ModelOf(IReadOnlyList<SyntaxTree> trees, IReadOnlyList<TreeSummary> summaries)
        {
            if (trees.Count < 2)
            {
                return new ConcurrencyModel(summaries);
            }

            var rebuildWithout = -2;
            for (var anchor = 0; anchor < trees.Count && anchor < 3; anchor++)
            {
                if (!s_slots.TryGetValue(trees[anchor], out var slot) || Volatile.Read(ref slot.Facts) is not { } kept)
                {
                    continue;
                }

                var changed = OnlyChange(kept, summaries);
                if (changed == -1)
                {
                    return new ConcurrencyModel(kept, kept.Excluded < 0 ? null : new ModelFacts(summaries[kept.Excluded], kept.Excluded));
                }

                if (changed >= 0)
                {
                    rebuildWithout = changed;
                }
            }

            if (rebuildWithout >= 0)
            {
                // One tree differs from the kept merge: the first edit of a document. Merge the others once, for this
                // edit and the ones that follow it in the same document.
                var others = new ModelFacts(summaries, rebuildWithout);
                Keep(trees, others);
                return new ConcurrencyModel(others, new ModelFacts(summaries[rebuildWithout], rebuildWithout));
            }

            var all = new ModelFacts(summaries, excluded: -1);
            Keep(trees, all);
            return new ConcurrencyModel(all, null);
        }

        /// <summary>
        /// The one position where <paramref name="summaries"/> differ from the kept ones (the position the kept facts
        /// leave out does not count); -1 for none; -2 when they differ in more positions, or in number.
        /// </summary>
        private static int OnlyChange(ModelFacts kept, IReadOnlyList<TreeSummary> summaries)
        {
            if (kept.Summaries.Length != summaries.Count)
            {
                return -2;
            }

            var changed = -1;
            for (var tree = 0; tree < summaries.Count; tree++)
            {
                if (tree != kept.Excluded && !ReferenceEquals(kept.Summaries[tree], summaries[tree]))
                {
                    if (changed >= 0)
                    {
                        return -2;
                    }

                    changed = tree;
                }
            }

            return changed;
        }

        /// <summary>
        /// Hangs the facts off the first two trees they include: whichever one tree the next compilation changes, one of
        /// them is still there, among its first three trees.
        /// </summary>
        private static void Keep(IReadOnlyList<SyntaxTree> trees, ModelFacts facts)
        {
            var anchors = 0;
            for (var tree = 0; tree < trees.Count && anchors < 2; tree++)
            {
                if (tree != facts.Excluded)
                {
                    Volatile.Write(ref s_slots.GetOrCreateValue(trees[tree]).Facts, facts);
                    anchors++;
                }
            }
        }

        private sealed class Slot
        {
            public ModelFacts? Facts;
        }
    }
}
