using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Delegates the code stores in a delegate field or auto-property of the compilation: a lambda, anonymous method,
    /// local function or method group assigned to it (<c>_taskFunction = async item =&gt; { ... };</c> in a constructor, a
    /// field or property initializer, <c>_step ??= Step;</c>, any assignment, either branch of a conditional or a
    /// <c>??</c>). The storage's pseudo function (<see cref="DelegateFieldKeyPrefix"/>) calls each of them, so every
    /// invocation of the storage (<c>_f(x)</c>, <c>_f.Invoke(x)</c>, <c>_f?.Invoke(x)</c>, on any object:
    /// TreeSummarizer.DelegateFields.cs and TreeSummarizer.Events.cs) runs them, as a raise runs an event's handlers. A
    /// copy of another such storage (<c>_f = _g;</c>) makes the first call the second. The assignment keeps its escaping
    /// call of the delegate (<see cref="HandedDelegate"/>): the link adds a way in and takes none away. A value the model
    /// cannot see (a parameter, a call's result, a delegate of another assembly) is not linked, as before. Which object's
    /// storage holds which delegate is not known: the path is one of calls, never an overlap by construction.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>Links a delegate of the compilation to the delegate storage it is assigned to, if it is.</summary>
        private void StoredInDelegateStorage(string functionKey, IOperation delegateOperation)
        {
            var current = delegateOperation;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation or ICoalesceOperation
                || (current.Parent is IConditionalOperation conditional && conditional.Condition != current && conditional.Type != null))
            {
                current = current.Parent;
            }

            var key = current.Parent switch
            {
                ISimpleAssignmentOperation assignment when assignment.Value == current => DelegateStorageKey(assignment.Target),
                ICoalesceAssignmentOperation coalesce when coalesce.Value == current => DelegateStorageKey(coalesce.Target),
                IFieldInitializerOperation { InitializedFields.Length: 1 } initializer => DelegateStorageKey(initializer.InitializedFields[0]),
                IPropertyInitializerOperation { InitializedProperties.Length: 1 } initializer => DelegateStorageKey(initializer.InitializedProperties[0]),
                _ => null,
            };
            if (key != null)
            {
                _summary.Calls.Add(new CallFact(DelegateFieldKeyPrefix + key, functionKey, null, escapes: false));
            }
        }

        /// <summary><c>_f = _g;</c> between two delegate storages of the compilation: invoking the first runs what the second holds.</summary>
        private void CopiedDelegateStorage(ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target.Type?.TypeKind != TypeKind.Delegate
                || !(assignment.Value.WalkDownConversions() is IFieldReferenceOperation or IPropertyReferenceOperation)
                || DelegateStorageKey(assignment.Value.WalkDownConversions()) is not { } sourceKey
                || DelegateStorageKey(assignment.Target) is not { } targetKey)
            {
                return;
            }

            _summary.Calls.Add(new CallFact(DelegateFieldKeyPrefix + targetKey, DelegateFieldKeyPrefix + sourceKey, null, escapes: false));
        }

        /// <summary>The key of the delegate field or auto-property of the compilation that <paramref name="reference"/> names, if it does.</summary>
        private string? DelegateStorageKey(IOperation? reference) => reference.WalkDownConversions() switch
        {
            IFieldReferenceOperation field => DelegateStorageKey(field.Field),
            IPropertyReferenceOperation { Arguments.Length: 0 } property => DelegateStorageKey(property.Property),
            _ => null,
        };

        private string? DelegateStorageKey(ISymbol storage)
        {
            var definition = storage.OriginalDefinition;
            switch (definition)
            {
                case IFieldSymbol { IsConst: false, AssociatedSymbol: null, Type.TypeKind: TypeKind.Delegate } field when field.IsDeclaredInSource():
                    return Key(field);
                case IPropertySymbol { IsIndexer: false, IsAbstract: false, Type.TypeKind: TypeKind.Delegate } property when property.IsDeclaredInSource() && IsAutoDeclared(property):
                    return Key(property);
                default:
                    return null;
            }
        }

        /// <summary>A property declared <c>{ get; }</c>, <c>{ get; set; }</c> or <c>{ get; init; }</c>: a field by another name.</summary>
        private bool IsAutoDeclared(IPropertySymbol property)
        {
            var references = property.DeclaringSyntaxReferences;
            if (references.Length != 1 || !(references[0].GetSyntax(_cancellationToken) is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }))
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body != null || accessor.ExpressionBody != null)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
