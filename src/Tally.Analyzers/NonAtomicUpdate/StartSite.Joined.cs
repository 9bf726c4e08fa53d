using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>A start its own expression waits for at once (sync over async): not a start at all.</summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// Whether the task that <paramref name="start"/> (<c>Task.Run</c>, <c>StartNew</c>) returns is waited for in the
        /// same expression by a wait that returns only when the task is done: <c>Task.Run(work).Wait()</c>,
        /// <c>.Result</c>, <c>.GetAwaiter().GetResult()</c> (with <c>ConfigureAwait</c> between or not). The starting
        /// thread blocks until the started code ends, so the started code runs as if the starter called it: it overlaps
        /// with nothing the starter's own call would not. So is a task kept in a local that the next statements wait for
        /// with nothing but checks of the task between (<see cref="JoinedThroughLocal"/>: a helper that runs a delegate on
        /// an empty stack). An <c>await</c> is not such a join (the awaiting method returns to its caller, which may start
        /// the work again), nor is a wait with a timeout or a token (it may return first), nor a wait after other code.
        /// </summary>
        public static bool IsJoinedAtOnce(IInvocationOperation start)
        {
            var task = Up(start);
            switch (task.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Wait", Arguments.Length: 0 } wait when wait.Instance == task:
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == task:
                    return true;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when configure.Instance == task:
                    return AwaiterResult(Up(configure));
                default:
                    return AwaiterResult(task) || (TaskEndingWithWork(start) is { } ending && JoinedThroughLocal(ending)); // StartSite.JoinedThroughLocal.cs
            }
        }

        /// <summary>
        /// Whether <paramref name="invoke"/> (<c>Parallel.Invoke</c>) is given exactly one action, written in the call
        /// (<c>Parallel.Invoke(options, () =&gt; Loop(token))</c>, or a one-element array created there): it runs that
        /// action once and returns when it ends, so the action runs as the caller's call, not as copies at once. An
        /// array of actions made elsewhere may hold many: still a fan-out.
        /// </summary>
        public static bool InvokesOneAction(IInvocationOperation invoke)
        {
            foreach (var argument in invoke.Arguments)
            {
                if (argument.Parameter?.IsParams == true)
                {
                    return argument.Value is IArrayCreationOperation { Initializer.ElementValues.Length: 1 };
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="awaitable"/> is waited for by <c>.GetAwaiter().GetResult()</c>.</summary>
        private static bool AwaiterResult(IOperation awaitable)
            => awaitable.Parent is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Arguments.Length: 0 } awaiter && awaiter.Instance == awaitable
                && Up(awaiter).Parent is IInvocationOperation { TargetMethod.Name: "GetResult", Arguments.Length: 0 } getResult && getResult.Instance == Up(awaiter);

        private static IOperation Up(IOperation operation)
        {
            while (operation.Parent is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }
    }
}
