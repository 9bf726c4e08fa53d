using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A method's delegate parameter kept for later (<c>Subscribe(Action&lt;T&gt; handler)</c> that adds it to a subscriber
    /// list, <c>_handler += handler</c>, <c>_onDone = callback</c>, an instance event's <c>Changed += handler</c>): the
    /// storage's pseudo function calls the parameter, so the delegates handed to the method run where the storage is
    /// invoked (TreeSummarizer.Subscribers.cs, TreeSummarizer.StoredDelegates.cs, TreeSummarizer.Events.cs). When every
    /// mention of the parameter in its method stores it that way, removes it, looks it up, tests it for null or passes it
    /// on (TreeSummarizer.StoredCallbacks.cs), and the storage does not leak (private, and its type only adds to it,
    /// invokes it, copies it into a local or another list, counts or clears it), the method gets the parameter's "stored
    /// only" marker: the code that hands it a delegate does not run it there.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private HashSet<string>? _subscribedParameters;

        /// <summary>A delegate parameter of an ordinary method stored in a delegate list, field or event of the compilation.</summary>
        private void SubscribedParameter(IParameterReferenceOperation reference)
        {
            if (reference.Type?.TypeKind != TypeKind.Delegate
                || !(reference.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } owner)
                || Key(owner.OriginalDefinition) is not { } ownerKey)
            {
                return;
            }

            var parameterKey = ParameterKey(ownerKey, reference.Parameter.Ordinal);
            if (StorageOfParameter(reference) is { } storageKey)
            {
                _summary.Calls.Add(new CallFact(storageKey, parameterKey, null, escapes: false));
            }
            else if (!(reference.Syntax is IdentifierNameSyntax name && KeptMention(name, owner)))
            {
                return; // Neither stored nor removed, looked up or compared: the marker is not for this method.
            }

            if (!owner.IsVirtual && !owner.IsAbstract && (_subscribedParameters ??= new HashSet<string>()).Add(parameterKey)
                && EveryMention(reference.Parameter, owner, identifier => KeptMention(identifier, owner))) // TreeSummarizer.DelegateFields.cs
            {
                _summary.Calls.Add(new CallFact(ownerKey, StoredOnlyKeyOf(parameterKey), null, escapes: false));
            }
        }

        /// <summary>The pseudo function of the storage the parameter reference is stored in, if it is stored.</summary>
        private string? StorageOfParameter(IOperation reference)
        {
            if (AddedToDelegateCollection(reference) is { } listKey) // TreeSummarizer.Subscribers.cs
            {
                return DelegateFieldKeyPrefix + listKey;
            }

            var current = reference;
            while (current.Parent is IConversionOperation or IDelegateCreationOperation)
            {
                current = current.Parent;
            }

            switch (current.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Value == current:
                    return DelegateStorageKey(assignment.Target) is { } assigned ? DelegateFieldKeyPrefix + assigned : null; // TreeSummarizer.StoredDelegates.cs
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } compound when compound.Value == current:
                    return DelegateStorageKey(compound.Target) is { } added ? DelegateFieldKeyPrefix + added : null;
                case IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation { Event: { IsStatic: false } subscribed } } assignment
                    when assignment.HandlerValue == current && subscribed.IsDeclaredInSource():
                    return Key(subscribed.OriginalDefinition) is { } eventKey ? EventKeyPrefix + eventKey : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether one mention of a delegate parameter in its method leaves the delegate unrun: stored in (or removed from)
        /// a storage of the compilation that does not leak, looked up in it, compared (<c>==</c>, <c>is null</c>), named by
        /// <c>nameof</c>, or passed on to a source method or constructor.
        /// </summary>
        private bool KeptMention(IdentifierNameSyntax identifier, IMethodSymbol owner)
        {
            if (ForwardedMention(identifier, owner)) // TreeSummarizer.StoredCallbacks.cs
            {
                return true;
            }

            switch (identifier.Parent)
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax or UnaryPatternSyntax }:
                    return true;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } }:
                    return true;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }:
                    return _model.GetOperation(call, _cancellationToken) is IInvocationOperation { Instance: { } list } invocation
                        && invocation.TargetMethod.Name is "Add" or "TryAdd" or "Insert" or "Push" or "Enqueue" or "AddFirst" or "AddLast" or "Remove" or "TryRemove" or "Contains" or "IndexOf"
                        && list.WalkDownConversions() is IFieldReferenceOperation or IPropertyReferenceOperation
                        && DelegateCollectionKey(list) is not null
                        && StoredSymbol(list) is { } storage && !Leaks(storage);
                case AssignmentExpressionSyntax assignment when assignment.Right == identifier
                    && (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.AddAssignmentExpression) || assignment.IsKind(SyntaxKind.SubtractAssignmentExpression)):
                    var target = _model.GetOperation(assignment.Left, _cancellationToken).WalkDownConversions();
                    if (target is IEventReferenceOperation { Event: { IsStatic: false } kept })
                    {
                        return kept.IsDeclaredInSource();
                    }

                    return DelegateStorageKey(target) != null && StoredSymbol(target) is { } field && !Leaks(field);
                default:
                    return false;
            }
        }

        private static ISymbol? StoredSymbol(IOperation? reference) => reference.WalkDownConversions() switch
        {
            IFieldReferenceOperation field => field.Field.OriginalDefinition,
            IPropertyReferenceOperation property => property.Property.OriginalDefinition,
            _ => null,
        };

        /// <summary>
        /// Whether a delegate storage may hand its delegates to code the model does not follow: it is not private, its type
        /// is declared in more than this tree, or its type mentions it other than to add to it, remove from it, look it up,
        /// invoke it or its elements, iterate or copy it (into a local, another list, an array), count, clear or lock it,
        /// compare it, or read it with <c>Volatile</c>/<c>Interlocked</c> (a syntax scan, like
        /// <see cref="OnlyInvoked"/>). A list copied with <c>ToArray</c> is not followed further.
        /// </summary>
        private bool Leaks(ISymbol storage)
        {
            var type = storage.ContainingType;
            if (storage.DeclaredAccessibility != Accessibility.Private || type == null || type.DeclaringSyntaxReferences.Length != 1
                || type.DeclaringSyntaxReferences[0].SyntaxTree != _model.SyntaxTree)
            {
                return true;
            }

            foreach (var node in type.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken).DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == storage.Name && !(identifier.Parent is VariableDeclaratorSyntax)
                    && !InnocentStorageMention(identifier))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InnocentStorageMention(IdentifierNameSyntax identifier)
        {
            ExpressionSyntax reference = identifier;
            if (identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } qualified && qualified.Name == identifier)
            {
                reference = qualified; // this._subs, or Type._subs for a static list
            }

            switch (reference.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == reference:
                case InvocationExpressionSyntax call when call.Expression == reference:
                case ForEachStatementSyntax loop when loop.Expression == reference:
                case LockStatementSyntax:
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax } } }:
                case IsPatternExpressionSyntax:
                    return true;
                case MemberAccessExpressionSyntax access when access.Expression == reference:
                    return InnocentMember(access.Name.Identifier.ValueText);
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == reference:
                    return conditional.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } && InnocentMember(binding.Name.Identifier.ValueText)
                        || conditional.WhenNotNull is MemberBindingExpressionSyntax member && InnocentMember(member.Name.Identifier.ValueText);
                case ElementAccessExpressionSyntax element when element.Expression == reference:
                    return element.Parent is InvocationExpressionSyntax elementCall && elementCall.Expression == element
                        || element.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke" };
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    return true;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Volatile" or "Interlocked" } } } } }:
                    return true;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } }:
                    // new List<Action<T>>(_subs), kept in a local or another storage, or copied on (.ToArray()).
                    return creation.Parent is EqualsValueClauseSyntax or AssignmentExpressionSyntax
                        || (creation.Parent is MemberAccessExpressionSyntax copy && copy.Expression == creation && InnocentMember(copy.Name.Identifier.ValueText));
                default:
                    return false;
            }
        }

        private static bool InnocentMember(string name) => name is "Add" or "TryAdd" or "Insert" or "Push" or "Enqueue" or "AddFirst" or "AddLast"
            or "Remove" or "TryRemove" or "RemoveAt" or "RemoveAll" or "Contains" or "Clear" or "Count" or "Length" or "IsEmpty" or "Any" or "IndexOf"
            or "ToArray" or "ToList" or "ToImmutableArray" or "ToImmutableList" or "ForEach" or "Invoke";
    }
}
