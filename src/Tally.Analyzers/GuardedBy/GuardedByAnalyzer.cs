using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.Analyzers.GuardedBy
{
    /// <summary>
    /// Reports writes and updates of a field or property annotated <c>[GuardedBy("_gate")]</c> made without holding that
    /// lock (TALLY009). The annotation is a promise the code makes to its readers; this checks the writers keep it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GuardedByAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Enclosing locks looked at per write: nested locks deeper than this are not searched further.</summary>
        private const int MaxEnclosingLocks = 8;

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.GuardedByViolation);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // The known types and options of the compilation, shared with Tally's other analyzers.
                var facts = CompilationFacts.For(start.Compilation, start.Options);
                var known = facts.Known;
                var options = facts.Options;
                start.RegisterOperationAction(
                    c => Analyze(c, known, options),
                    OperationKind.FieldReference,
                    OperationKind.PropertyReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known, TallyOptionsCache optionsCache)
        {
            var reference = (IMemberReferenceOperation)context.Operation;

            // Most references are reads: a look at the parent rules them out before the member's attributes are read
            // (for a member of a referenced assembly, decoded from metadata on first use).
            var write = GuardedWrite.Find(reference, out var kind);
            if (write == null)
            {
                return;
            }

            var member = reference.Member;
            var lockName = GuardedByAnnotation.LockNameOf(member.OriginalDefinition);
            if (lockName == null || IsConstruction(reference, member, context.ContainingSymbol))
            {
                return;
            }

            var options = optionsCache.Get(reference.Syntax.SyntaxTree);
            if (HoldsLock(write, lockName, member, known, options, context.ContainingSymbol))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.GuardedByViolation,
                write.Syntax.GetLocation(),
                member.Name,
                kind,
                lockName));
        }

        /// <summary>
        /// Whether one of the locks around <paramref name="write"/> is the named one. A lock whose object cannot be told
        /// (<c>lock (Locks.For(x))</c>) counts as held: the analyzer reports only what it can show.
        /// </summary>
        private static bool HoldsLock(IOperation write, string lockName, ISymbol member, KnownSymbols known, TallyOptions options, ISymbol? containing)
        {
            var from = write;
            for (var depth = 0; depth < MaxEnclosingLocks; depth++)
            {
                var held = LockFinder.Find(from, known, options, containing);
                if (held == null)
                {
                    return false;
                }

                var symbol = held.Value.LockSymbol;
                if (symbol == null || GuardedByAnnotation.Names(lockName, symbol, member))
                {
                    return true;
                }

                // Look outside this lock: continue from the innermost enclosing operation that contains where it is taken.
                var outer = from.Parent;
                while (outer != null && !outer.Syntax.Span.Contains(held.Value.Syntax.Span))
                {
                    outer = outer.Parent;
                }

                if (outer == null || outer.Syntax.SyntaxTree != held.Value.Syntax.SyntaxTree)
                {
                    return false;
                }

                from = outer;
            }

            return false;
        }

        /// <summary>
        /// Constructors (static ones for static members) writing their own object's member, and object initializers,
        /// run before any other thread can see the object.
        /// </summary>
        private static bool IsConstruction(IMemberReferenceOperation reference, ISymbol member, ISymbol? containing)
        {
            if (reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                return true;
            }

            if (containing is not IMethodSymbol method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, member.ContainingType?.OriginalDefinition))
            {
                return false;
            }

            return member.IsStatic
                ? method.MethodKind == MethodKind.StaticConstructor
                : method.MethodKind == MethodKind.Constructor && reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
        }
    }
}
