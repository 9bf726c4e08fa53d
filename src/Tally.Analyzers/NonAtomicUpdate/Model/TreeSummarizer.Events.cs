using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Events of the compilation and delegate fields handlers are added to: the code that raises the event
    /// (<c>Received?.Invoke(this, e)</c>, <c>Received(this, e)</c>, <c>var h = Received; h?.Invoke(...)</c>) or invokes the
    /// field calls every handler added with <c>+=</c>, on any instance. Both sides meet in a pseudo function per event
    /// (<see cref="EventKeyPrefix"/>) or per field (<see cref="DelegateFieldKeyPrefix"/>): the raise calls it, and it calls
    /// each handler subscribed to it. A raise also calls the pseudo functions of the interface events its event implements
    /// and of the events it overrides, so a handler added through the interface runs where the class raises it. Which
    /// instance a handler was added on is not known: the path is one of calls, never an overlap by construction.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        internal const string EventKeyPrefix = "event:";

        /// <summary><c>x.Received += handler</c> on an instance event, or <c>x.OnRequest += handler</c> on a delegate field, of the compilation; also a store of the handler in a delegate field.</summary>
        private void Subscription(string handlerKey, IOperation delegateOperation)
        {
            var current = delegateOperation;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            string? key = null;
            switch (current.Parent)
            {
                case IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation { Event: { IsStatic: false } added } } assignment when assignment.HandlerValue == current:
                    key = added.IsDeclaredInSource() && Key(added.OriginalDefinition) is { } eventKey ? EventKeyPrefix + eventKey : null;
                    break;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: IFieldReferenceOperation { Field: { IsStatic: false, Type.TypeKind: TypeKind.Delegate } field } } compound
                    when compound.Value == current && field.IsDeclaredInSource():
                    key = Key(field.OriginalDefinition) is { } fieldKey ? DelegateFieldKeyPrefix + fieldKey : null;
                    break;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: IPropertyReferenceOperation { Property.IsStatic: false } property } compound
                    when compound.Value == current:
                    key = DelegateStorageKey(property) is { } propertyKey ? DelegateFieldKeyPrefix + propertyKey : null; // TreeSummarizer.StoredDelegates.cs
                    break;
            }

            if (key != null)
            {
                _summary.Calls.Add(new CallFact(key, handlerKey, null, escapes: false));
            }

            StoredInDelegateStorage(handlerKey, delegateOperation); // _f = handler: TreeSummarizer.StoredDelegates.cs
            AddedDelegate(handlerKey, delegateOperation); // _subs.Add(handler): TreeSummarizer.Subscribers.cs
        }

        /// <summary>
        /// <c>Settings.Changed += handler</c> on a static event declared in source (<see cref="StartSite.StaticEvent"/>): a call
        /// from the event's pseudo function to the handler, as for an instance event. Returns the pseudo function's key for
        /// the handler's entry, which stands only while no raise calls that pseudo function.
        /// </summary>
        private string? StaticEventSubscription(string handlerKey, StartSite site)
        {
            if (site.StaticEvent is not { } added || Key(added.OriginalDefinition) is not { } eventKey)
            {
                return null;
            }

            _summary.Calls.Add(new CallFact(EventKeyPrefix + eventKey, handlerKey, null, escapes: false));
            return EventKeyPrefix + eventKey;
        }

        /// <summary>
        /// A raise of an event of the compilation (instance or static) (<c>Received?.Invoke(...)</c>, <c>Received(...)</c>, through a
        /// local copied from it), or an invocation of a delegate field (<c>OnRequest?.Invoke(...)</c>) on any instance.
        /// </summary>
        private bool EventRaise(IInvocationOperation invocation, FunctionBuilder function)
        {
            if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke)
            {
                return false;
            }

            var invoked = invocation.Instance.WalkDownConversions().ConditionalAccessReceiver().WalkDownConversions();
            if (InvokedElementOf(invoked) is { } collectionKey) // foreach (var s in _subs) s(x): TreeSummarizer.Subscribers.cs
            {
                var elementHeld = Locks(invocation, function, out var elementOuter) ?? ConfinementAt(invocation);
                _summary.Calls.Add(new CallFact(function.Key, DelegateFieldKeyPrefix + collectionKey, elementHeld, escapes: false, outerLocks: elementOuter));
                return true;
            }

            if (invoked is ILocalReferenceOperation local)
            {
                invoked = CopiedFrom(local.Local, function);
            }

            var held = (LockFact?)null;
            var outer = System.Collections.Immutable.ImmutableArray<LockFact>.Empty;
            switch (invoked)
            {
                case IEventReferenceOperation { Event: { } raised } when raised.IsDeclaredInSource():
                    held = Locks(invocation, function, out outer) ?? ConfinementAt(invocation);
                    RaiseCall(function, raised, held, outer);
                    return true;
                case IFieldReferenceOperation { Field: { } field } when field.AssociatedSymbol is IEventSymbol backed && backed.IsDeclaredInSource():
                    held = Locks(invocation, function, out outer) ?? ConfinementAt(invocation);
                    RaiseCall(function, backed, held, outer);
                    return true;
                case IFieldReferenceOperation or IPropertyReferenceOperation when DelegateStorageKey(invoked) is { } storageKey: // TreeSummarizer.StoredDelegates.cs
                    // A direct call of a field on this object DelegateFieldCall has recorded; a conditional one, one on another
                    // object, a static field's or an auto-property's, here.
                    held = Locks(invocation, function, out outer) ?? ConfinementAt(invocation);
                    _summary.Calls.Add(new CallFact(function.Key, DelegateFieldKeyPrefix + storageKey, held, escapes: false, outerLocks: outer));
                    return true;
                default:
                    return false;
            }
        }

        private void RaiseCall(FunctionBuilder function, IEventSymbol raised, LockFact? held, System.Collections.Immutable.ImmutableArray<LockFact> outer)
        {
            var definition = raised.OriginalDefinition;
            if (Key(definition) is { } key)
            {
                _summary.Calls.Add(new CallFact(function.Key, EventKeyPrefix + key, held, escapes: false, outerLocks: outer));
            }

            for (var overridden = definition.OverriddenEvent; overridden != null; overridden = overridden.OverriddenEvent)
            {
                if (Key(overridden.OriginalDefinition) is { } baseKey)
                {
                    _summary.Calls.Add(new CallFact(function.Key, EventKeyPrefix + baseKey, held, escapes: false, outerLocks: outer));
                }
            }

            var type = definition.ContainingType;
            foreach (var contract in type.AllInterfaces)
            {
                foreach (var member in contract.GetMembers(definition.Name))
                {
                    if (member is IEventSymbol contractEvent && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(contractEvent), definition)
                        && Key(contractEvent.OriginalDefinition) is { } contractKey)
                    {
                        _summary.Calls.Add(new CallFact(function.Key, EventKeyPrefix + contractKey, held, escapes: false, outerLocks: outer));
                    }
                }
            }
        }

        /// <summary>What a local of the function was initialised from (<c>var handler = Received;</c>), if declared with a value in it.</summary>
        private IOperation? CopiedFrom(ILocalSymbol local, FunctionBuilder function)
        {
            if (local.DeclaringSyntaxReferences.Length != 1 || !function.Span.Contains(local.DeclaringSyntaxReferences[0].Span)
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value }))
            {
                return null;
            }

            return _model.GetOperation(value, _cancellationToken).WalkDownConversions();
        }
    }
}
