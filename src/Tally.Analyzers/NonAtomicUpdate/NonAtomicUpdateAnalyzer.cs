using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Reports non-atomic read-modify-write updates (<c>x++</c>, <c>x += n</c>, <c>x = x + n</c>) of fields, auto-properties,
    /// array elements and captured locals that are shared between threads, naming the evidence that they are shared:
    /// TALLY001 synchronised elsewhere, TALLY002 volatile, TALLY003 runs concurrently, TALLY004 static, TALLY005 shared instance.
    /// One update gets at most one of them, the strongest.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NonAtomicUpdateAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<OperationKind> UpdateKinds = ImmutableArray.Create(
            OperationKind.Increment,
            OperationKind.Decrement,
            OperationKind.CompoundAssignment,
            OperationKind.SimpleAssignment);

        private static readonly ImmutableArray<OperationKind> TypeKinds = ImmutableArray.Create(
            OperationKind.Increment,
            OperationKind.Decrement,
            OperationKind.CompoundAssignment,
            OperationKind.SimpleAssignment,
            OperationKind.Invocation,
            OperationKind.Lock,
            OperationKind.AnonymousFunction,
            OperationKind.MethodReference);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.SynchronizedElsewhere,
            DiagnosticDescriptors.VolatileField,
            DiagnosticDescriptors.ConcurrentCode,
            DiagnosticDescriptors.StaticField,
            DiagnosticDescriptors.SharedInstance);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var facts = new CompilationFacts(start.Compilation, start.Options);
                start.RegisterOperationAction(c => LocalUpdateAnalysis.Analyze(c, facts), UpdateKinds);
                start.RegisterSymbolStartAction(
                    symbolStart =>
                    {
                        // A nested type's operations reach only its own symbol-start actions, so nested types share their
                        // top-level type's collector, which reports when the top-level type ends (after its nested types).
                        var type = (INamedTypeSymbol)symbolStart.Symbol;
                        var topLevel = type;
                        while (topLevel.ContainingType != null)
                        {
                            topLevel = topLevel.ContainingType;
                        }

                        var collector = facts.GetCollector(topLevel);
                        symbolStart.RegisterOperationAction(collector.Analyze, TypeKinds);
                        if (ReferenceEquals(type, topLevel) || SymbolEqualityComparer.Default.Equals(type, topLevel))
                        {
                            symbolStart.RegisterSymbolEndAction(end =>
                            {
                                facts.RemoveCollector(topLevel);
                                collector.Report(end);
                            });
                        }
                    },
                    SymbolKind.NamedType);
            });
        }
    }
}
