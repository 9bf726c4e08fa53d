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
        private const string CompletionContextPrefix = "completion:";

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
    }
}
