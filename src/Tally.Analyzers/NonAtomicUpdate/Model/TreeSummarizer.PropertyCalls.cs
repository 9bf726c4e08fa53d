using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Property and indexer accessors with bodies are methods: reading <c>channel.NextId</c> runs its getter, so an update
    /// in the getter (<c>get { return _nextId++; }</c>) runs wherever the property is read (mined bug set, miss shape M1:
    /// a request id taken from another type's getter by code started per call). Assigning runs the setter; a compound
    /// assignment or <c>++</c> runs both. Auto-property accessors have no code of their own and make no call.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private void PropertyCall(IPropertyReferenceOperation reference, FunctionBuilder function)
        {
            var property = reference.Property;
            if (!property.IsDeclaredInSource()
                || reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            {
                return; // Metadata, or an object initializer's member (the object is being made here).
            }

            var (reads, writes) = AccessorsRun(reference);
            if (reads)
            {
                AccessorCall(reference, property.GetMethod, function);
            }

            if (writes)
            {
                AccessorCall(reference, property.SetMethod, function);
            }
        }

        /// <summary>Which accessors a reference runs: the getter when it is read, the setter when it is assigned.</summary>
        private static (bool Reads, bool Writes) AccessorsRun(IPropertyReferenceOperation reference)
        {
            var parent = reference.Parent;
            return parent switch
            {
                ISimpleAssignmentOperation simple when simple.Target == reference => (false, true),
                IDeconstructionAssignmentOperation => (false, true),
                ICompoundAssignmentOperation compound when compound.Target == reference => (true, true),
                ICoalesceAssignmentOperation coalesce when coalesce.Target == reference => (true, true),
                IIncrementOrDecrementOperation => (true, true),
                _ => (true, false),
            };
        }

        private void AccessorCall(IPropertyReferenceOperation reference, IMethodSymbol? accessor, FunctionBuilder function)
        {
            if (accessor == null || IsAutoAccessor(accessor) || !(Key(accessor) is { } key))
            {
                return;
            }

            var held = Locks(reference, function, out var outer);
            var instance = reference.Instance;
            var onThis = instance.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
            var dispatch = !(accessor.IsVirtual || accessor.IsAbstract || accessor.IsOverride) ? string.Empty
                : onThis && function.Symbol.ContainingType is { } type ? Key(type.OriginalDefinition) : null;
            _summary.Calls.Add(new CallFact(function.Key, key, held ?? ConfinementAt(reference), escapes: false, owned: IsOwnedReceiver(instance, function), dispatchTypeKey: dispatch, outerLocks: outer,
                receiverParameter: ParameterOrdinal(instance, function), guards: GuardsAt(reference), onThis: onThis, taken: IsTakenReceiver(instance, function),
                statement: StatementOf(reference, out var unconditional), unconditional: unconditional, place: StatementPlace.Of(reference),
                sameObject: instance == null ? accessor.IsStatic : IsSameObject(instance, function, 0)));
        }

        /// <summary>An accessor of an auto-property (declared without a body, not abstract): it has no code to run.</summary>
        private static bool IsAutoAccessor(IMethodSymbol accessor)
            => !accessor.IsAbstract && !accessor.IsExtern && accessor.DeclaringSyntaxReferences is { Length: 1 } references
                && references[0].GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
    }
}
