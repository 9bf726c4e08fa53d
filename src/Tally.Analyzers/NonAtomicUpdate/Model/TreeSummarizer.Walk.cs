using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>The walk over one function's operations.</summary>
    internal sealed partial class TreeSummarizer
    {
        private void Walk(IOperation operation, FunctionBuilder function)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation lambda:
                    Nested(lambda, lambda.Symbol, lambda.Body, function, FunctionFlags.Nested | FunctionFlags.Lambda | FunctionFlags.Private);
                    return;
                case ILocalFunctionOperation localFunction:
                    if (localFunction.Body != null)
                    {
                        Nested(localFunction, localFunction.Symbol, localFunction.Body, function, FunctionFlags.Nested | FunctionFlags.Private | DeferredFlag(localFunction.Body, localFunction.Symbol));
                    }

                    return;
                case IIncrementOrDecrementOperation:
                case ICompoundAssignmentOperation:
                case ISimpleAssignmentOperation:
                    Write(operation, function);
                    break;
                case IInvocationOperation invocation:
                    Invocation(invocation, function);
                    JoinedHands(invocation, function); // TreeSummarizer.JoinedDispatches.cs
                    QueueUse(invocation, function); // TreeSummarizer.Queues.cs
                    break;
                case IEventAssignmentOperation eventAssignment:
                    EventForwarding(eventAssignment, function); // TreeSummarizer.EventForwarding.cs
                    break;
                case IMethodReferenceOperation reference:
                    MethodReference(reference, function);
                    break;
                case IFieldReferenceOperation { Field.IsStatic: false } field:
                    HeldSynchronization(operation, field.Field.Type, field.Instance, function);
                    break;
                case IPropertyReferenceOperation property:
                    if (!property.Property.IsStatic)
                    {
                        HeldSynchronization(operation, property.Property.Type, property.Instance, function);
                    }

                    GetterCall(property, function); // TreeSummarizer.PropertyCalls.cs
                    break;
                case IConversionOperation conversion:
                    Conversion(conversion);
                    break;
                case IObjectCreationOperation creation:
                    Creation(creation, creation.Type, function); // TreeSummarizer.Creations.cs
                    break;
                case IInvalidOperation { Syntax: BaseObjectCreationExpressionSyntax } creation:
                    Creation(creation, creation.Type, function); // a creation whose arguments do not bind still makes one
                    break;
                case IParameterReferenceOperation parameterReference:
                    ForwardedDelegateParameter(parameterReference); // TreeSummarizer.StoredCallbacks.cs
                    SubscribedParameter(parameterReference); // TreeSummarizer.SubscribedParameters.cs
                    PostedDelegateParameter(parameterReference); // TreeSummarizer.UiThread.cs
                    break;
                case ILockOperation lockOperation:
                    InstanceSynchronization(function, lockOperation.LockedValue, new HeldLock(lockOperation.Syntax, null).GetLocation(), "uses 'lock'");
                    break;
                case IFieldInitializerOperation fieldInitializer:
                    foreach (var field in fieldInitializer.InitializedFields)
                    {
                        SemaphoreCount(field, fieldInitializer.Value);
                    }

                    break;
            }

            foreach (var child in operation.ChildOperations)
            {
                Walk(child, function);
            }
        }

        private void Nested(IOperation operation, IMethodSymbol symbol, IOperation body, FunctionBuilder parent, FunctionFlags flags)
        {
            var key = SymbolKeys.OfNested(operation.Syntax.SyntaxTree, operation.Syntax.SpanStart);
            var nested = new FunctionBuilder(key, symbol, flags, operation.Syntax.Span);
            if (operation is IAnonymousFunctionOperation lambda)
            {
                var site = StartSite.Find(lambda, _known, _options);
                if (site != null)
                {
                    AddEntry(key, parent.Key, site, lambda, sameThis: true);
                    nested.Site = site;
                    nested.StartOperation = lambda;
                }
                else if (StartThroughLocal(lambda) is { } throughLocal)
                {
                    AddEntry(key, parent.Key, throughLocal.Site, throughLocal.Use, LocalStartContext(throughLocal.Use), sameThis: true);
                    nested.Site = throughLocal.Site;
                    nested.StartOperation = throughLocal.Use;
                }
                else
                {
                    HandedDelegate(parent.Key, key, lambda);
                    Handoff(key, lambda, parent);
                    Subscription(key, lambda); // TreeSummarizer.Events.cs
                }
            }

            Walk(body, nested);
            ThreadAffinity(body, nested);
            var type = parent.Symbol.ContainingType;
            var name = (type?.Name is { } typeName ? typeName + "." : string.Empty) + (operation is ILocalFunctionOperation ? symbol.Name : DisplayName(parent.Symbol));
            _summary.Functions.Add(new FunctionFact(key, Key(type), name, nested.Flags, System.Collections.Immutable.ImmutableArray<string>.Empty, nested.AssertedLock));
        }

        private void AddEntry(string functionKey, string enclosingKey, StartSite site, IOperation delegateOperation, string? contextKey = null, bool sameThis = false)
        {
            if (site.IsSocketCompletion)
            {
                SocketCompletionEntries(functionKey, enclosingKey, site, delegateOperation);
                return;
            }

            var repeated = IsRepeated(site.Syntax, delegateOperation);
            _summary.Entries.Add(new EntryFact(functionKey, enclosingKey, site.Description, site.Syntax.GetLocation(), site.Multiplicity, repeated, IsGuarded(delegateOperation), contextKey, inheritsScheduler: site.InheritsScheduler,
                fansOut: site.FansOut || (site.StartsThread && StartSite.StartsRepeatedly(delegateOperation, _known, _options)), sameThis: sameThis, staticEventKey: StaticEventSubscription(functionKey, site), periodic: site.Periodic, place: StatementPlace.Of(delegateOperation)));
            UnjoinedStart(functionKey, enclosingKey, site, delegateOperation, sameThis); // TreeSummarizer.ReArmedAccepts.cs
        }

        /// <summary>
        /// Whether the start is guarded: inside an <c>if</c> or a <c>??=</c> of its function, or after an
        /// <c>if (...) return;</c>. Guarded starts (<c>if (_loop == null) _loop = Task.Run(Loop)</c>) run once.
        /// </summary>
        private static bool IsGuarded(IOperation delegateOperation)
        {
            IOperation child = delegateOperation;
            for (var parent = delegateOperation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.Condition != child:
                    case ICoalesceAssignmentOperation:
                        return true;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            if (statement is IConditionalOperation { WhenTrue: { } whenTrue } && ExitsEarly(whenTrue))
                            {
                                return true;
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                        return false;
                }
            }

            return false;
        }

        private static bool ExitsEarly(IOperation operation)
            => operation is IReturnOperation or IThrowOperation
                || (operation is IBlockOperation { Operations.Length: > 0 } block && block.Operations[block.Operations.Length - 1] is IReturnOperation or IThrowOperation)
                || (operation is IExpressionStatementOperation { Operation: IThrowOperation });

        /// <summary>
        /// Whether the start site sits in a loop (one whose passes do not each await the start's task), or in a lambda,
        /// of its own function: it may start many runs.
        /// </summary>
        private bool IsRepeated(SyntaxNode site, IOperation delegateOperation)
        {
            for (var parent = delegateOperation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is ILoopOperation loop && !StartSite.IsAwaitedInPass(delegateOperation, loop))
                {
                    return true;
                }

                if (parent is IAnonymousFunctionOperation)
                {
                    return StartSite.Find(parent, _known, _options) == null;
                }

                if (parent is ILocalFunctionOperation or IMethodBodyOperation or IConstructorBodyOperation)
                {
                    return false;
                }
            }

            return false;
        }

        private void Write(IOperation operation, FunctionBuilder function)
        {
            SetterCall(operation, function); // TreeSummarizer.Settings.cs
            var target = UpdateTarget.TryCreate(operation);
            if (target != null)
            {
                if (target.Kind == TargetKind.Local)
                {
                    return;
                }

                AddWrite(operation, target.Storage, target.Receiver, target.IsStatic, WriteKind.Update, "updated", function, BitUpdateOf(operation, function));
                return;
            }

            if (operation is ISimpleAssignmentOperation assignment)
            {
                StoredDelegateParameter(assignment, function);
                HeldWorker(assignment, function); // TreeSummarizer.JoinedDispatches.cs
                CopiedDelegateStorage(assignment); // TreeSummarizer.StoredDelegates.cs
                CopiedDelegateCollection(assignment); // TreeSummarizer.Subscribers.cs
                var storage = StorageOf(assignment.Target, out var receiver);
                if (storage != null)
                {
                    AddWrite(operation, storage, receiver, storage.IsStatic, WriteKind.Write, "written", function);
                    SemaphoreCount(storage, assignment.Value);
                }
            }
        }

        private void AddWrite(IOperation operation, ISymbol storage, IOperation? receiver, bool isStatic, WriteKind kind, string description, FunctionBuilder function, BitUpdate? bits = null)
        {
            var key = Key(storage);
            if (key == null)
            {
                return;
            }

            var held = Locks(operation, function, out var outer, key);
            var member = function.Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } ? null : function.Symbol;
            var excluded = member == null
                ? Ownership.IsUnshared(operation, storage, receiver, null, isStatic, inNestedFunction: true)
                : Ownership.IsUnshared(operation, storage, receiver, member, isStatic, inNestedFunction: false);
            excluded |= kind == WriteKind.Write && IsGuardedInitialization(operation, storage);
            excluded |= IsWriteBeforeHandBack(operation, receiver, isStatic, function); // TreeSummarizer.Release.cs
            var throughThis = !isStatic && receiver.WalkDownConversions() is IInstanceReferenceOperation;
            _summary.Writes.Add(new WriteFact(key, function.Key, kind, held, operation.Syntax.GetLocation(), description, excluded, isStatic ? ReceiverRoot.Shared : RootOf(receiver, function), throughThis, outer, isStatic ? -1 : ParameterOrdinal(receiver, function), storage.IsStatic, GuardsAt(operation), bits, StatementOf(operation, out _), StatementPlace.Of(operation), storage.IsStatic ? null : StaticHolderKey(receiver)).WithLazyGuard(LazyGuardAt(operation))); // TreeSummarizer.LazyInitializers.cs
        }

        /// <summary>
        /// The locks held at <paramref name="operation"/> in its function: the innermost, and the ones around it
        /// (<paramref name="outer"/>, innermost first), each marked as taken in the function's type. An innermost lock on
        /// an element or a local that is per key in general is exclusive for a write it guards slot by slot
        /// (<see cref="SlotLocks"/>) or whose own object it is (<see cref="OwnObjectLocks"/>, for the write of
        /// <paramref name="storageKey"/>).
        /// </summary>
        private LockFact? Locks(IOperation operation, FunctionBuilder function, out ImmutableArray<LockFact> outer, string? storageKey = null)
        {
            var all = LockFinder.FindAll(operation, _known, _options, function.Symbol as IMethodSymbol ?? function.Symbol);
            if (all.Count == 0)
            {
                outer = ImmutableArray<LockFact>.Empty;
                return null;
            }

            var takenIn = Key(function.Symbol.ContainingType);
            var innermost = SlotLocks.GateOf(operation, all[0], _cancellationToken) is { } gates && Key(gates) is { } gatesKey
                ? new LockFact(SlotLocks.KeyPrefix + gatesKey, exclusive: true, all[0].GetLocation(), takenIn, perInstance: !gates.IsStatic)
                : storageKey != null && OwnObjectLocks.LocksItsReceiver(operation, all[0], _cancellationToken)
                    ? new LockFact(OwnObjectLocks.KeyPrefix + storageKey, exclusive: true, all[0].GetLocation(), takenIn, perInstance: true)
                    : ToFact(all[0], takenIn);
            if (all.Count == 1)
            {
                outer = ImmutableArray<LockFact>.Empty;
                return innermost;
            }

            var builder = ImmutableArray.CreateBuilder<LockFact>(all.Count - 1);
            for (var i = 1; i < all.Count; i++)
            {
                builder.Add(ToFact(all[i], takenIn));
            }

            outer = builder.MoveToImmutable();
            return innermost;
        }

        private LockFact ToFact(HeldLock held, string? takenIn)
            => new LockFact(Key(held.LockSymbol), !held.IsPerKey && !held.IsShared, held.GetLocation(), takenIn, held.IsPerInstance, held.IsShared && !held.IsPerKey, held.Mode == LockMode.Upgradeable);

        /// <summary>The field or auto-property a reference writes (for an array element, the array's holder).</summary>
        private static ISymbol? StorageOf(IOperation? reference, out IOperation? receiver)
        {
            receiver = null;
            switch (reference.WalkDownConversions())
            {
                case IFieldReferenceOperation field when !field.Field.IsConst:
                    receiver = field.Instance;
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.Length == 0 && property.Property.IsAutoProperty():
                    receiver = property.Instance;
                    return property.Property;
                case IArrayElementReferenceOperation element:
                    return StorageOf(element.ArrayReference, out receiver);
                default:
                    return null;
            }
        }
    }
}
