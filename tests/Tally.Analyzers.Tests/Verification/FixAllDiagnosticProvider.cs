using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>Gives a <see cref="FixAllContext"/> the analyzer's diagnostics, computed on whatever solution it asks about.</summary>
internal sealed class FixAllDiagnosticProvider : FixAllContext.DiagnosticProvider
{
    private readonly AnalysisCache _analysis;

    /// <summary>Creates the provider over the analysis of one analyzer.</summary>
    public FixAllDiagnosticProvider(AnalysisCache analysis)
    {
        _analysis = analysis;
    }

    /// <inheritdoc/>
    public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
        await RunAsync(project, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
    {
        SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
        ImmutableArray<Diagnostic> all = await RunAsync(document.Project, cancellationToken).ConfigureAwait(false);
        return all.Where(d => d.Location.IsInSource && d.Location.SourceTree == tree).ToList();
    }

    /// <inheritdoc/>
    public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        ImmutableArray<Diagnostic> all = await RunAsync(project, cancellationToken).ConfigureAwait(false);
        return all.Where(d => !d.Location.IsInSource).ToList();
    }

    private Task<ImmutableArray<Diagnostic>> RunAsync(Project project, CancellationToken cancellationToken) =>
        _analysis.GetAsync(project, "the code given to Fix All");
}
