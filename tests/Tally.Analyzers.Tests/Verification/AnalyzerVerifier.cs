using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>Verifies the diagnostics of <typeparamref name="TAnalyzer"/> against markup in test sources.</summary>
/// <typeparam name="TAnalyzer">The analyzer under test.</typeparam>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>
    /// Fails unless the analyzer reports exactly the diagnostics marked in <paramref name="markup"/> (and in
    /// <see cref="TestOptions.AdditionalSources"/>): <c>[|...|]</c> for the analyzer's only ID or
    /// <see cref="TestOptions.DefaultDiagnosticId"/>, <c>{|ID:...|}</c> for a given ID. Also fails on compiler errors the
    /// test does not allow, on analyzer exceptions, and on diagnostics under an auto-generated header or
    /// <c>#pragma warning disable</c>.
    /// </summary>
    /// <param name="markup">The test source with markup.</param>
    /// <param name="options">The test options; <see cref="TestOptions.Default"/> when null.</param>
    public static async Task VerifyAnalyzerAsync([StringSyntax("C#-test")] string markup, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        ExtensionAttributes.CheckAnalyzer(typeof(TAnalyzer));
        var analyzer = new TAnalyzer();
        MarkedSources sources = MarkedSources.Parse(markup, options, analyzer);
        Project project = TestWorkspace.CreateProject(sources.Texts, options);
        ImmutableArray<Diagnostic> actual = await AnalyzerRunner.RunAsync(project, analyzer, options, "the test source").ConfigureAwait(false);
        DiagnosticComparer.AssertMatch(sources.Texts, sources.Expected, actual, "the test source");
        await SuppressionChecks.RunAsync(sources.Texts, analyzer, options).ConfigureAwait(false);
    }

    /// <summary>
    /// The analyzer's diagnostics on <paramref name="source"/> (markup, if any, is removed and ignored), sorted by
    /// document and position, for assertions on messages, properties and additional locations. Fails on compiler
    /// errors the test does not allow and on analyzer exceptions.
    /// </summary>
    /// <param name="source">The test source.</param>
    /// <param name="options">The test options; <see cref="TestOptions.Default"/> when null.</param>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync([StringSyntax("C#-test")] string source, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        ExtensionAttributes.CheckAnalyzer(typeof(TAnalyzer));
        var analyzer = new TAnalyzer();
        ImmutableArray<string> texts = MarkedSources.StripMarkup(new[] { source }.Concat(options.AdditionalSources).ToList());
        Project project = TestWorkspace.CreateProject(texts, options);
        return await AnalyzerRunner.RunAsync(project, analyzer, options, "the test source").ConfigureAwait(false);
    }
}
