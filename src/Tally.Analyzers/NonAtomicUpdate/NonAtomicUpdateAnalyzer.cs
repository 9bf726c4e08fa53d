using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;

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
                var facts = CompilationFacts.For(start.Compilation, start.Options);
                // One action for both kinds of storage: the update is recognised once, and the driver makes one callback per
                // assignment instead of two (most assignments are not updates).
                start.RegisterOperationAction(
                    c =>
                    {
                        var target = UpdateTarget.TryCreate(c.Operation);
                        if (target == null)
                        {
                            return;
                        }

                        if (target.Kind == TargetKind.Local)
                        {
                            LocalUpdateAnalysis.Analyze(c, target, facts);
                        }
                        else
                        {
                            UpdateDecider.Analyze(c, target, facts);
                        }
                    },
                    UpdateKinds);
            });
        }
    }
}
