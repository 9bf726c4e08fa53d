using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The per-tree half of re-armed accepts (ConcurrencyModel.ReArmedAccepts.cs): which methods of the type are passed
    /// as the completion callback of an APM accept (<c>listener.BeginAcceptTcpClient(OnAccepted, state)</c>), and which
    /// thread starts nobody waits for. Both are recorded as calls of pseudo functions, so the model finds them by key.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// The pseudo callee of an accept armed with a callback, followed by the callback's key: its callers are the
        /// functions that arm an accept completing into that callback.
        /// </summary>
        internal const string AcceptArmKeyPrefix = "acceptarm:";

        /// <summary>
        /// The pseudo callee of any APM operation (<c>Begin...</c> returning <c>IAsyncResult</c>) armed with a callback,
        /// followed by the callback's key: one run of its callers issues one operation per such call, which completes
        /// into the callback once (<c>BeginAuthenticateAsServer(..., OnAuthenticated, client)</c> per accepted client).
        /// </summary>
        internal const string ApmArmKeyPrefix = "apmarm:";

        /// <summary>
        /// The pseudo callee of a thread start whose task nobody waits for, followed by the started function's key: its
        /// caller is the function holding the start.
        /// </summary>
        internal const string UnjoinedStartKeyPrefix = "unjoinedstart:";

        /// <summary>
        /// An APM operation (a method named <c>Begin...</c> that returns <c>IAsyncResult</c>) whose <c>AsyncCallback</c>
        /// argument is a method of this type on <c>this</c> (or a static one): records that the calling function arms an
        /// operation completing into that method, and for an accept (<c>BeginAccept...</c>, every completion a new
        /// connection) that it arms an accept.
        /// </summary>
        private void AcceptArm(IInvocationOperation invocation, FunctionBuilder function)
        {
            var method = invocation.TargetMethod;
            if (!method.Name.StartsWith("Begin", System.StringComparison.Ordinal) || !IsAsyncResult(method.ReturnType))
            {
                return;
            }

            var accept = method.Name.StartsWith("BeginAccept", System.StringComparison.Ordinal);

            foreach (var argument in invocation.Arguments)
            {
                if (!IsAsyncCallback(argument.Parameter?.Type))
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                while (value is IDelegateCreationOperation creation)
                {
                    value = creation.Target.WalkDownConversions();
                }

                if (value is IMethodReferenceOperation reference && reference.Method.IsDeclaredInSource()
                    && (reference.Method.IsStatic || reference.Instance.WalkDownConversions() is IInstanceReferenceOperation)
                    && Key(reference.Method) is { } callbackKey)
                {
                    _summary.Calls.Add(new CallFact(function.Key, ApmArmKeyPrefix + callbackKey, null, escapes: false, onThis: true));
                    if (accept)
                    {
                        _summary.Calls.Add(new CallFact(function.Key, AcceptArmKeyPrefix + callbackKey, null, escapes: false, onThis: true));
                    }
                }
            }
        }

        /// <summary>
        /// A thread start (<c>Task.Run</c>, <c>StartNew</c>, <c>ThreadPool.QueueUserWorkItem</c>) of the same object's code
        /// whose task is dropped (a statement, a discard, or a local never awaited, waited for, returned or combined):
        /// the function holding it does not wait for the started code, so a later run of that function starts another
        /// copy while this one runs.
        /// </summary>
        private void UnjoinedStart(string functionKey, string enclosingKey, StartSite site, IOperation delegateOperation, bool sameThis)
        {
            if (sameThis && site.StartsThread && StartSite.IsUnjoinedStart(delegateOperation))
            {
                _summary.Calls.Add(new CallFact(enclosingKey, UnjoinedStartKeyPrefix + functionKey, null, escapes: false, onThis: true));
            }
        }

        private static bool IsAsyncResult(ITypeSymbol? type)
            => type is { Name: "IAsyncResult" } && type.ContainingNamespace?.ToDisplayString() == "System";

        private static bool IsAsyncCallback(ITypeSymbol? type)
            => type is { Name: "AsyncCallback" } && type.ContainingNamespace?.ToDisplayString() == "System";
    }
}
