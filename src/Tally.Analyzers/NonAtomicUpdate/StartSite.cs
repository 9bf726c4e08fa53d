using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>A place that hands a delegate to code that runs it on other threads (Task.Run, Parallel.For, a timer...).</summary>
    internal sealed partial class StartSite
    {
        public StartSite(SyntaxNode syntax, string description, bool runsManyTimes)
            : this(syntax, description, runsManyTimes ? Multiplicity.Many : Multiplicity.PerStart)
        {
        }

        public StartSite(SyntaxNode syntax, string description, Multiplicity multiplicity)
        {
            Syntax = syntax;
            Description = description;
            Multiplicity = multiplicity;
        }

        /// <summary>Whether the started code may overlap with itself on its own (Many), per start (PerStart), or never (Once).</summary>
        public Multiplicity Multiplicity { get; }

        /// <summary>The invocation, creation or event subscription.</summary>
        public SyntaxNode Syntax { get; }

        /// <summary>A short description for messages (<c>Task.Run</c>, <c>Parallel.For</c>, <c>a request handler (MapGet)</c>).</summary>
        public string Description { get; }

        /// <summary>Whether the delegate itself runs many times at once (Parallel, PLINQ, timers, request handlers).</summary>
        public bool RunsManyTimes => Multiplicity == Multiplicity.Many;

        /// <summary>
        /// The start site that receives <paramref name="delegateOperation"/> (a lambda, or a method reference), or <c>null</c>.
        /// </summary>
        public static StartSite? Find(IOperation delegateOperation, KnownSymbols known, TallyOptions options)
        {
            var site = FindDirect(delegateOperation, known, options);
            if (site == null && delegateOperation is IAnonymousFunctionOperation { Symbol.IsAsync: true } asyncLambda)
            {
                site = FindAsyncFanOut(asyncLambda, known);
            }

            return site;
        }

        private static StartSite? FindDirect(IOperation delegateOperation, KnownSymbols known, TallyOptions options)
        {
            var current = delegateOperation;
            var parent = current.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation || parent is IParenthesizedOperation
                || parent is IArrayInitializerOperation || parent is IArrayCreationOperation)
            {
                if (parent is IDelegateCreationOperation { Type: var delegateType } && IsServerHandlerType(delegateType))
                {
                    return ServerHandler(parent.Syntax, delegateType!); // StartSite.ServerHandlers.cs
                }

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
                    return eventAssignment.EventReference is IEventReferenceOperation eventReference ? FromEvent(eventAssignment, eventReference, known) : null;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment when assignment.Value == current
                    && property.Property.ContainingType?.Name == "ActivityListener" && property.Property.ContainingType.ContainingNamespace?.ToDisplayString() == "System.Diagnostics"
                    && (property.Property.Name == "ActivityStarted" || property.Property.Name == "ActivityStopped"):
                    return new StartSite(assignment.Syntax, "an ActivityListener." + property.Property.Name + " callback", Multiplicity.Many);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation callback } assignment when assignment.Value == current
                    && callback.Property.Type.TypeKind == TypeKind.Delegate && callback.Property.Name.EndsWith("Callback", System.StringComparison.Ordinal)
                    && callback.Property.Locations.Length > 0 && callback.Property.Locations[0].IsInMetadata:
                    return new StartSite(assignment.Syntax, "the library callback " + callback.Property.ContainingType.Name + "." + callback.Property.Name, Multiplicity.Many);
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation option } assignment when assignment.Value == current && IsOptionsCallback(option.Property):
                    return OptionsCallback(assignment.Syntax, option.Property);
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

            if (KnownSymbols.Is(type, known.Task) || type.OriginalDefinition.Name == "Task" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                switch (method.Name)
                {
                    case "Run" when IsJoinedAtOnce(invocation):
                        return null; // Task.Run(work).Wait(): the starter waits, the work runs as its call (StartSite.Joined.cs).
                    case "Run":
                        return new StartSite(invocation.Syntax, "Task.Run", Multiplicity.PerStart) { StartsThread = true };
                    case "ContinueWith":
                        return new StartSite(invocation.Syntax, "ContinueWith", Multiplicity.PerStart) { InheritsScheduler = !HasSchedulerArgument(invocation) };
                    default:
                        return null;
                }
            }

            if ((method.Name == "Register" || method.Name == "UnsafeRegister") && type.Name == "CancellationToken" && type.ContainingNamespace?.ToDisplayString() == "System.Threading")
            {
                return new StartSite(invocation.Syntax, "CancellationToken.Register", Multiplicity.PerStart);
            }

            if (KnownSymbols.Is(type, known.TaskFactory) || KnownSymbols.Is(type, known.TaskFactoryOfT))
            {
                return method.Name == "StartNew" && !OnSerialScheduler(invocation) && !IsJoinedAtOnce(invocation) ? new StartSite(invocation.Syntax, "Task.Factory.StartNew", Multiplicity.PerStart) { StartsThread = true } : null;
            }

            if (KnownSymbols.Is(type, known.Parallel))
            {
                if (method.Name == "Invoke" && InvokesOneAction(invocation))
                {
                    return null; // Parallel.Invoke(work): one action, run once while the caller waits: a call (StartSite.Joined.cs).
                }

                return new StartSite(invocation.Syntax, "Parallel." + method.Name, runsManyTimes: true) { FansOut = true };
            }

            if (KnownSymbols.Is(type, known.ParallelEnumerable))
            {
                return new StartSite(invocation.Syntax, "PLINQ (" + method.Name + ")", runsManyTimes: true) { FansOut = true };
            }

            if (KnownSymbols.Is(type, known.ThreadPool))
            {
                switch (method.Name)
                {
                    case "QueueUserWorkItem":
                    case "UnsafeQueueUserWorkItem":
                        return new StartSite(invocation.Syntax, "ThreadPool." + method.Name, Multiplicity.PerStart) { StartsThread = true };
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
                    return new StartSite(invocation.Syntax, type.Name + "." + method.Name, runsManyTimes: true) { FansOut = true };
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
                return new StartSite(creation.Syntax, "new Thread", Multiplicity.PerStart) { StartsThread = true };
            }

            if (KnownSymbols.Is(type, known.ThreadingTimer))
            {
                return IsOneShotTimer(creation)
                    ? new StartSite(creation.Syntax, "a one-shot System.Threading.Timer callback", Multiplicity.Once)
                    : new StartSite(creation.Syntax, "a System.Threading.Timer callback", Multiplicity.Many) { Periodic = true };
            }

            if (KnownSymbols.Is(type, known.Task))
            {
                return new StartSite(creation.Syntax, "new Task", Multiplicity.PerStart);
            }

            return DataflowBlock(creation, type);
        }
    
        /// <summary>
        /// Whether the started code runs on the scheduler current where it was started (<c>ContinueWith</c> without a
        /// <c>TaskScheduler</c> argument runs on <c>TaskScheduler.Current</c>): code confined to a single-threaded
        /// executor that runs its work as tasks continues there.
        /// </summary>
        public bool InheritsScheduler { get; private set; }

        private static bool HasSchedulerArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.Name == "TaskScheduler" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>StartNew(work, token, options, scheduler)</c> on an exclusive scheduler (<c>ConcurrentExclusiveSchedulerPair</c>'s
        /// ExclusiveScheduler, a UI scheduler, a scheduler made with one thread): its tasks run one at a time, so they do
        /// not overlap.
        /// </summary>
        public static bool OnSerialScheduler(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.Name != "TaskScheduler")
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                var text = value?.Syntax.ToString() ?? string.Empty;
                if (text.IndexOf("xclusive", System.StringComparison.Ordinal) >= 0 || text.IndexOf("FromCurrentSynchronizationContext", System.StringComparison.Ordinal) >= 0)
                {
                    return true;
                }

                if (value != null && IsOneThreadScheduler(value, invocation))
                {
                    return true;
                }

                if (value is IFieldReferenceOperation field)
                {
                    foreach (var reference in field.Field.DeclaringSyntaxReferences)
                    {
                        var declaration = reference.GetSyntax().ToString();
                        if (declaration.IndexOf("xclusive", System.StringComparison.Ordinal) >= 0 || declaration.IndexOf("FromCurrentSynchronizationContext", System.StringComparison.Ordinal) >= 0)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>new Timer(cb, state, due, Timeout.Infinite)</c> and <c>new Timer(cb)</c> fire once per arming: the callback
        /// re-arms it at its end, so runs never overlap.
        /// </summary>
        private static bool IsOneShotTimer(IObjectCreationOperation creation)
        {
            if (creation.Arguments.Length < 4)
            {
                return creation.Arguments.Length <= 1;
            }

            var period = creation.Arguments[3].Value.WalkDownConversions();
            if (period == null)
            {
                return false;
            }

            if (period.ConstantValue.HasValue && period.ConstantValue.Value is int or long or uint)
            {
                // Timeout.Infinite (-1), 0 and the same -1 passed as a uint: no period.
                return period.ConstantValue.Value switch
                {
                    int milliseconds => milliseconds is -1 or 0,
                    uint milliseconds => milliseconds is 0 or uint.MaxValue,
                    long milliseconds => milliseconds is -1 or 0 or uint.MaxValue,
                    _ => false,
                };
            }

            return period is IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" or "Zero" }
                || period is IPropertyReferenceOperation { Property.Name: "InfiniteTimeSpan" or "Zero" };
        }

        /// <summary>Events raised on other threads: timers, file watchers, process output, socket completions, static events.</summary>
        private static StartSite? FromEvent(IEventAssignmentOperation assignment, IEventReferenceOperation reference, KnownSymbols known)
        {
            var handlerEvent = reference.Event;
            var type = handlerEvent.ContainingType;
            if (type == null)
            {
                return null;
            }

            if (handlerEvent.Name == "Elapsed" && KnownSymbols.Is(type, known.TimersTimer))
            {
                if (SynchronizingObjectSet(reference))
                {
                    return null; // Raised through the synchronising object, on its thread (StartSite.UiThread.cs).
                }

                return AutoResetOff(reference)
                    ? new StartSite(assignment.Syntax, "a System.Timers.Timer Elapsed handler (AutoReset = false)", Multiplicity.Once)
                    : new StartSite(assignment.Syntax, "a System.Timers.Timer Elapsed handler", Multiplicity.Many) { Periodic = true };
            }

            var ns = type.ContainingNamespace?.ToDisplayString();
            switch (type.Name)
            {
                case "FileSystemWatcher" when ns == "System.IO":
                    return new StartSite(assignment.Syntax, "a FileSystemWatcher." + handlerEvent.Name + " handler", Multiplicity.Many);
                case "Process" when ns == "System.Diagnostics" && handlerEvent.Name.EndsWith("DataReceived", System.StringComparison.Ordinal):
                    return new StartSite(assignment.Syntax, "a Process." + handlerEvent.Name + " handler", Multiplicity.Once);
                case "Process" when ns == "System.Diagnostics" && handlerEvent.Name == "Exited":
                    return new StartSite(assignment.Syntax, "a Process.Exited handler", Multiplicity.Once);
                case "SocketAsyncEventArgs" when ns == "System.Net.Sockets":
                    return SocketCompletion(assignment, reference);
                case "AppDomain" when ns == "System":
                    return null;
            }

            if (handlerEvent.IsStatic && handlerEvent.Locations.Length > 0 && handlerEvent.Locations[0].IsInSource)
            {
                return new StartSite(assignment.Syntax, "a handler of the static event '" + type.Name + "." + handlerEvent.Name + "'", Multiplicity.Many) { StaticEvent = handlerEvent };
            }

            return null;
        }

        /// <summary>Whether the timer whose Elapsed is subscribed has <c>AutoReset = false</c> set in the same body or in its initializer.</summary>
        private static bool AutoResetOff(IEventReferenceOperation reference)
        {
            var timer = reference.Instance.WalkDownConversions();
            if (timer is IFieldReferenceOperation field)
            {
                foreach (var declaration in field.Field.DeclaringSyntaxReferences)
                {
                    var text = declaration.GetSyntax().ToString().Replace(" ", string.Empty);
                    if (text.IndexOf("AutoReset=false", System.StringComparison.Ordinal) >= 0)
                    {
                        return true; // Set in the field's initializer: new Timer(100) { AutoReset = false }.
                    }
                }
            }

            var root = reference.Root();

            foreach (var descendant in root.Descendants())
            {
                if (descendant is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "AutoReset" } property } assignment
                    && assignment.Value.ConstantValue.HasValue && assignment.Value.ConstantValue.Value is false)
                {
                    var instance = property.Instance.WalkDownConversions();
                    if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                        || StorageReference.SameStorage(instance, timer, StorageComparison.AsWritten))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
