using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>
/// Remembers the analyzer's diagnostics per <see cref="Project"/> snapshot, so Fix All (which asks once per document)
/// and the fix loop do not analyse the same immutable snapshot again.
/// </summary>
internal sealed class AnalysisCache
{
    private readonly ConditionalWeakTable<Project, Task<ImmutableArray<Diagnostic>>> _results = new();
    private readonly DiagnosticAnalyzer _analyzer;
    private readonly TestOptions _options;

    /// <summary>Creates a cache for one analyzer and the test's options.</summary>
    public AnalysisCache(DiagnosticAnalyzer analyzer, TestOptions options)
    {
        _analyzer = analyzer;
        _options = options;
    }

    /// <summary>The analyzer's diagnostics on <paramref name="project"/>; see <see cref="AnalyzerRunner.RunAsync"/>.</summary>
    public Task<ImmutableArray<Diagnostic>> GetAsync(Project project, string stage) =>
        _results.GetValue(project, p => AnalyzerRunner.RunAsync(p, _analyzer, _options, stage));
}
