using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>
    /// Fixes Interlocked misuse: drops the racy write-back of an Interlocked result (TALLY006), turns
    /// <c>Interlocked.Exchange(ref x, x + n);</c> into <c>Interlocked.Add</c> or a compare-exchange loop (TALLY006), and
    /// uses the value an Interlocked call returned instead of reading the field again (TALLY007).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InterlockedMisuseCodeFixProvider))]
    [Shared]
    public sealed class InterlockedMisuseCodeFixProvider : CodeFixProvider
    {
        /// <summary>
        /// The equivalence key of every action this provider offers. Each diagnostic gets at most one action, so one key
        /// lets Fix All apply the right rewrite to each.
        /// </summary>
        public const string EquivalenceKey = "Tally.InterlockedMisuse";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            DiagnosticIds.NonAtomicInterlockedUse,
            DiagnosticIds.FieldReadAfterInterlocked);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => InterlockedMisuseFixAllProvider.Instance;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = InterlockedMisusePlanner.TryPlan(root, model, DocumentTallyOptions.Of(context.Document, root.SyntaxTree), diagnostic.Id, diagnostic.Location.SourceSpan, context.CancellationToken);
                if (plan is null)
                {
                    continue;
                }

                var document = context.Document;
                var id = diagnostic.Id;
                var span = diagnostic.Location.SourceSpan;
                context.RegisterCodeFix(
                    CodeAction.Create(plan.Title, ct => ApplyAsync(document, id, span, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>Recomputes the fix on <paramref name="document"/> and applies it; the document unchanged when there is none.</summary>
        internal static async Task<Document> ApplyAsync(Document document, string diagnosticId, TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var plan = InterlockedMisusePlanner.TryPlan(root, model, DocumentTallyOptions.Of(document, root.SyntaxTree), diagnosticId, span, cancellationToken);
            return plan is null ? document : document.WithSyntaxRoot(plan.Rewrite(root));
        }
    }
}
