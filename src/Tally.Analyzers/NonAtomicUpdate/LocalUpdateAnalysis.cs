using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// TALLY003 for locals and parameters captured by code that runs concurrently (<c>Parallel.For(0, n, i =&gt; count++)</c>).
    /// Needs no per-type evidence, so it reports right away; it also works in top-level statements.
    /// </summary>
    internal static class LocalUpdateAnalysis
    {
        /// <summary>Decides <paramref name="target"/>, an update of a local or parameter (<see cref="TargetKind.Local"/>).</summary>
        public static void Analyze(OperationAnalysisContext context, UpdateTarget target, CompilationFacts facts)
        {
            var options = facts.Options.Get(context.Operation.Syntax.SyntaxTree);
            if (!options.IsOn(EvidenceKinds.Concurrent))
            {
                return;
            }

            var references = target.Storage.DeclaringSyntaxReferences;
            if (references.Length != 1 || references[0].SyntaxTree != context.Operation.Syntax.SyntaxTree)
            {
                return;
            }

            if (AbsorbedBoolUpdate.NeverChanges(context.Operation, target.Storage))
            {
                return;
            }

            var declaration = references[0].Span;
            var site = FindConcurrentCapture(context.Operation, declaration, facts.Known, options, out var certain)
                ?? FindOtherSideWriter(context.Operation, target.Storage, declaration, facts.Known, options);
            if (site == null || LockFinder.Find(context.Operation, facts.Known, options, context.ContainingSymbol).HasValue)
            {
                return;
            }

            var index = target.Reference is IArrayElementReferenceOperation
                ? UpdateDecider.ParallelIndexOf(target, UpdateContext.Create(context.Operation, context.ContainingSymbol, facts.Known, options), derived: certain)
                : ParallelIndex.None;
            if (index == ParallelIndex.Iteration)
            {
                return;
            }

            // An index computed from the iteration variable (a row per iteration, most likely): inferred, not proven.
            certain &= index != ParallelIndex.Derived;

            // Certain only when the capture runs in a fan-out (its copies run at once by construction); a thread paired
            // with the code that started it is inferred (Certainty.cs).
            var diagnostic = Certainties.Create(
                DiagnosticDescriptors.ConcurrentCode,
                Certainties.Of(certain),
                options,
                context.Operation.Syntax.GetLocation(),
                new[] { site.Syntax.GetLocation() },
                System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add("TargetKind", target.Kind.ToString()).Add("Evidence", "Concurrent"),
                target.DisplayName,
                target.UpdateText,
                site.Description);
            if (diagnostic != null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>
        /// A captured local written on both sides of a start: by a lambda that runs once on another thread (a consumer
        /// started with Task.Run) and by the code that started it, or the other way round. The start site, if so.
        /// </summary>
        private static StartSite? FindOtherSideWriter(IOperation update, ISymbol local, TextSpan declaration, KnownSymbols known, TallyOptions options)
        {
            var own = StartOf(update, declaration, known, options);
            var root = update.Root();

            foreach (var descendant in root.Descendants())
            {
                if (descendant == update || !IsWriteOf(descendant, local, out var isUpdate))
                {
                    continue;
                }

                var other = StartOf(descendant, declaration, known, options);
                if (other.Lambda == own.Lambda)
                {
                    continue;
                }

                // A plain write counts only after the start (an initial 'x = 0' before Task.Run does not race with it).
                var start = own.Site ?? other.Site;
                if (start == null || (!isUpdate && descendant.Syntax.SpanStart < start.Syntax.SpanStart))
                {
                    continue;
                }

                return start;
            }

            return null;
        }

        private static (IOperation? Lambda, StartSite? Site) StartOf(IOperation operation, TextSpan declaration, KnownSymbols known, TallyOptions options)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda && !lambda.Syntax.Span.Contains(declaration))
                {
                    var site = StartSite.Find(lambda, known, options);
                    if (site != null)
                    {
                        return (lambda, site);
                    }
                }
            }

            return (null, null);
        }

        private static bool IsWriteOf(IOperation operation, ISymbol local, out bool isUpdate)
        {
            isUpdate = operation is IIncrementOrDecrementOperation or ICompoundAssignmentOperation;
            var target = operation switch
            {
                IIncrementOrDecrementOperation increment => increment.Target,
                ICompoundAssignmentOperation compound => compound.Target,
                ISimpleAssignmentOperation assignment => assignment.Target,
                _ => null,
            };
            return target.WalkDownConversions() is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        /// <summary>
        /// The start site whose concurrent runs capture the variable, if any; <paramref name="certain"/> when those runs
        /// are copies started together (a fan-out, or a thread start that runs repeatedly while the variable lives).
        /// </summary>
        private static StartSite? FindConcurrentCapture(IOperation update, TextSpan declaration, KnownSymbols known, TallyOptions options, out bool certain)
        {
            certain = false;
            for (var parent = update.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    if (parent.Syntax.Span.Contains(declaration))
                    {
                        return null; // Declared in this function: each run has its own.
                    }

                    var site = parent is IAnonymousFunctionOperation lambda
                        ? StartSite.Find(lambda, known, options)
                        : FindLocalFunctionSite((ILocalFunctionOperation)parent, declaration, known, options);
                    if (site != null && !site.OnlySharedState)
                    {
                        certain = site.FansOut || (site.StartsThread && StartSite.StartsRepeatedly(parent, known, options, declaration));
                        return site.RunsManyTimes || RunsRepeatedly(parent, declaration) ? site : null;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Where a local function runs concurrently: passed as a method group to a start site, or called from a concurrent
        /// lambda that does not itself declare the captured variable.
        /// </summary>
        private static StartSite? FindLocalFunctionSite(ILocalFunctionOperation function, TextSpan declaration, KnownSymbols known, TallyOptions options)
        {
            var root = function.Parent?.Root();

            if (root == null)
            {
                return null;
            }

            foreach (var descendant in root.Descendants())
            {
                if (descendant is IMethodReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Method, function.Symbol))
                {
                    var site = StartSite.Find(reference, known, options);
                    if (site != null)
                    {
                        return site;
                    }
                }
                else if (descendant is IInvocationOperation invocation
                    && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod, function.Symbol))
                {
                    for (var parent = invocation.Parent; parent != null && parent != function; parent = parent.Parent)
                    {
                        if (parent is IAnonymousFunctionOperation lambda && !lambda.Syntax.Span.Contains(declaration))
                        {
                            var site = StartSite.Find(lambda, known, options);
                            if (site != null)
                            {
                                return site.RunsManyTimes || RunsRepeatedly(lambda, declaration) ? site : null;
                            }
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the start site around <paramref name="function"/> may run several times while the captured variable
        /// lives (a loop whose passes each await the start's task runs it again only after the earlier run ended).
        /// </summary>
        private static bool RunsRepeatedly(IOperation function, TextSpan declaration)
        {
            for (var parent = function.Parent; parent != null; parent = parent.Parent)
            {
                if (parent.Syntax.Span.Contains(declaration))
                {
                    return false;
                }

                if ((parent is ILoopOperation loop && !StartSite.IsAwaitedInPass(function, loop)) || parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
