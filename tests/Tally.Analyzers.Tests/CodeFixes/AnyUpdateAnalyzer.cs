using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// A test-only analyzer that reports EVERY read-modify-write update of a field, an array element, or a local or parameter
/// captured by a lambda, at the span of the whole update: TALLY004 for static fields, TALLY005 for instance fields and
/// array elements, TALLY003 for captured locals. It lets the fix be tested on every shape and receiver, independently of
/// which of them the real analyzer decides to report.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AnyUpdateAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Static = Create(DiagnosticIds.StaticField);
    private static readonly DiagnosticDescriptor Instance = Create(DiagnosticIds.SharedInstance);
    private static readonly DiagnosticDescriptor Captured = Create(DiagnosticIds.ConcurrentCode);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Static, Instance, Captured);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            c => Report(c, ((IIncrementOrDecrementOperation)c.Operation).Target),
            OperationKind.Increment,
            OperationKind.Decrement);
        context.RegisterOperationAction(
            c => Report(c, ((ICompoundAssignmentOperation)c.Operation).Target),
            OperationKind.CompoundAssignment);
        context.RegisterOperationAction(
            c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                if (assignment.Value is IBinaryOperation binary && (Same(binary.LeftOperand, assignment.Target) || Same(binary.RightOperand, assignment.Target)))
                {
                    Report(c, assignment.Target);
                }

                // Running extremes: x = Math.Max(x, v), and if (v > x) x = v (reported on the assignment).
                if (assignment.Value is IInvocationOperation { TargetMethod: { Name: "Max" or "Min", ContainingType.Name: "Math" } } call
                    && call.Arguments.Any(a => Same(a.Value, assignment.Target)))
                {
                    Report(c, assignment.Target);
                }

                var guard = assignment.Parent?.Parent is IBlockOperation { Operations.Length: 1 } block ? block.Parent : assignment.Parent?.Parent;
                if (assignment.Parent is IExpressionStatementOperation && guard is IConditionalOperation { Condition: IBinaryOperation comparison }
                    && (Same(comparison.LeftOperand, assignment.Target) || Same(comparison.RightOperand, assignment.Target)))
                {
                    Report(c, assignment.Target);
                }
            },
            OperationKind.SimpleAssignment);
    }

    private static void Report(OperationAnalysisContext context, IOperation target)
    {
        DiagnosticDescriptor? descriptor = target switch
        {
            IFieldReferenceOperation { Field.IsStatic: true } => Static,
            IFieldReferenceOperation => Instance,
            IArrayElementReferenceOperation => Instance,
            ILocalReferenceOperation local when IsCaptured(local) => Captured,
            IPropertyReferenceOperation { Property.IsStatic: true } => Static,
            IPropertyReferenceOperation => Instance,
            _ => null,
        };

        if (descriptor is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(descriptor, context.Operation.Syntax.GetLocation()));
        }
    }

    private static bool IsCaptured(ILocalReferenceOperation local)
    {
        var declaration = local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        return declaration is not null && local.Syntax.Ancestors().Any(
            a => a is Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax
                && !a.Span.Contains(declaration.Span));
    }

    private static bool Same(IOperation a, IOperation b)
    {
        while (a is IConversionOperation { IsImplicit: true } ca)
        {
            a = ca.Operand;
        }

        if (a is IFieldReferenceOperation fa && b is IFieldReferenceOperation fb)
        {
            return SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field)
                && (fa.Instance is null || fa.Instance is IInstanceReferenceOperation
                    ? fb.Instance is null || fb.Instance is IInstanceReferenceOperation
                    : fa.Instance.Syntax.ToString() == fb.Instance?.Syntax.ToString());
        }

        return a.Kind == b.Kind && a.Syntax.ToString() == b.Syntax.ToString();
    }

    private static DiagnosticDescriptor Create(string id)
        => new(id, "Non-atomic update", "Non-atomic update", "Concurrency", DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
