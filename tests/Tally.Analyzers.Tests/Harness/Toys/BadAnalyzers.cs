using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.Tests.Harness.Toys;

/// <summary>Known bad: throws on every increment.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IncrementAnalyzer.Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(_ => throw new InvalidOperationException("toy analyzer failure"), OperationKind.Increment);
    }
}

/// <summary>
/// Known bad: its diagnostic is not configurable, so <c>#pragma warning disable</c> does not suppress it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsuppressibleAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor s_rule = new(
        "TOY009", "Increment", "Increment", "Toy", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        customTags: WellKnownDiagnosticTags.NotConfigurable);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(c => c.ReportDiagnostic(Diagnostic.Create(s_rule, c.Operation.Syntax.GetLocation())), OperationKind.Increment);
    }
}
