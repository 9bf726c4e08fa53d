using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Completion chains of <c>SocketAsyncEventArgs</c> (see <see cref="StartSite"/>'s completions): one context per
    /// event-args member, split by the operation a shared handler dispatches on.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// Separates a handler's key from an operation (<c>Receive</c>): the pseudo function of the handler's code in
        /// <c>case SocketAsyncOperation.Receive:</c>. It is called wherever the handler is, and started by the completions
        /// of the event args that run that operation.
        /// </summary>
        internal const string BranchKeySeparator = "|op:";

        /// <summary>
        /// Separates a function's key from an event-args member's: the pseudo function of the calls that process a
        /// synchronous completion of an operation started on that member (<c>if (!socket.ReceiveAsync(_args)) Process(_args);</c>).
        /// It is started as one more completion of the member's chain, not called by the function's callers.
        /// </summary>
        internal const string SynchronousKeySeparator = "|sync:";

        /// <summary>The context key of an event-args member's completion chain.</summary>
        internal const string CompletionContextPrefix = "completion:";

        /// <summary>
        /// The pseudo callee of a call that starts an operation on an event-args member (<c>socket.SendAsync(_args)</c>),
        /// followed by the member's key: the functions that start the member's next step (ConcurrencyModel.Chains.cs).
        /// </summary>
        internal const string ChainStartKeyPrefix = "chainstart:";

        /// <summary>The synchronous-completion pseudo functions of this tree that already have their entry.</summary>
        private System.Collections.Generic.HashSet<string>? _synchronousCompletions;

        /// <summary>
        /// The entries of a <c>Completed</c> subscription: the handler, and its branch for every operation the event args
        /// runs (every operation when none is seen). A per-instance member's are one context that does not overlap with
        /// itself; others overlap as before.
        /// </summary>
        private void SocketCompletionEntries(string functionKey, string enclosingKey, StartSite site, IOperation delegateOperation)
        {
            var context = site.CompletionArgs != null && Key(site.CompletionArgs) is { } argsKey ? CompletionContextPrefix + argsKey : null;
            var location = site.Syntax.GetLocation();
            var repeated = IsRepeated(site.Syntax, delegateOperation);
            var guarded = IsGuarded(delegateOperation);
            _summary.Entries.Add(new EntryFact(functionKey, enclosingKey, site.Description, location, site.Multiplicity, repeated, guarded, context));
            var operations = site.CompletionArgs != null ? StartSite.OperationsOn(site.CompletionArgs) : default;
            if (operations.IsDefaultOrEmpty)
            {
                operations = StartSite.AllSocketOperations;
            }

            foreach (var operation in operations)
            {
                _summary.Entries.Add(new EntryFact(functionKey + BranchKeySeparator + operation, enclosingKey, site.Description, location, site.Multiplicity, repeated, guarded, context));
            }
        }

        /// <summary>
        /// The caller key of a call: the function's, its branch's for a call in a <c>LastOperation</c> branch of a
        /// completion handler, or the synchronous completion's (with its entry) for a call processing one.
        /// </summary>
        private string CompletionCallerKey(IInvocationOperation invocation, FunctionBuilder function)
        {
            if (!(function.Symbol is IMethodSymbol method))
            {
                return function.Key;
            }

            if (StartSite.CompletionBranch(invocation, method) is { } operation)
            {
                return function.Key + BranchKeySeparator + operation;
            }

            if (StartSite.SynchronousCompletion(invocation) is { } args && Key(args) is { } argsKey)
            {
                var key = function.Key + SynchronousKeySeparator + argsKey;
                if ((_synchronousCompletions ??= new System.Collections.Generic.HashSet<string>()).Add(key))
                {
                    _summary.Entries.Add(new EntryFact(key, function.Key, "the synchronous completion of an operation on '" + args.Name + "'", invocation.Syntax.GetLocation(), Multiplicity.Once, repeated: false, contextKey: CompletionContextPrefix + argsKey));
                }

                return key;
            }

            return function.Key;
        }

        /// <summary>A call starting an operation on an event-args member, as a call of the member's pseudo function.</summary>
        private void ChainStart(IInvocationOperation invocation, FunctionBuilder function)
        {
            if (StartSite.ChainStartOn(invocation) is { } args && Key(args) is { } argsKey)
            {
                _summary.Calls.Add(new CallFact(CompletionCallerKey(invocation, function), ChainStartKeyPrefix + argsKey, null, escapes: false,
                    statement: StatementOf(invocation, out var unconditional), unconditional: unconditional, place: StatementPlace.Of(invocation)));
            }
        }

        /// <summary>
        /// Where <paramref name="operation"/> is among the statements of the function's body: twice the index of its
        /// statement, plus one when it does not run whenever that statement does (in a branch, a loop, a catch, the right
        /// operand of <c>&amp;&amp;</c>, <c>||</c> or <c>??</c>), so that an <c>if</c>'s condition comes before its branches;
        /// -1 when no statement is found. A call made through <c>?.</c> counts as made: on <c>null</c> nothing is started.
        /// </summary>
        private static int StatementOf(IOperation operation, out bool unconditional)
        {
            unconditional = true;
            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IBlockOperation block when block.Parent is IMethodBodyOperation or IConstructorBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                        var index = block.Operations.IndexOf(child);
                        return index < 0 ? -1 : (2 * index) + (unconditional ? 0 : 1);
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return -1;
                    case ILoopOperation:
                    case var branch when StatementPlace.IsConditionalPart(branch, child):
                        unconditional = false;
                        break;
                }
            }

            return -1;
        }
    }
}
