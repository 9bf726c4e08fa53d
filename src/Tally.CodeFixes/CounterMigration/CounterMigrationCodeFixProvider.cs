using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Tally.Analyzers;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>
    /// Offers, for a field flagged by TALLY001-005 in a project that references the Tally library, to make the field a
    /// <c>Tally.AtomicCounter</c> (and a <c>Tally.StripedCounter</c> where no update's value is used), rewriting its
    /// declaration and every reference in the solution. Offered only where every reference has an exact rewrite; the
    /// refusals are listed in docs/rules/counter-fix.md. The library is found by metadata name, so neither the analyzers
    /// nor the fixes depend on it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CounterMigrationCodeFixProvider))]
    [Shared]
    public sealed class CounterMigrationCodeFixProvider : CodeFixProvider
    {
        /// <summary>The equivalence key of the migration to <c>Tally.AtomicCounter</c>.</summary>
        public const string AtomicCounterKey = "Tally.MigrateToAtomicCounter";

        /// <summary>The equivalence key of the migration to <c>Tally.StripedCounter</c>.</summary>
        public const string StripedCounterKey = "Tally.MigrateToStripedCounter";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            DiagnosticIds.SynchronizedElsewhere,
            DiagnosticIds.VolatileField,
            DiagnosticIds.ConcurrentCode,
            DiagnosticIds.StaticField,
            DiagnosticIds.SharedInstance);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => CounterMigrationFixAllProvider.Instance;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            foreach (var diagnostic in context.Diagnostics)
            {
                var field = await MigrationPlanner.FlaggedFieldAsync(document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
                if (field == null)
                {
                    await RegisterAutoPropertyFixAsync(context, diagnostic).ConfigureAwait(false);
                    continue;
                }

                var migration = await MigrationPlanner.PlanAsync(document.Project.Solution, document.Project, field, context.CancellationToken).ConfigureAwait(false);
                if (migration == null)
                {
                    continue;
                }

                var actions = ImmutableArray.CreateBuilder<CodeAction>();
                foreach (var type in new[] { CounterType.Atomic, CounterType.Striped })
                {
                    if (migration.Supports(type))
                    {
                        actions.Add(CodeAction.Create(
                            $"Make '{field.Name}' a {type.MetadataName()}",
                            cancellationToken => MigrationRewriter.ApplyAsync(document.Project.Solution, migration, type, cancellationToken),
                            type.EquivalenceKey()));
                    }
                }

                // One group per field. The group's equivalence key is not a counter's key, so `dotnet format analyzers`
                // (which takes the key of a provider's first action) gets no Fix All from this provider and applies the
                // Interlocked fix alone; in the IDE each counter is its own action, with Fix All.
                context.RegisterCodeFix(
                    CodeAction.Create($"Make '{field.Name}' a Tally counter", actions.ToImmutable(), isInlinable: false),
                    diagnostic);
            }
        }

        /// <summary>An update of an auto-property: the property becomes a getter of a counter field.</summary>
        private static async Task RegisterAutoPropertyFixAsync(CodeFixContext context, Diagnostic diagnostic)
        {
            var property = await AutoPropertyBackingField.FlaggedPropertyAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            var planned = property == null ? null : await AutoPropertyCounterMigration.PlanAsync(context.Document.Project.Solution, property, context.CancellationToken).ConfigureAwait(false);
            if (property == null || planned is not { } p)
            {
                return;
            }

            var actions = ImmutableArray.CreateBuilder<CodeAction>();
            foreach (var type in new[] { CounterType.Atomic, CounterType.Striped })
            {
                if (p.Migration.Supports(type))
                {
                    actions.Add(CodeAction.Create(
                        $"Back '{property.Name}' with a {type.MetadataName()}",
                        cancellationToken => MigrationRewriter.ApplyAsync(p.Solution, p.Migration, type, cancellationToken),
                        type.EquivalenceKey()));
                }
            }

            if (actions.Count > 0)
            {
                context.RegisterCodeFix(CodeAction.Create($"Back '{property.Name}' with a Tally counter", actions.ToImmutable(), isInlinable: false), diagnostic);
            }
        }
    }
}
