using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Fix All for the Interlocked rewrite. Each document is rewritten once with all its flagged updates (so overlapping
    /// edits in one statement or expression are all kept), and documents are processed one after the other on the updated
    /// solution, so helpers added to one part of a partial type are seen (and reused) by the next document.
    /// </summary>
    internal sealed class NonAtomicUpdateFixAllProvider : FixAllProvider
    {
        public static readonly NonAtomicUpdateFixAllProvider Instance = new NonAtomicUpdateFixAllProvider();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            if (fixAllContext.CodeActionEquivalenceKey != NonAtomicUpdateCodeFixProvider.EquivalenceKey)
            {
                return Task.FromResult<CodeAction?>(null);
            }

            var title = fixAllContext.Scope switch
            {
                FixAllScope.Document => "Make all non-atomic updates in the document atomic",
                FixAllScope.Project => "Make all non-atomic updates in the project atomic",
                _ => "Make all non-atomic updates in the solution atomic",
            };

            return Task.FromResult<CodeAction?>(CodeAction.Create(
                title,
                cancellationToken => FixAsync(fixAllContext, cancellationToken),
                NonAtomicUpdateCodeFixProvider.EquivalenceKey));
        }

        private static async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var documents = await DocumentsInScopeAsync(context, cancellationToken).ConfigureAwait(false);
            var properties = await PropertiesInScopeAsync(context, documents, cancellationToken).ConfigureAwait(false);
            var solution = context.Solution;
            var scope = context.Scope switch
            {
                FixAllScope.Document when context.Document is not null => new[] { context.Document.Id },
                FixAllScope.Project => context.Project.DocumentIds.ToArray(),
                _ => solution.Projects.SelectMany(p => p.DocumentIds).ToArray(),
            };
            var before = await NewlyReportedUpdates.BeforeAsync(solution, scope, cancellationToken).ConfigureAwait(false);
            foreach (var (documentId, spans) in documents)
            {
                var document = solution.GetDocument(documentId);
                if (document is null || spans.IsEmpty)
                {
                    continue;
                }

                var rewritten = await DocumentRewriter.RewriteAsync(document, spans, cancellationToken).ConfigureAwait(false);
                var root = await rewritten.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is not null)
                {
                    solution = solution.WithDocumentSyntaxRoot(documentId, root);
                }
            }

            // Auto-properties last: each gets its backing field and atomic updates, wherever they are in the solution.
            foreach (var (projectId, id) in properties)
            {
                var compilation = solution.GetProject(projectId) is { } project ? await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false) : null;
                if (compilation != null
                    && DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation) is IPropertySymbol property
                    && await AutoPropertyInterlockedFix.ApplyAsync(solution, property, cancellationToken).ConfigureAwait(false) is { } changed)
                {
                    solution = changed;
                }
            }

            // What the rewrites newly expose (another update of a field now updated atomically) is rewritten in the same run.
            return await NewlyReportedUpdates.RewriteAsync(solution, scope, before, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The flagged auto-properties, each once, named by project and declaration id (stable across edits).</summary>
        private static async Task<List<(ProjectId Project, string Id)>> PropertiesInScopeAsync(
            FixAllContext context, List<(DocumentId Id, ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan> Spans)> documents, CancellationToken cancellationToken)
        {
            var result = new List<(ProjectId, string)>();
            foreach (var (documentId, spans) in documents)
            {
                var document = context.Solution.GetDocument(documentId);
                if (document is null)
                {
                    continue;
                }

                foreach (var span in spans)
                {
                    var property = await AutoPropertyBackingField.FlaggedPropertyAsync(document, span, cancellationToken).ConfigureAwait(false);
                    var owner = property is null ? null : context.Solution.GetProject(property.ContainingAssembly, cancellationToken);
                    var id = property is null ? null : DocumentationCommentId.CreateDeclarationId(property);
                    if (owner is not null && id is not null && !result.Contains((owner.Id, id)))
                    {
                        result.Add((owner.Id, id));
                    }
                }
            }

            return result;
        }

        private static async Task<List<(DocumentId Id, ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan> Spans)>> DocumentsInScopeAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            IEnumerable<Document> documents = context.Scope switch
            {
                FixAllScope.Document when context.Document is not null => new[] { context.Document },
                FixAllScope.Project => context.Project.Documents,
                FixAllScope.Solution => context.Solution.Projects.SelectMany(p => p.Documents),
                _ => Enumerable.Empty<Document>(),
            };

            var ids = new HashSet<string>(context.DiagnosticIds);
            var result = new List<(DocumentId, ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>)>();
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                var spans = diagnostics
                    .Where(d => ids.Contains(d.Id) && d.Location.IsInSource)
                    .Select(d => d.Location.SourceSpan)
                    .Distinct()
                    .ToImmutableArray();
                if (!spans.IsEmpty)
                {
                    result.Add((document.Id, spans));
                }
            }

            return result;
        }
    }
}
