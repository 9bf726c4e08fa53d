using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Tests.Harness.Toys;

/// <summary>A correct toy analyzer: TOY001 on every <c>++</c> expression, the whole expression as the span.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public class IncrementAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The toy rule.</summary>
    public static readonly DiagnosticDescriptor Rule = new(
        "TOY001", "Increment", "Increment of '{0}'", "Toy", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeMode);
        context.RegisterOperationAction(Analyze, OperationKind.Increment);
    }

    /// <summary>How generated code is treated; the correct toy does not analyse it.</summary>
    protected virtual GeneratedCodeAnalysisFlags GeneratedCodeMode => GeneratedCodeAnalysisFlags.None;

    /// <summary>Where the diagnostic goes; the correct toy uses the whole increment expression.</summary>
    protected virtual Location LocationOf(IIncrementOrDecrementOperation operation) => operation.Syntax.GetLocation();

    private void Analyze(OperationAnalysisContext context)
    {
        var operation = (IIncrementOrDecrementOperation)context.Operation;
        context.ReportDiagnostic(Diagnostic.Create(Rule, LocationOf(operation), operation.Target.Syntax.ToString()));
    }
}

/// <summary>Known bad: reports on the operand only, not the whole <c>x++</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WrongSpanIncrementAnalyzer : IncrementAnalyzer
{
    /// <inheritdoc/>
    protected override Location LocationOf(IIncrementOrDecrementOperation operation) => operation.Target.Syntax.GetLocation();
}

/// <summary>Known bad: analyses and reports in generated code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratedCodeIncrementAnalyzer : IncrementAnalyzer
{
    /// <inheritdoc/>
    protected override GeneratedCodeAnalysisFlags GeneratedCodeMode => GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;
}
