using System;
using Microsoft.CodeAnalysis;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>A fix computed from the semantic model for one diagnostic: its title and the rewrite of the syntax root.</summary>
    internal sealed class InterlockedMisuseFixPlan
    {
        public InterlockedMisuseFixPlan(string title, Func<SyntaxNode, SyntaxNode> rewrite)
        {
            Title = title;
            Rewrite = rewrite;
        }

        /// <summary>The code action's title.</summary>
        public string Title { get; }

        /// <summary>Rewrites the root the plan was computed on (the nodes it captured belong to that root).</summary>
        public Func<SyntaxNode, SyntaxNode> Rewrite { get; }
    }
}
