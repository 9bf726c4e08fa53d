using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.InterlockedMisuse;
using Tally.Analyzers;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>
    /// Computes the fix for a TALLY006/TALLY007 diagnostic from the semantic model of the node at its location,
    /// re-running the analyzer's own checks; returns null when there is no safe fix.
    /// </summary>
    internal static partial class InterlockedMisusePlanner
    {
        public static InterlockedMisuseFixPlan? TryPlan(SyntaxNode root, SemanticModel model, TallyOptions options, string diagnosticId, TextSpan span, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Create(model.Compilation);
            if (known.Interlocked is null || !root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var operation = model.GetOperation(node, cancellationToken);
            switch (diagnosticId)
            {
                case DiagnosticIds.NonAtomicInterlockedUse:
                    return PlanNonAtomicUse(operation, known, options, span, model);
                case DiagnosticIds.FieldReadAfterInterlocked:
                    return PlanReadAfter(operation, known, options, span, model);
                default:
                    return null;
            }
        }

        private static InterlockedMisuseFixPlan? PlanNonAtomicUse(IOperation? operation, KnownSymbols known, TallyOptions options, TextSpan span, SemanticModel model)
        {
            var call = operation switch
            {
                ISimpleAssignmentOperation { Value: IInvocationOperation invocation } => invocation,
                IInvocationOperation invocation => invocation,
                _ => null,
            };
            var kind = call is null ? InterlockedMethodKind.Other : InterlockedMethodKinds.KindOf(call.TargetMethod, known);
            if (call is null
                || kind == InterlockedMethodKind.Other
                || !InterlockedMisuseLocation.TryCreate(InterlockedMisuseFacts.GetArgument(call, 0)?.Value, out var location)
                || LockFinder.IsHeld(call, known, options))
            {
                return null;
            }

            var misuse = InterlockedMisuseFinder.Find(call, kind, location);
            if (misuse.Node is null || misuse.Node.Span != span)
            {
                return null;
            }

            switch (misuse.Kind)
            {
                case InterlockedMisuseKind.ResultStoredBack when kind.ReturnsNewValue():
                    return PlanRemoveStoreBack(misuse.Node, (InvocationExpressionSyntax)call.Syntax, call.TargetMethod.Name);

                case InterlockedMisuseKind.ValueReadsLocation:
                    return PlanAdd(call, location) ?? PlanCompareExchangeLoop(call, location, known, model);

                case InterlockedMisuseKind.SingleCompareExchange:
                    var comparand = InterlockedMisuseFacts.GetArgument(call, 2)?.Value?.WalkDownImplicitConversions();
                    return comparand is not null && InterlockedMisuseFacts.IsPlainReference(comparand) && location.IsReferencedBy(comparand)
                        ? PlanCompareExchangeLoop(call, location, known, model)
                        : null;

                default:
                    return null;
            }
        }

        /// <summary><c>x = Interlocked.Increment(ref x)</c> → <c>Interlocked.Increment(ref x)</c>: same value, one atomic write.</summary>
        private static InterlockedMisuseFixPlan PlanRemoveStoreBack(SyntaxNode assignment, InvocationExpressionSyntax invocation, string methodName)
            => new InterlockedMisuseFixPlan(
                $"Remove the write-back of Interlocked.{methodName}'s result",
                root => root.ReplaceNode(assignment, invocation.WithTriviaFrom(assignment)));

        /// <summary>
        /// The argument's syntax. The operation's own syntax is the inner expression when the argument is wrapped, as in
        /// <c>checked(x + n)</c>, so climb to the <see cref="ArgumentSyntax"/>.
        /// </summary>
        private static ArgumentSyntax? ArgumentSyntaxOf(IArgumentOperation? argument)
            => argument?.Syntax.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault();

        private static bool IsLocation(IOperation operand, StorageReference location)
            => operand.WalkDownImplicitConversions() is { } unwrapped && InterlockedMisuseFacts.IsPlainReference(unwrapped) && location.IsReferencedBy(unwrapped);
    }
}
