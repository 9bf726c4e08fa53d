using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Property and indexer getters with bodies are methods: reading <c>channel.NextId</c> runs its getter, so an update in
    /// the getter (<c>get { return _nextId++; }</c>) runs wherever the property is read (mined bug set, miss shape M1: a
    /// request id taken from another type's getter by code started per call). A compound assignment or <c>++</c> of a
    /// property reads it too. Setters are calls the same way (<see cref="SetterCall"/>, through <see cref="AccessorCall"/>).
    /// Auto-property accessors have no code of their own and make no call.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private void GetterCall(IPropertyReferenceOperation reference, FunctionBuilder function)
        {
            if (IsRead(reference) && !(reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }))
            {
                AccessorCall(reference, reference, reference.Property.GetMethod, function);
            }
        }

        /// <summary>
        /// Records running a property's accessor (its getter where it is read, its setter where it is assigned) as a call
        /// from <paramref name="at"/>, the operation that runs it, with the same facts as a method call on the same
        /// receiver. An accessor without code of its own (an auto-property's) makes no call.
        /// </summary>
        private void AccessorCall(IOperation at, IPropertyReferenceOperation reference, IMethodSymbol? accessor, FunctionBuilder function)
        {
            if (accessor == null || !reference.Property.IsDeclaredInSource() || IsAutoAccessor(accessor) || !(Key(accessor) is { } key))
            {
                return;
            }

            var held = Locks(at, function, out var outer);
            var instance = reference.Instance;
            var onThis = instance.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
            var dispatch = DispatchTypeKey(accessor.IsVirtual || accessor.IsAbstract || accessor.IsOverride, instance, function); // TreeSummarizer.Calls.cs
            _summary.Calls.Add(new CallFact(function.Key, key, held ?? ConfinementAt(at), escapes: false, owned: IsOwnedReceiver(instance, function), dispatchTypeKey: dispatch, outerLocks: outer,
                receiverParameter: ParameterOrdinal(instance, function), guards: GuardsAt(at), onThis: onThis, taken: IsTakenReceiver(instance, function),
                statement: StatementOf(at, out var unconditional), unconditional: unconditional, place: StatementPlace.Of(at),
                sameObject: instance == null ? accessor.IsStatic : IsSameObject(instance, function, 0), receiverFieldLocks: ReceiverFieldLocks(at, instance, accessor)).WithLazyGuard(LazyGuardAt(at)).WithReceiverInterface(ReceiverInterface(instance, accessor)));
        }

        /// <summary>Whether the reference reads the property: anything but the target of a plain assignment or a deconstruction.</summary>
        private static bool IsRead(IPropertyReferenceOperation reference) => reference.Parent switch
        {
            ISimpleAssignmentOperation simple => simple.Target != reference,
            IDeconstructionAssignmentOperation deconstruction => deconstruction.Target != reference,
            ITupleOperation { Parent: IDeconstructionAssignmentOperation outer } tuple => outer.Target != tuple,
            _ => true,
        };

        /// <summary>An accessor of an auto-property (declared without a body, not abstract): it has no code to run.</summary>
        private static bool IsAutoAccessor(IMethodSymbol accessor)
            => !accessor.IsAbstract && !accessor.IsExtern && accessor.DeclaringSyntaxReferences is { Length: 1 } references
                && references[0].GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
    }
}
