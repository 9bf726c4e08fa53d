using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// The Interlocked fix of a flagged auto-property (no runtime library needed): the property gets a backing field
    /// (<see cref="AutoPropertyBackingField"/>) and every update of it in the solution gets the ordinary fix on that field
    /// (<c>Count++</c> becomes <c>Interlocked.Increment(ref _count)</c>, values of <c>x++</c>/<c>++x</c> kept). Offered
    /// only when every update has an exact atomic rewrite.
    /// </summary>
    internal static class AutoPropertyInterlockedFix
    {
        /// <summary>The code action's title.</summary>
        public static string Title(IPropertySymbol property) => $"Back '{property.Name}' with a field updated atomically";

        /// <summary>The solution with <paramref name="property"/> backed by a field updated atomically, or null.</summary>
        public static async Task<Solution?> ApplyAsync(Solution solution, IPropertySymbol property, CancellationToken cancellationToken)
        {
            var converted = await AutoPropertyBackingField.ConvertAsync(solution, property, cancellationToken).ConfigureAwait(false);
            if (converted == null)
            {
                return null;
            }

            solution = converted.Solution;
            foreach (var documentId in converted.WriteDocuments)
            {
                var document = solution.GetDocument(documentId)!;
                var spans = await UpdateSpansAsync(document, converted.WriteAnnotation, cancellationToken).ConfigureAwait(false);
                var plans = await DocumentRewriter.PlanAsync(document, spans, cancellationToken).ConfigureAwait(false);
                if (plans.Length != spans.Count)
                {
                    return null; // an update of the property has no exact atomic rewrite: leave the property as it is
                }

                document = await DocumentRewriter.RewriteAsync(document, spans, cancellationToken).ConfigureAwait(false);
                solution = document.Project.Solution;
            }

            return solution;
        }

        /// <summary>
        /// The marked writes that are read-modify-write updates of the field (<c>_count++</c>, <c>_count += n</c>,
        /// <c>_count = _count + n</c>); plain writes (<c>_count = 0</c>) need no rewrite.
        /// </summary>
        private static async Task<List<Microsoft.CodeAnalysis.Text.TextSpan>> UpdateSpansAsync(Document document, SyntaxAnnotation writeAnnotation, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var spans = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            foreach (var node in root!.GetAnnotatedNodes(writeAnnotation))
            {
                var isUpdate = model!.GetOperation(node, cancellationToken) switch
                {
                    IIncrementOrDecrementOperation => true,
                    ICompoundAssignmentOperation => true,
                    ISimpleAssignmentOperation assignment => StorageReference.IsReadIn(assignment.Target, assignment.Value),
                    _ => false,
                };
                if (isUpdate)
                {
                    spans.Add(node.Span);
                }
            }

            return spans.OrderBy(s => s.Start).ToList();
        }
    }
}
