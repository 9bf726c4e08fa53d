using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Makes one Fix All (one <c>dotnet format analyzers</c> run) enough. Making an update atomic can make another update
    /// of the same field a race it was not before: <c>s_count++</c> under a write lock does not race with the other locked
    /// updates, but it does with the <c>Interlocked.Increment(ref s_count)</c> the fix just wrote outside that lock, and
    /// the analyzer then reports it (TALLY001; or TALLY005, when the atomic update makes the type one that synchronises
    /// its state). The Fix All runs the analyzer again on what it changed and rewrites the updates reported now that were
    /// not reported before, whatever their rule, for at most <see cref="MaxRounds"/> rounds; updates reported before
    /// were fixed or not by the IDs the Fix All was asked for, and updates with no rewrite stay as they are.
    /// </summary>
    internal static class NewlyReportedUpdates
    {
        /// <summary>A rewrite only ever adds atomic updates, so the rounds converge quickly; this only bounds a surprise.</summary>
        private const int MaxRounds = 3;

        /// <summary>What the analyzer reports in the scope before the Fix All: the updates that are not new afterwards.</summary>
        public static async Task<Dictionary<string, int>> BeforeAsync(Solution solution, IReadOnlyCollection<DocumentId> scope, CancellationToken cancellationToken)
        {
            var counts = new Dictionary<string, int>();
            foreach (var diagnostic in await ReportedAsync(solution, scope, cancellationToken).ConfigureAwait(false))
            {
                counts[diagnostic.Key] = counts.TryGetValue(diagnostic.Key, out var n) ? n + 1 : 1;
            }

            return counts;
        }

        /// <summary>
        /// The solution with the updates the fixed code newly exposes (reported now, not in <paramref name="before"/>)
        /// rewritten too, in the documents of <paramref name="scope"/>.
        /// </summary>
        public static async Task<Solution> RewriteAsync(Solution solution, IReadOnlyCollection<DocumentId> scope, Dictionary<string, int> before, CancellationToken cancellationToken)
        {
            for (var round = 0; round < MaxRounds; round++)
            {
                var seen = new Dictionary<string, int>(before);
                var fresh = new List<(DocumentId Document, TextSpan Span)>();
                foreach (var diagnostic in await ReportedAsync(solution, scope, cancellationToken).ConfigureAwait(false))
                {
                    if (seen.TryGetValue(diagnostic.Key, out var n) && n > 0)
                    {
                        seen[diagnostic.Key] = n - 1; // reported before the Fix All: its IDs decided whether it was fixed
                    }
                    else
                    {
                        fresh.Add((diagnostic.Document, diagnostic.Span));
                    }
                }

                var changed = false;
                foreach (var group in fresh.GroupBy(f => f.Document))
                {
                    var document = solution.GetDocument(group.Key)!;
                    var rewritten = await DocumentRewriter.RewriteAsync(document, group.Select(f => f.Span).Distinct(), cancellationToken).ConfigureAwait(false);
                    if (rewritten != document)
                    {
                        solution = rewritten.Project.Solution;
                        changed = true;
                    }
                }

                if (!changed)
                {
                    break;
                }
            }

            return solution;
        }

        /// <summary>One reported update: where, and a key that survives the rewrites around it (document, rule, the update's text).</summary>
        private readonly struct Reported
        {
            public Reported(DocumentId document, TextSpan span, string key)
            {
                Document = document;
                Span = span;
                Key = key;
            }

            public DocumentId Document { get; }

            public TextSpan Span { get; }

            public string Key { get; }
        }

        /// <summary>The updates the analyzer reports (and does not see suppressed) in the documents of <paramref name="scope"/>.</summary>
        private static async Task<List<Reported>> ReportedAsync(Solution solution, IReadOnlyCollection<DocumentId> scope, CancellationToken cancellationToken)
        {
            var result = new List<Reported>();
            foreach (var project in scope.Select(id => id.ProjectId).Distinct().Select(solution.GetProject).Where(p => p != null))
            {
                var compilation = await project!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (compilation == null)
                {
                    continue;
                }

                var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new NonAtomicUpdateAnalyzer());
                var diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions)
                    .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
                foreach (var diagnostic in diagnostics.Where(d => !d.IsSuppressed && d.Location.IsInSource))
                {
                    var tree = diagnostic.Location.SourceTree!;
                    var documentId = solution.GetDocumentId(tree);
                    if (documentId != null && scope.Contains(documentId))
                    {
                        var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                        var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
                        var where = member is null ? string.Empty : member.Kind() + " " + MemberName(member);
                        result.Add(new Reported(documentId, diagnostic.Location.SourceSpan, $"{documentId.Id}|{diagnostic.Id}|{where}|{node}"));
                    }
                }
            }

            return result;
        }

        /// <summary>The name of the member holding an update (unchanged by the rewrites inside it).</summary>
        private static string MemberName(MemberDeclarationSyntax member) => member switch
        {
            BaseMethodDeclarationSyntax method => method is MethodDeclarationSyntax m ? m.Identifier.ValueText : method.Kind().ToString(),
            BasePropertyDeclarationSyntax property => property is PropertyDeclarationSyntax p ? p.Identifier.ValueText : property.Kind().ToString(),
            BaseFieldDeclarationSyntax field => string.Join(",", field.Declaration.Variables.Select(v => v.Identifier.ValueText)),
            _ => string.Empty,
        };
    }
}
