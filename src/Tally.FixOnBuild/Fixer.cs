using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.FixOnBuild
{
    /// <summary>What a run found and did.</summary>
    internal sealed record FixOutcome(Project Fixed, ImmutableArray<Diagnostic> Found, ImmutableArray<Diagnostic> Left);

    /// <summary>
    /// Runs Tally's analyzers on the project with its own options and applies Tally's fixes with Fix All, one code
    /// action kind at a time, analysing again after each, until nothing fixable is left.
    /// </summary>
    internal sealed class Fixer
    {
        /// <summary>Enough for every action kind to run twice; a fix that keeps producing work is stopped here.</summary>
        private const int MaxRounds = 8;

        private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
        private readonly ImmutableArray<CodeFixProvider> _providers;
        private readonly IReadOnlyList<string> _preferredKeys;
        private readonly SourceFilter _filter;

        public Fixer(IReadOnlyList<string> preferredKeys, SourceFilter filter)
        {
            _analyzers = Instances<DiagnosticAnalyzer>(typeof(Tally.Analyzers.DiagnosticIds).Assembly);
            _providers = Instances<CodeFixProvider>(Assembly.Load(new AssemblyName("Tally.CodeFixes")));
            _preferredKeys = preferredKeys;
            _filter = filter;
        }

        public async Task<FixOutcome> RunAsync(Project project, CancellationToken cancellationToken)
        {
            ImmutableArray<Diagnostic> found = default;
            ImmutableArray<Diagnostic> diagnostics = ImmutableArray<Diagnostic>.Empty;
            for (int round = 0; round < MaxRounds; round++)
            {
                diagnostics = await FixableCandidatesAsync(project, cancellationToken).ConfigureAwait(false);
                if (found.IsDefault)
                {
                    found = diagnostics;
                }

                (CodeFixProvider Provider, string Key, List<Diagnostic> Diagnostics)? next = await ChooseAsync(project, diagnostics, cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    break;
                }

                (CodeFixProvider provider, string key, List<Diagnostic> chosen) = next.Value;
                var context = new FixAllContext(
                    project, provider, FixAllScope.Project, key, chosen.Select(d => d.Id).Distinct(), new GivenDiagnostics(chosen), cancellationToken);
                CodeAction? action = await provider.GetFixAllProvider()!.GetFixAsync(context).ConfigureAwait(false);
                if (action is null)
                {
                    break;
                }

                Solution? changed = null;
                foreach (CodeActionOperation operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (operation is ApplyChangesOperation apply)
                    {
                        changed = apply.ChangedSolution;
                    }
                }

                if (changed is null || changed == project.Solution)
                {
                    break;
                }

                project = changed.GetProject(project.Id)!;
            }

            return new FixOutcome(project, found, diagnostics);
        }

        /// <summary>Tally's diagnostics the build reports (not hidden, not suppressed) in documents the build may write.</summary>
        private async Task<ImmutableArray<Diagnostic>> FixableCandidatesAsync(Project project, CancellationToken cancellationToken)
        {
            Compilation compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> all = await compilation.WithAnalyzers(_analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

            var writable = new Dictionary<SyntaxTree, bool>();
            var result = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (Diagnostic diagnostic in all)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Hidden || diagnostic.IsSuppressed || !diagnostic.Location.IsInSource)
                {
                    continue;
                }

                SyntaxTree tree = diagnostic.Location.SourceTree!;
                if (!writable.TryGetValue(tree, out bool mayWrite))
                {
                    Document? document = project.GetDocument(tree);
                    mayWrite = document is not null && await _filter.MayWriteAsync(document, cancellationToken).ConfigureAwait(false);
                    writable[tree] = mayWrite;
                }

                if (mayWrite)
                {
                    result.Add(diagnostic);
                }
            }

            return result.ToImmutable();
        }

        /// <summary>The most preferred action kind any diagnostic offers, with every diagnostic that offers it.</summary>
        private async Task<(CodeFixProvider, string, List<Diagnostic>)?> ChooseAsync(
            Project project, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var offers = new Dictionary<string, (CodeFixProvider Provider, List<Diagnostic> Diagnostics)>(StringComparer.Ordinal);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                Document? document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                (CodeFixProvider Provider, string Key)? best = null;
                int bestRank = int.MaxValue;
                foreach (CodeFixProvider provider in _providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var keys = new List<string>();
                    var context = new CodeFixContext(document, diagnostic, (action, _) => { if (action.EquivalenceKey is string key) { keys.Add(key); } }, cancellationToken);
                    await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                    foreach (string key in keys)
                    {
                        int rank = IndexOf(_preferredKeys, key);
                        if (rank >= 0 && rank < bestRank)
                        {
                            bestRank = rank;
                            best = (provider, key);
                        }
                    }
                }

                if (best is { } chosen)
                {
                    if (!offers.TryGetValue(chosen.Key, out var entry))
                    {
                        offers[chosen.Key] = entry = (chosen.Provider, new List<Diagnostic>());
                    }

                    entry.Diagnostics.Add(diagnostic);
                }
            }

            foreach (string key in _preferredKeys)
            {
                if (offers.TryGetValue(key, out var entry))
                {
                    return (entry.Provider, key, entry.Diagnostics);
                }
            }

            return null;
        }

        private static int IndexOf(IReadOnlyList<string> list, string value)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (string.Equals(list[i], value, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private static ImmutableArray<T> Instances<T>(Assembly assembly)
            where T : class
            => assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        /// <summary>Hands Fix All exactly the diagnostics chosen for its action kind.</summary>
        private sealed class GivenDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly List<Diagnostic> _diagnostics;

            public GivenDiagnostics(List<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath).ToList());

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
        }
    }
}
