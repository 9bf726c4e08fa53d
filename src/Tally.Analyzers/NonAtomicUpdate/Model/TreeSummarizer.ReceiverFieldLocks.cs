using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A lock on a readonly field of the object a call is made on: <c>lock (services.BreakpointsLock) { services.NextId(); }</c>,
    /// where <c>BreakpointsLock</c> only returns the services object's readonly lock field, or on that object itself:
    /// <c>lock (job) { job.NextNonce(); }</c>, <c>lock (this) { Push(item); }</c>. Inside the callee that is
    /// <c>lock (this.breakpointsLock)</c> or <c>lock (this)</c>: every caller that holds it on the same object excludes
    /// the others. The call records the lock key, the field's or the callee's type's as <c>lock (this)</c> keys it
    /// (<see cref="CallFact.ReceiverFieldLocks"/>); the model uses it for a public callee whose every call in the
    /// compilation holds such a lock (ConcurrencyModel.ReceiverFieldLocks.cs). The receiver must
    /// be the same object in the lock and at the call: <c>this</c>, a readonly field of <c>this</c> or a static readonly
    /// field (outside a constructor, where it may still be assigned), or a by-value local or parameter the member never
    /// writes.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>The lock keys of the call's receiver, or of its readonly fields, that <c>lock</c> statements around the call (in its function) lock.</summary>
        private ImmutableArray<string> ReceiverFieldLocks(IOperation call, IOperation? receiver, ISymbol? callee)
        {
            if (callee == null || callee.IsStatic || receiver == null)
            {
                return ImmutableArray<string>.Empty;
            }

            ImmutableArray<string>.Builder? keys = null;
            for (var current = call.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    break;
                }

                if (current is ILockOperation statement && LockedReceiverKey(statement.LockedValue, receiver, callee) is { } key)
                {
                    (keys ??= ImmutableArray.CreateBuilder<string>()).Add(key);
                }
            }

            return keys == null ? ImmutableArray<string>.Empty : keys.ToImmutable();
        }

        /// <summary>
        /// The callee's lock key that a caller's <c>lock</c> object is on the call's receiver: the key of a readonly field of
        /// the receiver (<c>lock (r.Gate) r.M()</c>: <c>lock (this.gate)</c> in the callee), or the callee's own
        /// <c>lock (this)</c> key when the lock object is the receiver itself (<c>lock (r) r.M()</c>, <c>lock (this) M()</c>).
        /// </summary>
        private string? LockedReceiverKey(IOperation lockedValue, IOperation receiver, ISymbol callee)
        {
            if (ReceiverField(lockedValue, out var lockReceiver) is { } field && SameReceiver(lockReceiver, receiver))
            {
                return Key(field);
            }

            // The lock object as written (a readonly field of this, a local): a local copy of a field is the receiver
            // only as that local, so it is not unaliased to the field.
            return SameReceiver(lockedValue, receiver) && callee.ContainingType is { } type ? Key(type.OriginalDefinition) : null;
        }

        /// <summary>
        /// The readonly instance field a lock object is (<c>x.f</c>), directly or through a property whose getter only
        /// returns it (<c>x.Lock =&gt; f</c>, <see cref="LockFinder.FieldBehind"/>), with the object it is read on.
        /// </summary>
        private static IFieldSymbol? ReceiverField(IOperation lockedValue, out IOperation? instance)
        {
            instance = null;
            switch (LockFinder.UnaliasLockObject(lockedValue).WalkDownConversions())
            {
                case IFieldReferenceOperation { Field: { IsStatic: false, IsReadOnly: true } field } reference:
                    instance = reference.Instance;
                    return field;
                case IPropertyReferenceOperation { Property.IsStatic: false, Arguments.Length: 0 } property
                    when LockFinder.FieldBehind(property.Property) is { IsStatic: false, IsReadOnly: true } behind:
                    instance = property.Instance;
                    return behind;
                default:
                    return null;
            }
        }

        /// <summary>Whether two receivers are one object at both places: <c>this</c>, or the same unchanging field, local or parameter.</summary>
        private bool SameReceiver(IOperation? first, IOperation second)
        {
            var a = first.WalkDownConversions();
            var b = second.WalkDownConversions();
            switch (a)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return b is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
                case IFieldReferenceOperation { Field.IsReadOnly: true } field when b is IFieldReferenceOperation other
                    && SymbolEqualityComparer.Default.Equals(field.Field, other.Field) && !InConstructor(a):
                    return field.Field.IsStatic
                        || (field.Instance.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                            && other.Instance.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance });
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    return SlotLocks.SameUnchangingVariable(a, b, _cancellationToken) != null;
                default:
                    return false;
            }
        }

        /// <summary>Whether the operation is in a constructor or an initializer (also in a lambda there), where a readonly field may still be assigned.</summary>
        private static bool InConstructor(IOperation operation)
        {
            foreach (var ancestor in operation.Syntax.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax member)
                {
                    return member is ConstructorDeclarationSyntax or BaseFieldDeclarationSyntax
                        || (member is PropertyDeclarationSyntax property && property.Initializer != null && property.Initializer.Span.Contains(operation.Syntax.Span))
                        || (member is TypeDeclarationSyntax); // A primary constructor's arguments.
                }
            }

            return false;
        }
    }
}
