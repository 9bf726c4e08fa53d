using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// Reports <c>Interlocked</c> calls that do not make the update atomic as written (TALLY006) and fields read again
    /// right after an <c>Interlocked</c> update whose result was discarded (TALLY007).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class InterlockedMisuseAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxExpressionTextLength = 80;

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.NonAtomicInterlockedUse,
            DiagnosticDescriptors.FieldReadAfterInterlocked);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                // Known types and options are the ones the update rules use for this compilation (resolved and parsed once).
                var facts = CompilationFacts.For(start.Compilation, start.Options);
                var known = facts.Known;
                if (known.Interlocked is null)
                {
                    return;
                }

                var options = facts.Options;

                // The concurrency model (who else writes the field, under which lock, whether the step overlaps) is needed
                // only for an Interlocked call with reads after it: built then (facts.Model is lazy), from the per-tree
                // summaries the update rules share.
                var model = new Lazy<CompilationFacts>(() => facts, LazyThreadSafetyMode.PublicationOnly);

                // Options are looked up only for Interlocked calls, not for every invocation and block of the compilation.
                start.RegisterOperationAction(c => AnalyzeInvocation(c, known, options), OperationKind.Invocation);

                // TALLY007 is reported at a read in a later statement. Reported from the call's own action, that location
                // lies outside the analysed operation, so the driver files it as a compilation-wide diagnostic, which
                // per-document analysis (what the IDE shows for an open file) never returns. Analysed from the statement
                // list that holds both the call and the read, it stays local to the document.
                start.RegisterOperationAction(c => AnalyzeStatements(c, known, options, model), OperationKind.Block, OperationKind.SwitchCase);
            });
        }

        /// <summary>The Interlocked call's method, the storage it updates, the options of its tree, and whether a lock is held around it.</summary>
        private static bool TryGetTarget(IInvocationOperation call, KnownSymbols known, TallyOptionsCache optionsCache, ISymbol containingSymbol, out InterlockedMethodKind kind, out StorageReference location, out TallyOptions options, out bool locked)
        {
            kind = InterlockedMethodKinds.KindOf(call.TargetMethod, known);
            location = default;
            options = TallyOptions.Default;
            locked = false;
            if (kind == InterlockedMethodKind.Other
                || !InterlockedMisuseLocation.TryCreate(InterlockedMisuseFacts.GetArgument(call, 0)?.Value, out location))
            {
                return false;
            }

            options = optionsCache.Get(call.Syntax.SyntaxTree);
            locked = LockFinder.Find(call, known, options, containingSymbol).HasValue;
            return true;
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols known, TallyOptionsCache options)
        {
            var call = (IInvocationOperation)context.Operation;
            if (!TryGetTarget(call, known, options, context.ContainingSymbol, out var kind, out var location, out _, out var locked) || locked)
            {
                return;
            }

            var name = location.Symbol!.Name;
            var misuse = InterlockedMisuseFinder.Find(call, kind, location);
            switch (misuse.Kind)
            {
                case InterlockedMisuseKind.ResultStoredBack:
                    Report006(context, misuse.Node!, $"the value it returns is stored back into '{name}' by a separate write, so an update another thread makes between the call and that write is lost");
                    return;
                case InterlockedMisuseKind.ValueReadsLocation:
                    Report006(context, misuse.Node!, $"the new value is computed from a separate read of '{name}', so an update another thread makes between that read and the exchange is lost");
                    return;
                case InterlockedMisuseKind.SingleCompareExchange:
                    Report006(context, misuse.Node!, $"the new value and the comparand come from separate reads of '{name}' and the result is discarded, so the update is silently skipped whenever another thread changed '{name}' in between");
                    return;
            }
        }

        /// <summary>TALLY007 for each statement of a block or switch section that discards an Interlocked call's result.</summary>
        private static void AnalyzeStatements(OperationAnalysisContext context, KnownSymbols known, TallyOptionsCache optionsCache, Lazy<CompilationFacts> facts)
        {
            var statements = context.Operation switch
            {
                IBlockOperation block => block.Operations,
                ISwitchCaseOperation section => section.Body,
                _ => ImmutableArray<IOperation>.Empty,
            };
            foreach (var statement in statements)
            {
                var call = statement.AsStatementCall();
                if (call is not null
                    && call.DiscardingStatement() == statement
                    && TryGetTarget(call, known, optionsCache, context.ContainingSymbol, out var kind, out var location, out var options, out var locked)
                    && (kind.ReturnsNewValue() || kind == InterlockedMethodKind.Exchange)
                    && InterlockedMisuseFinder.Find(call, kind, location).Kind == InterlockedMisuseKind.None
                    && (!locked || OtherWriters.EscapeTheLock(call, location, facts.Value)))
                {
                    ReportReadAfter(context, call, location, known, options, facts, callersGate: !locked);
                }
                else if (call is not null && call.DiscardingStatement() == statement && call.TargetMethod.MethodKind == MethodKind.Ordinary
                    && InterlockedHelperSteps.TryGetStep(call, context.ContainingSymbol, known, out var stepped, out _))
                {
                    // A private helper whose only statement is the step (InterlockedHelperSteps.cs): the same re-reads follow it.
                    var helperOptions = optionsCache.Get(call.Syntax.SyntaxTree);
                    if (!LockFinder.Find(call, known, helperOptions, context.ContainingSymbol).HasValue)
                    {
                        ReportReadAfter(context, call, stepped, known, helperOptions, facts, callersGate: false);
                    }
                }
            }
        }

        /// <summary>
        /// TALLY007 for the reads after <paramref name="call"/>. The lock question is settled by the caller: a call under
        /// a lock comes here only when a writer elsewhere escapes that lock, and for any other call
        /// <see cref="TryGetTarget"/> found no lock with the same finder, so the scanner does not look again (its own
        /// look-up found the same member by position, <c>GetEnclosingSymbol</c>: in a trace of <c>own-cost</c>, a third of
        /// the time of the statement scans). <paramref name="callersGate"/>, for an Interlocked call with no lock of its
        /// own, asks whether its callers hold a gate every writer holds (WritersUnderCallersGate.cs), once reads are found;
        /// <paramref name="facts"/> (the concurrency model, built lazily) answers that and the overlap of KeptReReads.cs.
        /// </summary>
        private static void ReportReadAfter(OperationAnalysisContext context, IInvocationOperation call, StorageReference location, KnownSymbols known, TallyOptions options, Lazy<CompilationFacts> facts, bool callersGate)
        {
            var name = location.Symbol!.Name;
            var reads = InterlockedMisuseReadAfterScanner.FindReads(call, location, known, options, lockExcludesOtherWriters: false);
            IOperation? first = null;
            IOperation? last = null;
            var counted = new List<IOperation>();
            var others = new List<Location> { call.Syntax.GetLocation() };
            foreach (var read in reads)
            {
                if (last is null || read.Reference.Syntax.Span.End > last.Syntax.Span.End)
                {
                    last = read.Reference;
                }

                if (read.StandsForOwnResult)
                {
                    counted.Add(read.Reference);
                }

                if (first is null && read.StandsForOwnResult)
                {
                    first = read.Reference;
                }
                else
                {
                    others.Add(read.Reference.Syntax.GetLocation());
                }
            }

            if (first is null || SingleStoredValue.EveryWriteStoresTheSame(call, location, known, context.CancellationToken)
                || (callersGate && WritersUnderCallersGate.Hold(call, location, last!, facts.Value)))
            {
                return;
            }

            // Certain when one of the re-reads stands for the step's own result (returned, an index, stored, a decision
            // only this step's value may make); a value only displayed, sampled or checked against a limit, or only
            // tested for zero after an Increment or, to raise an idempotent signal, after the only kind of step down the
            // field takes (ZeroAfterIncrement.cs), or read after a swap that runs once per object (OnceGatedSwap.cs), is inferred and reported at
            // tally.inferred_severity, like TALLY001-005's inferred findings.
            // A value stored or decided on is certain only when the concurrency model also sees the step overlap
            // (KeptReReads.cs): the Interlocked call alone does not say that its callers run at once.
            var use = ReReadUses.Strongest(counted, location);
            var certainty = Certainties.Of(use.IsCertain() && !ZeroAfterIncrement.OnlyAsksForZero(call, counted, location, known)
                && !ZeroAfterIncrement.OnlySignalsAtZero(call, counted, location, known, context.CancellationToken)
                && !OnceGatedSwap.SwapsOnce(call, location, known, context.CancellationToken)
                && (!use.NeedsSeenOverlap() || KeptReReads.OverlapSeen(call, known, facts.Value)));
            var diagnostic = Certainties.Create(
                DiagnosticDescriptors.FieldReadAfterInterlocked,
                certainty,
                options,
                first.Syntax.GetLocation(),
                others,
                ImmutableDictionary<string, string?>.Empty,
                name,
                Shorten(call.Syntax.ToString()));
            if (diagnostic is not null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        private static void Report006(OperationAnalysisContext context, SyntaxNode node, string reason)
            => context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NonAtomicInterlockedUse,
                node.GetLocation(),
                Shorten(node.ToString()),
                reason));

        private static string Shorten(string text)
        {
            text = text.Replace("\r", " ").Replace("\n", " ");
            return text.Length <= MaxExpressionTextLength ? text : text.Substring(0, MaxExpressionTextLength - 3) + "...";
        }
    }
}
