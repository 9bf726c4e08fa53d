using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>How a reader-writer lock is held.</summary>
    internal enum LockMode : byte
    {
        /// <summary>Not a reader-writer hold.</summary>
        None,

        /// <summary>The write lock: excludes every other holder.</summary>
        Exclusive,

        /// <summary>The read lock: many threads hold it at once; it excludes only the write lock.</summary>
        Shared,

        /// <summary>The upgradeable read lock: one holder at a time, but readers run beside it.</summary>
        Upgradeable,
    }

    /// <summary>
    /// The reader-writer locks of <c>System.Threading</c> (<c>ReaderWriterLockSlim</c> and the older
    /// <c>ReaderWriterLock</c>): which calls take and release their read lock, which take the older type's writer lock, and
    /// which of their properties say that the current thread holds a mode (<c>if (_rw.IsReaderLockHeld) ...</c>). A read
    /// lock is shared: two threads updating a count under it overlap, so it is no lock against other readers.
    /// </summary>
    internal static class ReaderWriterLocks
    {
        /// <summary>Whether <paramref name="invocation"/> takes a read lock (<c>EnterReadLock</c>, <c>TryEnterReadLock</c>, <c>AcquireReaderLock</c>).</summary>
        public static bool IsSharedEnter(IInvocationOperation invocation, KnownSymbols known)
            => invocation.TargetMethod.Name switch
            {
                "EnterReadLock" or "TryEnterReadLock" => KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.ReaderWriterLockSlim),
                "AcquireReaderLock" => IsClassic(invocation.TargetMethod.ContainingType),
                _ => false,
            };

        /// <summary>Whether <paramref name="invocation"/> releases a read lock (<c>ExitReadLock</c>, <c>ReleaseReaderLock</c>).</summary>
        public static bool IsSharedExit(IInvocationOperation invocation, KnownSymbols known)
            => invocation.TargetMethod.Name switch
            {
                "ExitReadLock" => KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.ReaderWriterLockSlim),
                "ReleaseReaderLock" => IsClassic(invocation.TargetMethod.ContainingType),
                _ => false,
            };

        /// <summary>Whether <paramref name="invocation"/> takes the older <c>ReaderWriterLock</c>'s writer lock.</summary>
        public static bool IsClassicWriterEnter(IInvocationOperation invocation)
            => invocation.TargetMethod.Name == "AcquireWriterLock" && IsClassic(invocation.TargetMethod.ContainingType);

        /// <summary>Whether <paramref name="invocation"/> releases the older <c>ReaderWriterLock</c>'s writer lock.</summary>
        public static bool IsClassicWriterExit(IInvocationOperation invocation)
            => invocation.TargetMethod.Name == "ReleaseWriterLock" && IsClassic(invocation.TargetMethod.ContainingType);

        /// <summary>The mode an enter or exit call of a reader-writer lock works on; <see cref="LockMode.None"/> for other lock calls.</summary>
        public static LockMode ModeOfCall(IInvocationOperation invocation, KnownSymbols known)
        {
            if (IsSharedEnter(invocation, known) || IsSharedExit(invocation, known))
            {
                return LockMode.Shared;
            }

            var name = invocation.TargetMethod.Name;
            return name.EndsWith("UpgradeableReadLock", System.StringComparison.Ordinal) && KnownSymbols.Is(invocation.TargetMethod.ContainingType, known.ReaderWriterLockSlim)
                ? LockMode.Upgradeable
                : LockMode.None;
        }

        /// <summary>
        /// The mode a branch condition says the current thread holds: <c>_rw.IsReadLockHeld</c> / <c>IsReaderLockHeld</c>
        /// (shared), <c>IsWriteLockHeld</c> / <c>IsWriterLockHeld</c> (exclusive), <c>IsUpgradeableReadLockHeld</c>, alone or
        /// as a term of <c>&amp;&amp;</c>; <paramref name="lockObject"/> is the lock's expression.
        /// </summary>
        public static LockMode HeldInBranch(IOperation condition, KnownSymbols known, out IOperation? lockObject)
        {
            lockObject = null;
            switch (condition.WalkDownConversions())
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    var left = HeldInBranch(both.LeftOperand, known, out lockObject);
                    return left != LockMode.None ? left : HeldInBranch(both.RightOperand, known, out lockObject);
                case IPropertyReferenceOperation { Instance: { } instance } property:
                    var type = property.Property.ContainingType;
                    var slim = KnownSymbols.Is(type, known.ReaderWriterLockSlim);
                    if (!slim && !IsClassic(type))
                    {
                        return LockMode.None;
                    }

                    lockObject = instance;
                    switch (property.Property.Name)
                    {
                        case "IsReadLockHeld" when slim:
                        case "IsReaderLockHeld" when !slim:
                            return LockMode.Shared;
                        case "IsWriteLockHeld" when slim:
                        case "IsWriterLockHeld" when !slim:
                            return LockMode.Exclusive;
                        case "IsUpgradeableReadLockHeld" when slim:
                            return LockMode.Upgradeable;
                    }

                    lockObject = null;
                    return LockMode.None;
                default:
                    return LockMode.None;
            }
        }

        /// <summary>
        /// The hold a check of a reader-writer lock's state gives the code it guards, <paramref name="child"/> of
        /// <paramref name="parent"/>: the true branch of <c>if (_rw.IsReaderLockHeld) { ... }</c>, or the right operand of
        /// <c>_rw.IsReaderLockHeld &amp;&amp; --_depth == 0</c>, runs holding the read lock (shared); with
        /// <c>IsWriteLockHeld</c>, the write lock. <c>null</c> for anything else.
        /// </summary>
        public static HeldLock? BranchHold(IOperation parent, IOperation child, KnownSymbols known)
        {
            var condition = parent switch
            {
                IConditionalOperation branch when branch.WhenTrue == child => branch.Condition,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction when conjunction.RightOperand == child => conjunction.LeftOperand,
                _ => null,
            };
            if (condition == null)
            {
                return null;
            }

            var mode = HeldInBranch(condition, known, out var lockObject);
            return mode == LockMode.None || lockObject == null
                ? null
                : new HeldLock(condition.Syntax, LockFinder.LockSymbolOf(lockObject), LockFinder.IsPerKey(lockObject), PerInstanceLock.Of(lockObject), mode == LockMode.Exclusive ? LockMode.None : mode);
        }

        /// <summary>A read lock's release in a <c>finally</c> (<c>_rw.ExitReadLock()</c>): the <c>try</c> runs holding the read lock.</summary>
        public static IInvocationOperation? FindSharedExit(IOperation root, KnownSymbols known)
        {
            foreach (var descendant in root.Descendants())
            {
                if (descendant is IInvocationOperation invocation && IsSharedExit(invocation, known))
                {
                    return invocation;
                }
            }

            return null;
        }

        /// <summary>
        /// The read hold a statement call of a block gives the statement at <paramref name="index"/>: the call at
        /// <paramref name="at"/> takes the read lock, no statement between releases it, and one after does
        /// (<c>_rw.EnterReadLock(); _hits++; _rw.ExitReadLock();</c>, or a <c>try</c> whose <c>finally</c> releases).
        /// </summary>
        public static HeldLock? SharedHoldInBlock(IInvocationOperation call, ImmutableArray<IOperation> statements, int at, int index, KnownSymbols known)
        {
            if (!IsSharedEnter(call, known))
            {
                return null;
            }

            for (var k = at + 1; k < index; k++)
            {
                if (statements[k].AsStatementCall() is { } between && IsSharedExit(between, known))
                {
                    return null;
                }
            }

            return ReleasedLater(statements, index, call, known, IsSharedExit)
                ? new HeldLock(call.Syntax, LockFinder.LockSymbolOfCall(call), LockFinder.IsPerKeyCall(call), PerInstanceLock.OfCall(call), LockMode.Shared)
                : null;
        }

        /// <summary>Whether a statement after <paramref name="index"/> releases what <paramref name="enter"/> took (a call, or a <c>try</c> whose <c>finally</c> does).</summary>
        private static bool ReleasedLater(ImmutableArray<IOperation> statements, int index, IInvocationOperation enter, KnownSymbols known, Func<IInvocationOperation, KnownSymbols, bool> isRelease)
        {
            var enterSymbol = LockFinder.LockSymbolOfCall(enter);
            for (var j = index + 1; j < statements.Length; j++)
            {
                var later = statements[j].AsStatementCall();
                if (later != null && isRelease(later, known))
                {
                    return LockFinder.SameLockSymbol(enterSymbol, LockFinder.LockSymbolOfCall(later));
                }

                if (statements[j] is ITryOperation tryOperation && tryOperation.Finally != null)
                {
                    foreach (var descendant in tryOperation.Finally.Descendants())
                    {
                        if (descendant is IInvocationOperation invocation && isRelease(invocation, known))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="type"/> is <c>System.Threading.ReaderWriterLock</c>, the older reader-writer lock.</summary>
        public static bool IsClassic(ITypeSymbol? type)
            => type is { Name: "ReaderWriterLock" }
                && type.ContainingNamespace is { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }
}
