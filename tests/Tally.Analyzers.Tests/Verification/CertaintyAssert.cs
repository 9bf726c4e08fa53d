using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>Assertions on a finding's <c>Certainty</c> property and the severity it is reported at by default.</summary>
public static class CertaintyAssert
{
    /// <summary>Exactly one finding, certain, reported as a warning.</summary>
    public static void SingleCertain(ImmutableArray<Diagnostic> diagnostics)
    {
        var diagnostic = Assert.Single(diagnostics);
        Assert.True(diagnostic.Properties.TryGetValue("Certainty", out var certainty), "no Certainty property on " + diagnostic);
        Assert.Equal("Certain", certainty);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    /// <summary>At least one finding, every one inferred and hidden (the default <c>tally.inferred_severity</c>).</summary>
    public static void AllInferred(ImmutableArray<Diagnostic> diagnostics)
    {
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, diagnostic =>
        {
            Assert.Equal("Inferred", diagnostic.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Hidden, diagnostic.Severity);
        });
    }

    /// <summary>The options that report inferred findings as suggestions, so that a test sees them.</summary>
    public static TestOptions InferredShown => new TestOptions { EditorConfig = "tally.inferred_severity = suggestion" };

    /// <summary>Exactly one finding of rule <paramref name="id"/>, with the given <c>Certainty</c> property.</summary>
    public static void SingleOf(string id, string certainty, ImmutableArray<Diagnostic> diagnostics)
    {
        var finding = Assert.Single(diagnostics, diagnostic => diagnostic.Id == id);
        Assert.Equal(certainty, finding.Properties["Certainty"]);
    }

    /// <summary>
    /// Fails unless <typeparamref name="TAnalyzer"/> reports exactly the spans marked in <paramref name="markup"/>, and
    /// its TALLY findings there are one certain warning (<paramref name="certain"/>) or all inferred and hidden.
    /// </summary>
    public static async Task ReportedAsync<TAnalyzer>(string markup, bool certain)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        await AnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(markup).ConfigureAwait(false);

        var diagnostics = (await AnalyzerVerifier<TAnalyzer>.GetDiagnosticsAsync(MarkupParser.Parse(markup).Text).ConfigureAwait(false))
            .Where(d => d.Id.StartsWith("TALLY", StringComparison.Ordinal)).ToImmutableArray();
        if (certain)
        {
            SingleCertain(diagnostics);
        }
        else
        {
            AllInferred(diagnostics);
        }
    }
}
