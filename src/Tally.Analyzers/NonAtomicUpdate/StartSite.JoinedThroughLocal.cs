using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// A start kept in a local that its method waits for before anything else runs (fresh17 family J, the runtime's
    /// "run on an empty stack" idiom): <c>var task = Task.Factory.StartNew(action, state, ...); if (!task.IsCompleted)
    /// ((IAsyncResult)task).AsyncWaitHandle.WaitOne(); return task.GetAwaiter().GetResult();</c>. The starting thread is
    /// blocked from the start to the end of the started code, so the start is joined at once as much as
    /// <c>Task.Run(work).Wait()</c> is, wherever the helper is and however the delegate reached it.
    /// </summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// Whether the task <paramref name="task"/> (the start's own, or its <c>.Unwrap()</c>: the task that ends with the
        /// started code) initializes a local declared by its own statement of a block, and a later statement of that
        /// block as a whole waits for it (<c>t.Wait()</c>, <c>t.Result</c>, <c>t.GetAwaiter().GetResult()</c>,
        /// <c>((IAsyncResult)t).AsyncWaitHandle.WaitOne()</c>, returned, assigned to a local or a field of this object,
        /// or declared), with only checks of the task between (<c>if (!t.IsCompleted) ((IAsyncResult)t).AsyncWaitHandle.WaitOne();</c>),
        /// and the local is used for nothing else anywhere: not returned, stored, passed on, captured by a lambda or
        /// waited for with a timeout. Then no code of the starter runs beside the started code, on any path: it neither
        /// returns before the wait nor runs other statements first.
        /// </summary>
        private static bool JoinedThroughLocal(IOperation task)
        {
            if (task.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                || declarator.Parent is not IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation { Declarations.Length: 1 } statement }
                || statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var local = declarator.Symbol;
            var function = EnclosingFunction(statement);
            foreach (var reference in statement.Root().Descendants().OfType<ILocalReferenceOperation>())
            {
                if (SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && (EnclosingFunction(reference) != function || (!BlockingWait(reference, out _) && !TaskStateRead(reference))))
                {
                    return false; // the task escapes, is written, is waited for with a timeout or from a lambda
                }
            }

            for (var i = block.Operations.IndexOf(statement) + 1; i < block.Operations.Length; i++)
            {
                var next = block.Operations[i];
                if (WaitsWholly(next, local))
                {
                    return true;
                }

                if (!ChecksTaskOnly(next, local))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>The lambda, local function or body that <paramref name="operation"/> runs in.</summary>
        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return parent;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether <paramref name="reference"/> is waited for until its task is done: <c>t.Wait()</c>, <c>t.Result</c>,
        /// <c>t.GetAwaiter().GetResult()</c> (through <c>ConfigureAwait(...)</c> or not), or
        /// <c>((IAsyncResult)t).AsyncWaitHandle.WaitOne()</c>; <paramref name="joined"/> is the wait.
        /// </summary>
        private static bool BlockingWait(ILocalReferenceOperation reference, out IOperation joined)
        {
            var task = Up(reference);
            joined = task;
            switch (task.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Wait", Arguments.Length: 0 } wait when wait.Instance == task:
                    joined = Up(wait);
                    return true;
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == task:
                    joined = Up(result);
                    return true;
                case IPropertyReferenceOperation { Property.Name: "AsyncWaitHandle" } handle when handle.Instance == task
                    && Up(handle).Parent is IInvocationOperation { TargetMethod.Name: "WaitOne", Arguments.Length: 0 } waitOne && waitOne.Instance == Up(handle):
                    joined = Up(waitOne);
                    return true;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when configure.Instance == task && AwaiterResult(Up(configure)):
                    joined = Up(Up(Up(configure).Parent!).Parent!);
                    return true;
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter when AwaiterResult(task):
                    joined = Up(Up(awaiter).Parent!);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Whether <paramref name="reference"/> only reads the task's state (<c>t.IsCompleted</c>, <c>t.Status</c>).</summary>
        private static bool TaskStateRead(ILocalReferenceOperation reference)
            => Up(reference).Parent is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" } state
                && state.Instance == Up(reference);

        /// <summary>
        /// Whether <paramref name="statement"/> as a whole is a wait for <paramref name="local"/>'s task: <c>t.Wait();</c>,
        /// <c>return t.GetAwaiter().GetResult();</c>, <c>var r = t.Result;</c>, <c>_result = t.Result;</c> (nothing
        /// else is evaluated around the wait: an assignment's target is a local, or a field of this object or a static one).
        /// </summary>
        private static bool WaitsWholly(IOperation statement, ILocalSymbol local)
        {
            foreach (var reference in statement.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, local) || !BlockingWait(reference, out var current))
                {
                    continue;
                }

                if (ClimbsToStatement(current, statement, parent => parent is IReturnOperation || (parent is ISimpleAssignmentOperation assignment && PlainTarget(assignment.Target))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether climbing from <paramref name="from"/> reaches <paramref name="statement"/> with nothing else evaluated
        /// around it: through conversions, parentheses, declarations and their initialisers, the expression statement, and
        /// the other parents <paramref name="alsoPasses"/> admits; an assignment only from its value side and only when
        /// <paramref name="alsoPasses"/> admits it.
        /// </summary>
        private static bool ClimbsToStatement(IOperation from, IOperation statement, Func<IOperation, bool> alsoPasses)
        {
            var current = from;
            while (current != statement && current.Parent is { } parent)
            {
                var passes = parent switch
                {
                    IConversionOperation or IParenthesizedOperation or IVariableInitializerOperation or IVariableDeclaratorOperation
                        or IVariableDeclarationOperation or IVariableDeclarationGroupOperation or IExpressionStatementOperation => true,
                    IAssignmentOperation assignment => assignment.Value == current && alsoPasses(parent),
                    _ => alsoPasses(parent),
                };
                if (!passes)
                {
                    return false;
                }

                current = parent;
            }

            return current == statement;
        }

        private static bool PlainTarget(IOperation target)
            => target is ILocalReferenceOperation or IParameterReferenceOperation { Parameter.RefKind: RefKind.None }
                || target is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation };

        /// <summary>
        /// Whether <paramref name="statement"/> does nothing but look at <paramref name="local"/>'s task and wait for it:
        /// <c>if (!t.IsCompleted) ((IAsyncResult)t).AsyncWaitHandle.WaitOne();</c> (its condition reads only the task's
        /// state and constants, each branch is such waits or empty).
        /// </summary>
        private static bool ChecksTaskOnly(IOperation statement, ILocalSymbol local)
        {
            switch (statement)
            {
                case IEmptyOperation:
                    return true;
                case IBlockOperation block:
                    return block.Locals.IsEmpty && block.Operations.All(operation => WaitsOrChecks(operation, local));
                case IConditionalOperation { IsRef: false, Type: null } conditional:
                    return TaskCondition(conditional.Condition, local)
                        && WaitsOrChecks(conditional.WhenTrue, local)
                        && (conditional.WhenFalse == null || WaitsOrChecks(conditional.WhenFalse, local));
                default:
                    return false;
            }
        }

        private static bool WaitsOrChecks(IOperation statement, ILocalSymbol local) => WaitsWholly(statement, local) || ChecksTaskOnly(statement, local);

        /// <summary>A condition made of the task's state, constants, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and comparisons.</summary>
        private static bool TaskCondition(IOperation condition, ILocalSymbol local)
            => condition switch
            {
                IConversionOperation or IParenthesizedOperation => condition.ChildOperations.All(child => TaskCondition(child, local)),
                IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } not => TaskCondition(not.Operand, local),
                IBinaryOperation { OperatorMethod: null } binary => TaskCondition(binary.LeftOperand, local) && TaskCondition(binary.RightOperand, local),
                IPropertyReferenceOperation property => property.Instance.WalkDownConversions() is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local) && TaskStateRead(reference),
                IFieldReferenceOperation { Field.IsConst: true } => true,
                ILiteralOperation => true,
                _ => condition.ConstantValue.HasValue,
            };
    }
}
