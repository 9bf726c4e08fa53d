using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>
    /// Fix All for the misuse rules. Applies the fixes of a document one after the other, each recomputed on the document
    /// the previous one produced (the diagnostics' nodes are followed with annotations), so two fixes in one block — each
    /// adding a local — never conflict the way merged text changes could.
    /// </summary>
    internal static class InterlockedMisuseFixAllProvider
    {
        public static FixAllProvider Instance { get; } = FixAllProvider.Create(FixDocumentAsync);

        private static async Task<Document?> FixDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            if (context.CodeActionEquivalenceKey != InterlockedMisuseCodeFixProvider.EquivalenceKey || diagnostics.IsEmpty)
            {
                return document;
            }

            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var targets = new List<(SyntaxAnnotation Annotation, string Id)>();
            var nodes = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var span = diagnostic.Location.SourceSpan;
                if (!root.FullSpan.Contains(span))
                {
                    continue;
                }

                var node = root.FindNode(span, getInnermostNodeForTie: true);
                var annotation = new SyntaxAnnotation("Tally.InterlockedMisuse.FixAll");
                if (!nodes.TryGetValue(node, out var list))
                {
                    nodes[node] = list = new List<SyntaxAnnotation>();
                }

                list.Add(annotation);
                targets.Add((annotation, diagnostic.Id));
            }

            document = document.WithSyntaxRoot(root.ReplaceNodes(nodes.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(nodes[original])));
            foreach (var (annotation, id) in targets)
            {
                var currentRoot = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var node = currentRoot?.GetAnnotatedNodes(annotation).FirstOrDefault();
                if (node is null)
                {
                    continue; // an earlier fix rewrote it
                }

                document = await InterlockedMisuseCodeFixProvider.ApplyAsync(document, id, node.Span, context.CancellationToken).ConfigureAwait(false);
            }

            return document;
        }
    }
}
