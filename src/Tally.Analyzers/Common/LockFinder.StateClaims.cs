using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// State claims (<see cref="StateClaims"/>) as locks: where the walk of <see cref="LockFinder"/> meets one, the claim's
    /// field is held like a lock object.
    /// </summary>
    internal static partial class LockFinder
    {
        /// <summary>
        /// The claim held at <paramref name="operation"/> (inside <paramref name="child"/>, a statement of
        /// <paramref name="block"/>) by a claim earlier in the block: a <c>lock</c> statement that checks and sets the
        /// state, with no write of the state between it and <paramref name="operation"/> (such a write may give the
        /// claim back).
        /// </summary>
        private static HeldLock? ClaimedInBlock(IBlockOperation block, IOperation child, IOperation operation)
        {
            var statements = block.Operations;
            var index = statements.IndexOf(child);
            for (var i = index - 1; i >= 0; i--)
            {
                if (StateClaims.ClaimOf(statements[i]) is { } claim)
                {
                    return StateClaims.IsSound(claim) && !StateClaims.WrittenOnTheWay(claim.Field, block, i, operation)
                        ? new HeldLock(statements[i].Syntax, claim.Field, perInstance: !claim.Field.IsStatic)
                        : (HeldLock?)null;
                }
            }

            return null;
        }

        /// <summary>
        /// The nearest check in <paramref name="block"/> before <paramref name="child"/> that leaves unless a state is
        /// free (no wait on the lock between them). It holds the state's claim if a lock around it is the lock the
        /// state's claimants take (<see cref="GatedBy"/>): while that lock is held and the state is free, no claimant runs.
        /// </summary>
        private static (StateGuard Guard, IOperation At)? GuardInBlock(IBlockOperation block, IOperation child)
        {
            var statements = block.Operations;
            var index = statements.IndexOf(child);
            for (var i = index - 1; i >= 0; i--)
            {
                if (StateClaims.GuardOf(statements[i]) is { } guard)
                {
                    return StateClaims.WaitsOnTheWay(statements, i, index) ? null : (guard, statements[i]);
                }
            }

            return null;
        }

        /// <summary>
        /// The state claim held at <paramref name="child"/> of <paramref name="block"/> (<see cref="ClaimedInBlock"/>); a
        /// check of a state before it becomes <paramref name="gate"/>, pending until a lock around it is found.
        /// </summary>
        private static HeldLock? ClaimAt(IBlockOperation block, IOperation child, IOperation operation, ref (StateGuard Guard, IOperation At)? gate)
        {
            gate ??= GuardInBlock(block, child);
            return ClaimedInBlock(block, child, operation);
        }

        /// <summary>
        /// The claim a pending check holds once <paramref name="held"/>, a lock around it, turns out to be its
        /// claimants' lock (the check is then used up).
        /// </summary>
        private static HeldLock? GatedBy(ref (StateGuard Guard, IOperation At)? gate, HeldLock? held)
        {
            if (!(gate is { } pending) || !(held is { } around) || !StateClaims.IsSoundGate(pending.Guard, around, pending.At))
            {
                return null;
            }

            gate = null;
            return new HeldLock(pending.At.Syntax, pending.Guard.Field, perInstance: !pending.Guard.Field.IsStatic);
        }
    }
}
