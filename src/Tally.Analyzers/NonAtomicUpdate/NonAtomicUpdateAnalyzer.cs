using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Reports non-atomic read-modify-write updates (<c>x++</c>, <c>x += n</c>, <c>x = x + n</c>) of fields, auto-properties,
    /// array elements and captured locals when two writers can overlap without holding one common lock. Every update is
    /// decided by an operation action that asks the compilation's concurrency model (built once, lazily, from per-tree
    /// summaries cached across compilations), so a build and per-document analysis in the IDE give the same answer and
    /// nothing waits for the end of the compilation. See docs/detection-model.md.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NonAtomicUpdateAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<OperationKind> UpdateKinds = ImmutableArray.Create(
            OperationKind.Increment,
            OperationKind.Decrement,
            OperationKind.CompoundAssignment,
            OperationKind.SimpleAssignment);

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
                start.RegisterOperationAction(c => UpdateDecider.Analyze(c, facts), UpdateKinds);
            });
        }
    }
}
