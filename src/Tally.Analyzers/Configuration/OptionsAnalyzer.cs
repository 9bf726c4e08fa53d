using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.Configuration
{
    /// <summary>
    /// Reports <c>tally.*</c> keys in <c>.editorconfig</c> that Tally does not know and values it does not accept
    /// (TALLY008), which detection would otherwise ignore without a word.
    /// </summary>
    /// <remarks>
    /// An option has no place in source, so the diagnostic has no location (<see cref="Location.None"/>), like the
    /// compiler's own warnings about analyzer config files. It is reported from a syntax-tree action, for each tree whose
    /// options are wrong, rather than once at compilation end: per-document analysis in the IDE runs syntax-tree actions
    /// but not compilation-end actions, so the IDE and the build report the same problems. The build prints it once:
    /// the compiler drops duplicates of an identical diagnostic. The severity the tree's own options set for TALLY008
    /// (<c>dotnet_diagnostic.TALLY008.severity</c> in the section) is applied here, since the compiler applies only
    /// compilation-wide severities to diagnostics without a location.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OptionsAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.UnknownOptionKey,
            DiagnosticDescriptors.InvalidOptionValue);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                // Trees in the same folders share one options object: each distinct set is checked once.
                var checkedSets = new ConcurrentDictionary<AnalyzerConfigOptions, ImmutableArray<OptionProblem>>();

                // One instance per distinct problem: the compiler drops a diagnostic equal to one it already printed,
                // and diagnostics compare their message arguments by reference.
                var distinct = new ConcurrentDictionary<string, OptionProblem>(System.StringComparer.Ordinal);
                var provider = start.Options.AnalyzerConfigOptionsProvider;
                var severities = start.Compilation.Options.SyntaxTreeOptionsProvider;
                start.RegisterSyntaxTreeAction(tree =>
                {
                    var problems = checkedSets.GetOrAdd(
                        provider.GetOptions(tree.Tree),
                        options => OptionChecker.Check(options).Select(p => distinct.GetOrAdd(p.Key, p)).ToImmutableArray());
                    if (problems.IsEmpty)
                    {
                        return;
                    }

                    var configured = ReportDiagnostic.Default;
                    if (severities != null && severities.TryGetDiagnosticValue(tree.Tree, DiagnosticIds.InvalidOption, tree.CancellationToken, out var value))
                    {
                        configured = value;
                    }

                    if (configured == ReportDiagnostic.Suppress)
                    {
                        return;
                    }

                    foreach (var problem in problems)
                    {
                        var severity = configured.ToSeverity(problem.Descriptor.DefaultSeverity) ?? problem.Descriptor.DefaultSeverity; // Suppress returned above.
                        tree.ReportDiagnostic(Diagnostic.Create(problem.Descriptor, Location.None, severity, null, null, problem.MessageArguments));
                    }
                });
            });
        }
    }
}
