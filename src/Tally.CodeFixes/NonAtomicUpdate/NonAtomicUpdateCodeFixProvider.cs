using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Tally.Analyzers;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Rewrites a non-atomic update (TALLY001-005) into an atomic one: an <c>Interlocked</c> call where one computes exactly
    /// what the update computed, otherwise a compare-exchange loop (a generated private helper, or an inline loop for a
    /// volatile field in statement position). An auto-property gets a backing field first
    /// (<see cref="AutoPropertyInterlockedFix"/>). No action is offered where no rewrite is both atomic and exact
    /// (other properties, decimal, char, types the target framework cannot compare-exchange...).
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
                    await RegisterAutoPropertyFixAsync(context, diagnostic).ConfigureAwait(false);
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

        /// <summary>An update of an auto-property: the property gets a backing field whose updates are atomic.</summary>
        private static async Task RegisterAutoPropertyFixAsync(CodeFixContext context, Diagnostic diagnostic)
        {
            var property = await AutoPropertyBackingField.FlaggedPropertyAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            if (property is null)
            {
                return;
            }

            var changed = await AutoPropertyInterlockedFix.ApplyAsync(context.Document.Project.Solution, property, context.CancellationToken).ConfigureAwait(false);
            if (changed is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(AutoPropertyInterlockedFix.Title(property), _ => Task.FromResult(changed), EquivalenceKey), diagnostic);
            }
        }
    }
}
