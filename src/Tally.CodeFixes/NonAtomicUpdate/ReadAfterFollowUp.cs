using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers;
using Tally.Analyzers.Common;
using Tally.Analyzers.InterlockedMisuse;
using Tally.CodeFixes.Common;
using Tally.CodeFixes.InterlockedMisuse;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Finishes the Interlocked fix in one pass: when an update in statement position became an Interlocked call whose
    /// result is discarded and the field is read again in the statements that follow (what TALLY007 reports), the
    /// TALLY007 fix runs right away, so the call's result is kept in a local and those reads use it. Without this, one
    /// <c>dotnet format analyzers</c> run would leave TALLY007 behind, and the code would hand out duplicate values
    /// until a second run.
    /// </summary>
    internal static class ReadAfterFollowUp
    {
        /// <summary>Marks the Interlocked calls the rewrite produced for updates in statement position.</summary>
        public static readonly SyntaxAnnotation Annotation = new SyntaxAnnotation("Tally.ReadAfterFollowUp");

        /// <summary>The document with the TALLY007 fix applied after each marked call that needs it.</summary>
        public static async Task<Document> ApplyAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var count = root?.GetAnnotatedNodes(Annotation).Count() ?? 0;
            for (var index = 0; index < count; index++)
            {
                root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var node = root?.GetAnnotatedNodes(Annotation).ElementAtOrDefault(index);
                if (root == null || model == null || node == null)
                {
                    break;
                }

                var span = FirstReadAfter(node, model, DocumentTallyOptions.Of(document, root.SyntaxTree), cancellationToken);
                if (span == null)
                {
                    continue;
                }

                var plan = InterlockedMisusePlanner.TryPlan(
                    root, model, DocumentTallyOptions.Of(document, root.SyntaxTree), DiagnosticIds.FieldReadAfterInterlocked, span.Value, cancellationToken);
                if (plan != null)
                {
                    document = document.WithSyntaxRoot(plan.Rewrite(root));
                }
            }

            return document;
        }

        /// <summary>Where TALLY007 would report a read after <paramref name="node"/>'s call, decided as the analyzer decides.</summary>
        private static Microsoft.CodeAnalysis.Text.TextSpan? FirstReadAfter(SyntaxNode node, SemanticModel model, TallyOptions options, CancellationToken cancellationToken)
        {
            if (node is not InvocationExpressionSyntax || model.GetOperation(node, cancellationToken) is not IInvocationOperation call)
            {
                return null;
            }

            var known = KnownSymbols.Create(model.Compilation);
            var kind = InterlockedMethodKinds.KindOf(call.TargetMethod, known);
            if ((!kind.ReturnsNewValue() && kind != InterlockedMethodKind.Exchange)
                || !InterlockedMisuseLocation.TryCreate(InterlockedMisuseFacts.GetArgument(call, 0)?.Value, out var location)
                || LockFinder.Find(call, known, options, model.GetEnclosingSymbol(node.SpanStart, cancellationToken)).HasValue)
            {
                return null;
            }

            foreach (var read in InterlockedMisuseReadAfterScanner.FindReads(call, location, known, options))
            {
                if (read.StandsForOwnResult)
                {
                    return read.Reference.Syntax.Span;
                }
            }

            return null;
        }
    }
}
