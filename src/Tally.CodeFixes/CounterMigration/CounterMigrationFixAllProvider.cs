using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>
    /// Fix All for the counter migrations: every field (and auto-property) flagged in the scope is migrated to the chosen counter, one field
    /// after the other on the updated solution (each migration rewrites documents the next one may touch too). A field
    /// the chosen counter cannot replace exactly is left as it is.
    /// </summary>
    internal sealed class CounterMigrationFixAllProvider : FixAllProvider
    {
        public static readonly CounterMigrationFixAllProvider Instance = new CounterMigrationFixAllProvider();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            CounterType type;
            if (fixAllContext.CodeActionEquivalenceKey == CounterType.Atomic.EquivalenceKey())
            {
                type = CounterType.Atomic;
            }
            else if (fixAllContext.CodeActionEquivalenceKey == CounterType.Striped.EquivalenceKey())
            {
                type = CounterType.Striped;
            }
            else
            {
                return Task.FromResult<CodeAction?>(null);
            }

            var where = fixAllContext.Scope switch
            {
                FixAllScope.Document => "document",
                FixAllScope.Project => "project",
                _ => "solution",
            };

            return Task.FromResult<CodeAction?>(CodeAction.Create(
                $"Make the flagged fields in the {where} {type.MetadataName()}s",
                cancellationToken => FixAsync(fixAllContext, type, cancellationToken),
                type.EquivalenceKey()));
        }

        private static async Task<Solution> FixAsync(FixAllContext context, CounterType type, CancellationToken cancellationToken)
        {
            var fields = await FieldsInScopeAsync(context, cancellationToken).ConfigureAwait(false);
            var solution = context.Solution;
            foreach (var (projectId, id) in fields)
            {
                var project = solution.GetProject(projectId);
                var compilation = project == null ? null : await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                var symbol = project == null || compilation == null ? null : DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation);
                if (symbol is IFieldSymbol field)
                {
                    var migration = await MigrationPlanner.PlanAsync(solution, project!, field, cancellationToken).ConfigureAwait(false);
                    if (migration != null && migration.Supports(type))
                    {
                        solution = await MigrationRewriter.ApplyAsync(solution, migration, type, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (symbol is IPropertySymbol property
                    && await AutoPropertyCounterMigration.PlanAsync(solution, property, cancellationToken).ConfigureAwait(false) is { } planned
                    && planned.Migration.Supports(type))
                {
                    solution = await MigrationRewriter.ApplyAsync(planned.Solution, planned.Migration, type, cancellationToken).ConfigureAwait(false);
                }
            }

            return solution;
        }

        /// <summary>The flagged fields in scope, each once, named by project and declaration id (stable across edits).</summary>
        private static async Task<List<(ProjectId Project, string Id)>> FieldsInScopeAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            IEnumerable<Document> documents = context.Scope switch
            {
                FixAllScope.Document when context.Document is not null => new[] { context.Document },
                FixAllScope.Project => context.Project.Documents,
                FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents),
                _ => Enumerable.Empty<Document>(),
            };

            var ids = new HashSet<string>(context.DiagnosticIds);
            var result = new List<(ProjectId, string)>();
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    if (!ids.Contains(diagnostic.Id) || !diagnostic.Location.IsInSource)
                    {
                        continue;
                    }

                    ISymbol? field = (ISymbol?)await MigrationPlanner.FlaggedFieldAsync(document, diagnostic.Location.SourceSpan, cancellationToken).ConfigureAwait(false)
                        ?? await AutoPropertyBackingField.FlaggedPropertyAsync(document, diagnostic.Location.SourceSpan, cancellationToken).ConfigureAwait(false);
                    var id = field == null ? null : DocumentationCommentId.CreateDeclarationId(field);
                    if (id != null && !result.Contains((document.Project.Id, id)))
                    {
                        result.Add((document.Project.Id, id));
                    }
                }
            }

            return result;
        }
    }
}
