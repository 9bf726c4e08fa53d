using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A lock on the very object the update writes: <c>lock (summary) { summary.Failed |= f; }</c>, with <c>summary</c> a
    /// local or parameter (often captured by every task a loop starts). A lock on a local is per key in general (two
    /// callers may hold two objects), but here each update holds the lock of the object it writes, so two updates of one
    /// object hold one lock, whatever the variable's value is. The variable must be the same unchanging by-value local or
    /// parameter in the lock and in the update (<see cref="SlotLocks.SameUnchangingVariable"/>). Such a write is summarised
    /// with an exclusive lock keyed by the storage (<see cref="KeyPrefix"/>), which only other writes of that storage
    /// locked on their own receiver share.
    /// </summary>
    internal static class OwnObjectLocks
    {
        /// <summary>The prefix of the lock key such a write holds (the storage's key follows).</summary>
        public const string KeyPrefix = "own-object-of:";

        /// <summary>Whether <paramref name="update"/> writes a field or property of the object the lock at <paramref name="held"/> is taken on.</summary>
        public static bool LocksItsReceiver(IOperation update, HeldLock held, CancellationToken cancellationToken)
        {
            var receiver = SlotLocks.TargetOf(update).WalkDownConversions() switch
            {
                IFieldReferenceOperation { Field.IsStatic: false } field => field.Instance,
                IPropertyReferenceOperation { Property.IsStatic: false, Arguments.Length: 0 } property => property.Instance,
                _ => null,
            };
            if (receiver == null || !held.IsPerKey || held.Syntax is not LockStatementSyntax)
            {
                return false;
            }

            return SlotLocks.LockAround(update, held.Syntax) is { } lockOperation
                && SlotLocks.SameUnchangingVariable(receiver.WalkDownConversions(), lockOperation.LockedValue.WalkDownConversions(), cancellationToken) != null;
        }
    }
}
