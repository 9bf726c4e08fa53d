using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// A start in a loop whose task each pass awaits before the next pass can begin: the loop runs its delegate again,
    /// but never while the earlier run still runs, so the loop gives the start no second concurrent instance.
    /// </summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// Whether the start that receives <paramref name="delegateOperation"/> (<c>Task.Run</c>, or
        /// <c>Task.Factory.StartNew</c> whose task ends with its delegate) has its task awaited, or waited for, in the
        /// same pass of <paramref name="loop"/> on every path that reaches the next pass:
        /// <list type="bullet">
        /// <item>in its own expression: <c>await Task.Run(work)</c>, through <c>.ConfigureAwait(...)</c>, or through
        /// <c>.WaitAsync(token)</c> when the start is given that same token (the wait ends early only when the start is
        /// cancelled too: a start not yet running then never runs);</item>
        /// <item>through a local: <c>var t = Task.Run(work); ...; await t;</c> where the await (or <c>t.Wait()</c>,
        /// <c>t.Result</c>, <c>t.GetAwaiter().GetResult()</c>) is a later statement of the same block, no statement
        /// between them may branch (<c>continue</c>, <c>break</c>, <c>goto</c>) or write the local, and no
        /// <c>try</c> with a <c>catch</c> lies between that block and the loop (a caught exception would start the next
        /// pass with the task still running).</item>
        /// </list>
        /// A wait with a timeout (<c>WaitAsync(TimeSpan)</c>, <c>Wait(ms)</c>), a token the start is not given, a task
        /// collected and awaited after the loop (<c>Task.WhenAll</c>) or awaited only on some paths: not so, the loop may
        /// start the delegate again while an earlier run still runs. When unsure, not so.
        /// </summary>
        public static bool IsAwaitedInPass(IOperation delegateOperation, ILoopOperation loop)
        {
            var start = StartTaking(delegateOperation);
            var task = start == null ? null : TaskEndingWithWork(start);
            if (start == null || task == null)
            {
                return false;
            }

            return AwaitedHere(task, start) || AwaitedLaterInBlock(task, start, loop);
        }

        /// <summary>
        /// Whether the start that receives <paramref name="delegateOperation"/> (<c>Task.Run</c>, or <c>StartNew</c> whose
        /// task ends with its delegate) is awaited, or waited for, in its own expression: the code after it runs when the
        /// delegate has returned (busy-flag sections, TreeSummarizer.BusyFlags.cs).
        /// </summary>
        public static bool IsAwaitedWhereStarted(IOperation delegateOperation)
        {
            var start = StartTaking(delegateOperation);
            var task = start == null ? null : TaskEndingWithWork(start);
            return start != null && task != null && AwaitedHere(task, start);
        }

        /// <summary>The <c>Task.Run</c> or <c>StartNew</c> call that receives <paramref name="delegateOperation"/> as an argument.</summary>
        private static IInvocationOperation? StartTaking(IOperation delegateOperation)
        {
            var parent = delegateOperation.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is not IArgumentOperation { Parent: IInvocationOperation start } || start.TargetMethod.ContainingType is not { } type
                || type.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
            {
                return null;
            }

            return (type.Name == "Task" && start.TargetMethod.Name == "Run") || (type.Name == "TaskFactory" && start.TargetMethod.Name == "StartNew") ? start : null;
        }

        /// <summary>
        /// The expression whose task completes when the started delegate does: <c>Task.Run</c>'s own (it unwraps an async
        /// delegate), <c>StartNew</c>'s when its delegate returns no task, or its <c>.Unwrap()</c>; otherwise <c>null</c>.
        /// </summary>
        private static IOperation? TaskEndingWithWork(IInvocationOperation start)
        {
            var task = Up(start);
            if (start.TargetMethod.Name == "Run" || start.Type is not INamedTypeSymbol { IsGenericType: true } result || !IsAwaitableTask(result.TypeArguments[0]))
            {
                return task;
            }

            // TaskExtensions.Unwrap is an extension method: the task is its first argument.
            return task.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Unwrap" } unwrap } ? Up(unwrap) : null;
        }

        private static bool IsAwaitableTask(ITypeSymbol type)
            => type.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        /// <summary>
        /// Whether <paramref name="task"/> is awaited where it stands (through <c>WaitAsync(token)</c> with the start's
        /// own token and <c>ConfigureAwait</c>), or waited for by <c>Wait()</c>, <c>.Result</c> or
        /// <c>.GetAwaiter().GetResult()</c>; <paramref name="joined"/> is the operation that ends when the task has.
        /// </summary>
        private static bool JoinedAt(IOperation task, IInvocationOperation start, out IOperation joined)
        {
            joined = task;
            switch (task.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Wait", Arguments.Length: 0 } wait when wait.Instance == task:
                    joined = Up(wait);
                    return true;
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == task:
                    joined = Up(result);
                    return true;
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter when AwaiterResult(task):
                    joined = Up(Up(awaiter).Parent!);
                    return true;
            }

            var current = task;
            if (current.Parent is IInvocationOperation { TargetMethod.Name: "WaitAsync" } waitAsync && waitAsync.Instance == current)
            {
                if (!WaitsOnStartToken(waitAsync, start))
                {
                    return false;
                }

                current = Up(waitAsync);
            }

            if (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure && configure.Instance == current)
            {
                current = Up(configure);
            }

            if (current.Parent is not IAwaitOperation awaiting)
            {
                return false;
            }

            joined = Up(awaiting);
            return true;
        }

        private static bool AwaitedHere(IOperation task, IInvocationOperation start) => JoinedAt(task, start, out _);

        /// <summary><c>WaitAsync(token)</c> with one token argument that the start is given too.</summary>
        private static bool WaitsOnStartToken(IInvocationOperation waitAsync, IInvocationOperation start)
        {
            if (waitAsync.Arguments.Length != 1 || waitAsync.Arguments[0].Value.Type?.Name != "CancellationToken")
            {
                return false;
            }

            var token = SymbolOf(waitAsync.Arguments[0].Value);
            return token != null && start.Arguments.Any(argument => argument.Value.Type?.Name == "CancellationToken" && SymbolEqualityComparer.Default.Equals(SymbolOf(argument.Value), token));
        }

        /// <summary>The local, parameter, or field or property of this object (or a static one) that <paramref name="value"/> reads.</summary>
        private static ISymbol? SymbolOf(IOperation value)
            => value.WalkDownConversions() switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
                IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } property => property.Property,
                _ => null,
            };

        /// <summary>
        /// <c>var t = Task.Run(work); ...; await t;</c>: the task kept in a local declared by its own statement of a block
        /// in the pass of <paramref name="loop"/>, and joined by a later statement of that block that every path from the
        /// declaration reaches (nothing between branches, writes the local, or has a caught exception skip the join).
        /// </summary>
        private static bool AwaitedLaterInBlock(IOperation task, IInvocationOperation start, ILoopOperation loop)
        {
            if (task.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                || declarator.Parent is not IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation { Declarations.Length: 1 } statement }
                || statement.Parent is not IBlockOperation block || !InPassOf(block, loop))
            {
                return false;
            }

            var local = declarator.Symbol;
            for (var i = block.Operations.IndexOf(statement) + 1; i < block.Operations.Length; i++)
            {
                var next = block.Operations[i];
                if (JoinsLocal(next, local, start))
                {
                    return true;
                }

                if (next.DescendantsAndSelf().Any(operation => operation is IBranchOperation || (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local) && IsWritten(reference))))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="block"/> lies in the body of <paramref name="loop"/> outside any <c>try</c> with a <c>catch</c>.</summary>
        private static bool InPassOf(IBlockOperation block, ILoopOperation loop)
        {
            for (var parent = block.Parent; parent != null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case var _ when parent == loop:
                        return true;
                    case ITryOperation { Catches.Length: > 0 }:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="statement"/> as a whole awaits or waits for <paramref name="local"/>'s task: <c>await t;</c>, <c>var r = await t.ConfigureAwait(false);</c>, <c>t.Wait();</c>.</summary>
        private static bool JoinsLocal(IOperation statement, ILocalSymbol local, IInvocationOperation start)
        {
            foreach (var reference in statement.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, local) || !JoinedAt(Up(reference), start, out var joined))
                {
                    continue;
                }

                if (ClimbsToStatement(joined, statement, parent => parent is ISimpleAssignmentOperation or IDeconstructionAssignmentOperation))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWritten(ILocalReferenceOperation reference)
            => (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
                || reference.Parent is ITupleOperation or IIncrementOrDecrementOperation
                || (reference.Parent is IArgumentOperation argument && argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out);
    }
}
