using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Tests.Harness.Toys;

/// <summary>TOY001 on increments, TOY002 on decrements: an analyzer with two IDs.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IncrementDecrementAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The decrement rule.</summary>
    public static readonly DiagnosticDescriptor DecrementRule = new(
        "TOY002", "Decrement", "Decrement of '{0}'", "Toy", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IncrementAnalyzer.Rule, DecrementRule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            c =>
            {
                var operation = (IIncrementOrDecrementOperation)c.Operation;
                var rule = c.Operation.Kind == OperationKind.Increment ? IncrementAnalyzer.Rule : DecrementRule;
                c.ReportDiagnostic(Diagnostic.Create(rule, operation.Syntax.GetLocation(), operation.Target.Syntax.ToString()));
            },
            OperationKind.Increment,
            OperationKind.Decrement);
    }
}

/// <summary>TOY001 on increments only when the editorconfig says <c>toy.report_increments = true</c> for the file.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptionReadingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IncrementAnalyzer.Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            c =>
            {
                var options = c.Options.AnalyzerConfigOptionsProvider.GetOptions(c.Operation.Syntax.SyntaxTree);
                if (options.TryGetValue("toy.report_increments", out string? value) && value == "true")
                {
                    c.ReportDiagnostic(Diagnostic.Create(IncrementAnalyzer.Rule, c.Operation.Syntax.GetLocation(), "x"));
                }
            },
            OperationKind.Increment);
    }
}
