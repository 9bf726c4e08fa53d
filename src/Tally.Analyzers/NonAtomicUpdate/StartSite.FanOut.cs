using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Async fan-out: tasks started together and awaited together (<c>Task.WhenAll</c>).</summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// Whether the site runs several copies of its delegate at once by construction (<c>Parallel</c>, PLINQ,
        /// <c>Task.WhenAll</c> over a projection, a method the user declared so in <c>tally.concurrent_methods</c>): the
        /// code itself declares the overlap, so a finding it makes is certain.
        /// </summary>
        public bool FansOut { get; private set; }

        /// <summary>
        /// Whether the site starts its delegate on another thread right away (<c>Task.Run</c>, <c>StartNew</c>,
        /// <c>new Thread</c>, <c>ThreadPool.QueueUserWorkItem</c>): in a loop, its runs overlap by construction too.
        /// </summary>
        public bool StartsThread { get; private set; }

        /// <summary>
        /// Whether the site is one periodic timer (a <c>System.Timers.Timer</c> Elapsed handler with AutoReset on, a
        /// <c>System.Threading.Timer</c> callback with a period): its runs overlap only when one outlasts the period, which
        /// the code does not declare, so that overlap alone makes a finding inferred (UpdateDecider.Overlap.cs).
        /// </summary>
        public bool Periodic { get; private set; }

        /// <summary>
        /// An async lambda whose tasks are awaited together: <c>Task.WhenAll(items.Select(async x =&gt; ...))</c>. Every item's
        /// lambda runs at once with the others after its first await.
        /// </summary>
        private static StartSite? FindAsyncFanOut(IAnonymousFunctionOperation lambda, KnownSymbols known)
        {
            IOperation current = lambda;
            var parent = current.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            if (!(parent is IArgumentOperation { Parent: IInvocationOperation select }) || select.TargetMethod.Name != "Select")
            {
                return null;
            }

            for (IOperation? up = select.Parent; up != null; up = up.Parent)
            {
                switch (up)
                {
                    case IInvocationOperation { TargetMethod.Name: "WhenAll" or "WhenAny" } whenAll when IsTask(whenAll.TargetMethod.ContainingType, known):
                        return new StartSite(whenAll.Syntax, "Task." + whenAll.TargetMethod.Name + " over Select(async ...)", Multiplicity.Many) { FansOut = true };
                    case IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" }:
                    case IArgumentOperation:
                    case IConversionOperation:
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// A call of an async method in the source whose task goes straight into <c>Task.WhenAll(A(), B())</c>: the
        /// calls run at the same time after their first await. The description, and the <c>WhenAll</c> call (the calls
        /// passed to one such call are started together).
        /// </summary>
        public static (string Description, SyntaxNode Site)? FindFanOut(IInvocationOperation call, KnownSymbols known)
        {
            if (!call.TargetMethod.IsAsync)
            {
                return null;
            }

            // Up through arguments, params arrays and spans, collection expressions and conversions to the first call.
            for (IOperation? up = call.Parent; up != null; up = up.Parent)
            {
                switch (up)
                {
                    case IInvocationOperation { TargetMethod.Name: "WhenAll" or "WhenAny" } whenAll when IsTask(whenAll.TargetMethod.ContainingType, known):
                        return ("Task." + whenAll.TargetMethod.Name, whenAll.Syntax);
                    case IInvocationOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IBlockOperation:
                    case IExpressionStatementOperation:
                    case IVariableDeclaratorOperation:
                    case IAwaitOperation:
                    case ISimpleAssignmentOperation:
                    case IReturnOperation:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the start that receives <paramref name="delegateOperation"/> runs again and again by construction: a
        /// loop (unless each pass awaits the start's task before the next), or a lambda that runs per item (a <c>System.Linq.Enumerable</c> method, <c>List&lt;T&gt;.ForEach</c>,
        /// <c>Array.ForEach</c>) or is itself a fan-out, lies between it and its function (or, with
        /// <paramref name="declaration"/>, the captured variable's declaration). A lambda handed to any other method may
        /// run once (a timer callback), so it does not count: the certainty of a finding rests on this.
        /// </summary>
        public static bool StartsRepeatedly(IOperation delegateOperation, KnownSymbols known, TallyOptions options, TextSpan? declaration = null)
        {
            for (var parent = delegateOperation.Parent; parent != null; parent = parent.Parent)
            {
                if (declaration.HasValue && parent.Syntax.Span.Contains(declaration.Value))
                {
                    return false;
                }

                switch (parent)
                {
                    case ILoopOperation loop when !IsAwaitedInPass(delegateOperation, loop): // StartSite.AwaitedInPass.cs
                        return true;
                    case IAnonymousFunctionOperation lambda:
                        return RunsPerItem(lambda) || (Find(lambda, known, options)?.FansOut ?? false);
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool RunsPerItem(IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (!(parent is IArgumentOperation { Parent: IInvocationOperation call }) || call.TargetMethod.ContainingType is not { } type)
            {
                return false;
            }

            var space = type.ContainingNamespace?.ToDisplayString();
            return (type.Name == "Enumerable" && space == "System.Linq")
                || (call.TargetMethod.Name == "ForEach" && ((type.Name == "List" && space == "System.Collections.Generic") || type.SpecialType == SpecialType.System_Array));
        }

        private static bool IsTask(INamedTypeSymbol? type, KnownSymbols known)
            => type != null && (KnownSymbols.Is(type, known.Task) || (type.Name == "Task" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"));
    }
}
