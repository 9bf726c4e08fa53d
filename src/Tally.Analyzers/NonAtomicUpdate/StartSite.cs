using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>A place that hands a delegate to code that runs it on other threads (Task.Run, Parallel.For, a timer...).</summary>
    internal sealed class StartSite
    {
        public StartSite(SyntaxNode syntax, string description, bool runsManyTimes)
        {
            Syntax = syntax;
            Description = description;
            RunsManyTimes = runsManyTimes;
        }

        /// <summary>The invocation, creation or event subscription.</summary>
        public SyntaxNode Syntax { get; }

        /// <summary>A short description for messages (<c>Task.Run</c>, <c>Parallel.For</c>, <c>a request handler (MapGet)</c>).</summary>
        public string Description { get; }

        /// <summary>Whether the delegate itself runs many times at once (Parallel, PLINQ, timers, request handlers).</summary>
        public bool RunsManyTimes { get; }

        /// <summary>
        /// The start site that receives <paramref name="delegateOperation"/> (a lambda, or a method reference), or <c>null</c>.
        /// </summary>
        public static StartSite? Find(IOperation delegateOperation, KnownSymbols known, TallyOptions options)
        {
            var current = delegateOperation;
            var parent = current.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation || parent is IParenthesizedOperation
                || parent is IArrayInitializerOperation || parent is IArrayCreationOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IArgumentOperation argument when argument.Parent is IInvocationOperation invocation:
                    return FromInvocation(invocation, known, options);
                case IArgumentOperation argument when argument.Parent is IObjectCreationOperation creation:
                    return FromCreation(creation, known);
                case IEventAssignmentOperation eventAssignment when eventAssignment.Adds && eventAssignment.HandlerValue == current:
                    if (eventAssignment.EventReference is IEventReferenceOperation eventReference
                        && eventReference.Event.Name == "Elapsed"
                        && KnownSymbols.Is(eventReference.Event.ContainingType, known.TimersTimer))
                    {
                        return new StartSite(eventAssignment.Syntax, "a System.Timers.Timer Elapsed handler", runsManyTimes: true);
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static StartSite? FromInvocation(IInvocationOperation invocation, KnownSymbols known, TallyOptions options)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type == null)
            {
                return null;
            }

            if (KnownSymbols.Is(type, known.Task))
            {
                return method.Name == "Run" ? new StartSite(invocation.Syntax, "Task.Run", runsManyTimes: false) : null;
            }

            if (KnownSymbols.Is(type, known.TaskFactory) || KnownSymbols.Is(type, known.TaskFactoryOfT))
            {
                return method.Name == "StartNew" ? new StartSite(invocation.Syntax, "Task.Factory.StartNew", runsManyTimes: false) : null;
            }

            if (KnownSymbols.Is(type, known.Parallel))
            {
                return new StartSite(invocation.Syntax, "Parallel." + method.Name, runsManyTimes: true);
            }

            if (KnownSymbols.Is(type, known.ParallelEnumerable))
            {
                return new StartSite(invocation.Syntax, "PLINQ (" + method.Name + ")", runsManyTimes: true);
            }

            if (KnownSymbols.Is(type, known.ThreadPool))
            {
                switch (method.Name)
                {
                    case "QueueUserWorkItem":
                    case "UnsafeQueueUserWorkItem":
                        return new StartSite(invocation.Syntax, "ThreadPool." + method.Name, runsManyTimes: false);
                    case "RegisterWaitForSingleObject":
                    case "UnsafeRegisterWaitForSingleObject":
                        return new StartSite(invocation.Syntax, "ThreadPool." + method.Name, runsManyTimes: true);
                    default:
                        return null;
                }
            }

            var requestHandler = RequestHandlerName(method, known);
            if (requestHandler != null)
            {
                return new StartSite(invocation.Syntax, "a request handler (" + requestHandler + ")", runsManyTimes: true);
            }

            foreach (var configured in options.ConcurrentMethods)
            {
                if (configured.Matches(method))
                {
                    return new StartSite(invocation.Syntax, type.Name + "." + method.Name, runsManyTimes: true);
                }
            }

            return null;
        }

        private static string? RequestHandlerName(IMethodSymbol method, KnownSymbols known)
        {
            if (known.EndpointRouteBuilder == null && known.ApplicationBuilder == null)
            {
                return null;
            }

            var definition = method.ReducedFrom ?? method;
            if (!definition.IsExtensionMethod || definition.Parameters.Length == 0)
            {
                return null;
            }

            var receiverType = definition.Parameters[0].Type;
            var name = method.Name;
            if (name.StartsWith("Map", System.StringComparison.Ordinal)
                && name != "MapGroup" && name != "MapWhen"
                && KnownSymbols.Is(receiverType, known.EndpointRouteBuilder))
            {
                return name;
            }

            if ((name == "Run" || name == "Use")
                && KnownSymbols.Is(receiverType, known.ApplicationBuilder))
            {
                return name;
            }

            return null;
        }

        private static StartSite? FromCreation(IObjectCreationOperation creation, KnownSymbols known)
        {
            var type = creation.Type;
            if (KnownSymbols.Is(type, known.Thread))
            {
                return new StartSite(creation.Syntax, "new Thread", runsManyTimes: false);
            }

            if (KnownSymbols.Is(type, known.ThreadingTimer))
            {
                return new StartSite(creation.Syntax, "a System.Threading.Timer callback", runsManyTimes: true);
            }

            if (KnownSymbols.Is(type, known.Task))
            {
                return new StartSite(creation.Syntax, "new Task", runsManyTimes: false);
            }

            return null;
        }
    }
}
