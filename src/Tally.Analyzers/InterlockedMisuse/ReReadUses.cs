using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// Classifies a TALLY007 re-read by where its value goes (<see cref="ReReadUse"/>). The walk climbs from the read
    /// through the operations that carry its value on (conversions, arithmetic, string building, <c>?:</c>, a member of
    /// it, a call whose result is used, a new object built from it) to the operation that consumes it, and follows a
    /// local (or by-value parameter) it is stored into to that local's later reads in the same block, a few hops deep.
    /// A pure function of the operation tree: no semantic model queries beyond the operations, no compilation scans.
    /// </summary>
    internal static partial class ReReadUses
    {
        /// <summary>How many locals a value is followed through (<c>var a = _n; var b = a + 1; return b;</c> is two).</summary>
        private const int MaxLocalHops = 3;

        /// <summary>Whether the use makes the finding certain (the re-read stands for this thread's own result).</summary>
        public static bool IsCertain(this ReReadUse use) => use <= ReReadUse.Decision;

        /// <summary>
        /// The use that decides a finding with several reads: the first certain one in order, else the first read's use.
        /// </summary>
        public static ReReadUse Strongest(IEnumerable<IOperation> reads, StorageReference location)
        {
            ReReadUse? first = null;
            foreach (var read in reads)
            {
                var use = Classify(read, location);
                if (use.IsCertain())
                {
                    return use;
                }

                first ??= use;
            }

            return first ?? ReReadUse.Other;
        }

        /// <summary>What <paramref name="read"/>, a read of <paramref name="location"/> after the step, is used for.</summary>
        public static ReReadUse Classify(IOperation read, StorageReference location) => Classify(read, location, default, 0);

        private static ReReadUse Classify(IOperation read, StorageReference location, Flow flow, int hops)
        {
            var current = read;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IReturnOperation:
                        return ReReadUse.Returned;

                    case IThrowOperation:
                        return ReReadUse.Thrown;

                    case IBinaryOperation binary:
                        flow = flow.Through(binary, current);
                        break;

                    case IIsPatternOperation:
                        flow = flow.Compare(relational: false);
                        break;

                    case IConditionalOperation conditional when conditional.Syntax is IfStatementSyntax:
                        return conditional.Condition == current ? Decide(conditional, location, flow) : ReReadUse.Other;

                    case ISwitchOperation switchStatement when switchStatement.Value == current:
                        return flow.Reduced ? ReReadUse.PeriodicSample : flow.ThroughCall ? ReReadUse.CallArgument : ReReadUse.Decision;

                    case IArrayElementReferenceOperation element when element.ArrayReference != current:
                        return ReReadUse.ElementIndex;

                    case IArgumentOperation argument:
                        var byArgument = ThroughArgument(argument, ref flow);
                        if (byArgument.HasValue)
                        {
                            return byArgument.Value;
                        }

                        parent = argument.Parent!;
                        break;

                    case IInvocationOperation invocation when invocation.Instance == current:
                        // A member call on the value (`_n.ToString()`): its result carries the value on when used; a call
                        // whose result is dropped acts on a swapped object (`_conn.Send(...)`), which is not a result.
                        if (!ResultIsUsed(invocation))
                        {
                            return ReReadUse.Other;
                        }

                        flow = flow.Call();
                        break;

                    case IAssignmentOperation assignment when assignment is ISimpleAssignmentOperation or ICompoundAssignmentOperation:
                        return assignment.Value == current ? IntoTarget(assignment.Target, assignment, location, flow, hops) : ReReadUse.Other;

                    case IVariableInitializerOperation when parent.Parent is IVariableDeclaratorOperation declarator:
                        return declarator.Symbol.IsRef ? ReReadUse.Other : FollowVariable(declarator.Symbol, declarator, location, flow, hops);

                    case IConversionOperation or IParenthesizedOperation or IUnaryOperation or ICoalesceOperation
                        or IConditionalOperation or IConditionalAccessOperation or ISwitchExpressionOperation or ISwitchExpressionArmOperation
                        or IInterpolationOperation or IInterpolatedStringOperation or IInterpolatedStringHandlerCreationOperation
                        or IInterpolatedStringAppendOperation or IInterpolatedStringAdditionOperation
                        or IObjectCreationOperation or IAnonymousObjectCreationOperation or ITupleOperation
                        or IArrayCreationOperation or IArrayInitializerOperation or IArrayElementReferenceOperation:
                        break;

                    case IMemberReferenceOperation member when member.Instance == current:
                        break;

                    default:
                        return ReReadUse.Other;
                }

                current = parent;
            }

            return ReReadUse.Other;
        }

        /// <summary>
        /// An argument: of an indexer or a collection's method (a key, an index, an element), of a call that writes through a
        /// <c>ref</c> argument (a store), of a constructor (the new object carries it on: null returned, the caller climbs),
        /// of a call whose result is used (carries it on, through a call), else of a call that consumes it.
        /// </summary>
        private static ReReadUse? ThroughArgument(IArgumentOperation argument, ref Flow flow)
        {
            switch (argument.Parent)
            {
                case IPropertyReferenceOperation:
                    return ReReadUse.ElementIndex;
                case IObjectCreationOperation:
                    return null;
                case IInvocationOperation invocation:
                    var isReceiver = invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0;
                    if (!isReceiver && IsCollection(ReceiverType(invocation)))
                    {
                        // A collection this call made (`var tags = new Dictionary<..>(); tags.Add("active", _n);`) is data
                        // being put together, no entry another thread files under; anything else is shared.
                        return MadeHere(invocation.Instance) ? ReReadUse.CallArgument : ReReadUse.CollectionEntry;
                    }

                    if (!isReceiver && WritesThroughReference(invocation, argument))
                    {
                        return ReReadUse.Stored;
                    }

                    if (!ResultIsUsed(invocation))
                    {
                        return isReceiver ? ReReadUse.Other : ReReadUse.CallArgument;
                    }

                    flow = flow.Call();
                    return null;
                default:
                    return ReReadUse.CallArgument;
            }
        }

        /// <summary>An assignment's target: storage that outlives the call, or a variable followed to its reads.</summary>
        private static ReReadUse IntoTarget(IOperation target, IOperation assignment, StorageReference location, Flow flow, int hops)
        {
            switch (target)
            {
                case IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation
                    or IEventReferenceOperation or IImplicitIndexerReferenceOperation or IDynamicMemberReferenceOperation
                    or IDynamicIndexerAccessOperation:
                    return ReReadUse.Stored;
                case IParameterReferenceOperation { Parameter.RefKind: not RefKind.None }:
                case ILocalReferenceOperation { Local.IsRef: true }:
                    return ReReadUse.Stored;
                case ILocalReferenceOperation local:
                    return FollowVariable(local.Local, assignment, location, flow, hops);
                case IParameterReferenceOperation parameter:
                    return FollowVariable(parameter.Parameter, assignment, location, flow, hops);
                default:
                    return ReReadUse.Other;
            }
        }

        /// <summary>
        /// A local or by-value parameter that took the value: the strongest use among its reads in the statements that
        /// follow, in the block that holds the assignment (reads in lambdas and local functions aside: they run later).
        /// </summary>
        private static ReReadUse FollowVariable(ISymbol variable, IOperation assignment, StorageReference location, Flow flow, int hops)
        {
            if (hops >= MaxLocalHops)
            {
                return ReReadUse.Other;
            }

            var statement = assignment;
            while (statement.Parent is { } parent && parent is not (IBlockOperation or ISwitchCaseOperation))
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return ReReadUse.Other;
                }

                statement = parent;
            }

            if (!InterlockedMisuseReadAfterScanner.TryGetFollowing(statement, out var siblings, out var index))
            {
                return ReReadUse.Other;
            }

            var reads = new List<IOperation>();
            for (var i = index + 1; i < siblings.Length; i++)
            {
                CollectReads(siblings[i], variable, reads);
            }

            ReReadUse? first = null;
            foreach (var read in reads)
            {
                var use = Classify(read, location, flow, hops + 1);
                if (use.IsCertain())
                {
                    return use;
                }

                first ??= use;
            }

            return first ?? ReReadUse.Other;
        }

        private static void CollectReads(IOperation operation, ISymbol variable, List<IOperation> reads)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation or INameOfOperation:
                    return;
                case ILocalReferenceOperation local when SymbolEqualityComparer.Default.Equals(local.Local, variable):
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable):
                    reads.Add(operation);
                    return;
            }

            foreach (var child in operation.ChildOperations)
            {
                CollectReads(child, variable, reads);
            }
        }

        /// <summary>
        /// The <c>if</c> the value decides. A reduced value samples periodically, a value seen through a call is that call's
        /// verdict, branches that only leave a loop end a scan early, a relational test whose branches go on (no leaving,
        /// no write of the field) asks "past the limit now": inferred. Every other decision is the step's own: certain.
        /// </summary>
        private static ReReadUse Decide(IConditionalOperation branch, StorageReference location, Flow flow)
        {
            if (flow.Reduced)
            {
                return ReReadUse.PeriodicSample;
            }

            if (flow.ThroughCall)
            {
                return ReReadUse.CallArgument;
            }

            if (OnlyLeavesALoop(branch.WhenTrue) && (branch.WhenFalse is null || OnlyLeavesALoop(branch.WhenFalse)))
            {
                return ReReadUse.EarlyExit;
            }

            if (flow.Relational
                && InterlockedMisuseThresholdChecks.KeepsItsCourse(branch.WhenTrue, location)
                && (branch.WhenFalse is null || InterlockedMisuseThresholdChecks.KeepsItsCourse(branch.WhenFalse, location)))
            {
                return ReReadUse.LimitCheck;
            }

            return ReReadUse.Decision;
        }
    }
}
