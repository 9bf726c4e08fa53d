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

/// <summary>Known bad: reports a diagnostic whose descriptor it does not declare in SupportedDiagnostics.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndeclaredIdAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IncrementAnalyzer.Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
#pragma warning disable RS1005 // deliberately reports an undeclared descriptor
        context.RegisterOperationAction(
            c => c.ReportDiagnostic(Diagnostic.Create(IncrementDecrementAnalyzer.DecrementRule, c.Operation.Syntax.GetLocation(), "x")),
            OperationKind.Increment);
#pragma warning restore RS1005
    }
}

/// <summary>Known bad: the correct toy analyzer, but without [DiagnosticAnalyzer], so no host would load it.</summary>
#pragma warning disable RS1001 // deliberately missing the attribute
public sealed class UnattributedAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private readonly IncrementAnalyzer _inner = new();

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    /// <inheritdoc/>
#pragma warning disable RS1025, RS1026 // the inner analyzer configures both
    public override void Initialize(AnalysisContext context) => _inner.Initialize(context);
#pragma warning restore RS1025, RS1026
}
