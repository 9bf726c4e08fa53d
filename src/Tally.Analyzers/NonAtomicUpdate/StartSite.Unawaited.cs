using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Fire and forget: a call of an async method whose task nobody awaits.</summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// Whether <paramref name="call"/> calls an async method of the compilation that awaits something (so it runs on
        /// by itself from its first await) and nobody waits for its task: the call is a statement of its own or
        /// discarded (<c>_ = RunAsync()</c>), or its task goes into a local that the function never awaits, waits for,
        /// returns or hands to <c>Task.WhenAll</c> (it may be stored in a collection or continued). Returns the
        /// description for messages, or <c>null</c>.
        /// </summary>
        public static string? FindUnawaited(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            if (!method.IsAsync || method.ReturnsVoid)
            {
                return null;
            }

            // The call's own shape first: most calls of async methods are awaited, and the callee's syntax is not read for them.
            var taskLocal = call.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } ? declarator.Symbol : null;
            var dropped = taskLocal != null
                || call.Parent is IExpressionStatementOperation
                || (call.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } discard && discard.Parent is IExpressionStatementOperation);
            if (!dropped || !AwaitsSomething(method) || (taskLocal != null && !NeverWaitedFor(taskLocal, call)))
            {
                return null;
            }

            return "an unawaited call of the async method '" + method.Name + "'";
        }

        /// <summary>Whether the method's own body (not its lambdas or local functions) holds an await, an <c>await foreach</c> or an <c>await using</c>.</summary>
        private static bool AwaitsSomething(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax().HoldsSuspension())
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether no use of <paramref name="task"/> in the enclosing function waits for it, returns it or hands it to a combinator.</summary>
        private static bool NeverWaitedFor(ILocalSymbol task, IOperation call)
        {
            var root = call.Root();

            foreach (var use in root.Descendants())
            {
                if (!(use is ILocalReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Local, task))
                {
                    continue;
                }

                for (IOperation? up = use.Parent; up != null; up = up.Parent)
                {
                    switch (up)
                    {
                        case IAwaitOperation:
                        case IReturnOperation:
                        case IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAll" or "WaitAny" or "WhenAll" or "WhenAny" or "GetAwaiter" or "ConfigureAwait" }:
                        case IPropertyReferenceOperation { Property.Name: "Result" }:
                            return false;
                        case IInvocationOperation invocation when invocation.Instance != null && invocation.Instance.WalkDownConversions() == use:
                            break; // task.ContinueWith(...): a continuation, not a wait; its own uses end here.
                        case IArgumentOperation:
                        case IConversionOperation:
                        case IArrayInitializerOperation:
                        case IArrayCreationOperation:
                        case IParenthesizedOperation:
                            continue;
                        default:
                            break;
                    }

                    if (!(up is IArgumentOperation or IConversionOperation))
                    {
                        break;
                    }
                }
            }

            return true;
        }
    }
}
