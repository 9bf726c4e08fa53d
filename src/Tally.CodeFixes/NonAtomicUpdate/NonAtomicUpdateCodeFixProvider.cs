using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Tally.Analyzers;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Rewrites a non-atomic update (TALLY001-005) into an atomic one: an <c>Interlocked</c> call where one computes exactly
    /// what the update computed, otherwise a compare-exchange loop (a generated private helper, or an inline loop for a
    /// volatile field in statement position). No action is offered where no rewrite is both atomic and exact
    /// (properties, decimal, char, enums, types the target framework cannot compare-exchange...).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NonAtomicUpdateCodeFixProvider))]
    [Shared]
    public sealed class NonAtomicUpdateCodeFixProvider : CodeFixProvider
    {
        /// <summary>The equivalence key of the atomic rewrite (the action <c>dotnet format</c> applies).</summary>
        public const string EquivalenceKey = "Tally.InterlockedUpdate";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            DiagnosticIds.SynchronizedElsewhere,
            DiagnosticIds.VolatileField,
            DiagnosticIds.ConcurrentCode,
            DiagnosticIds.StaticField,
            DiagnosticIds.SharedInstance);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => NonAtomicUpdateFixAllProvider.Instance;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                var plans = await DocumentRewriter.PlanAsync(context.Document, new[] { span }, context.CancellationToken).ConfigureAwait(false);
                var plan = plans.FirstOrDefault();
                if (plan is null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        plan.Title,
                        cancellationToken => DocumentRewriter.RewriteAsync(document, new[] { span }, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
