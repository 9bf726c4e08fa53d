using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Locks held across methods (fresh sample, family M): a lock taken in one method (<c>AcquireLock</c>) and released
    /// in another (<c>ReleaseLock</c>). Only owner-bound locks count (<c>Monitor</c>, <c>System.Threading.Lock</c>,
    /// <c>Mutex</c>, the write and upgradeable locks of <c>ReaderWriterLockSlim</c>): the thread that took one holds it
    /// until that same thread releases it, and a release by a thread that does not hold it throws. So
    /// <list type="bullet">
    /// <item>code after a blocking acquire, with no release of that lock before it in the function, runs holding the
    /// lock, whether or not the function releases it later (it may return holding it);</item>
    /// <item>code that every normal path leads to a release of the lock, with no acquire of it in between, ran holding
    /// the lock (otherwise the release would throw).</item>
    /// </list>
    /// A <c>SemaphoreSlim</c> (or a <c>SpinLock</c>, whose owner check can be turned off) has no owner: any thread may
    /// release it, so neither inference holds and both stay paired within one block only (LockFinder.FindInBlock).
    /// </summary>
    internal static partial class LockFinder
    {
        /// <summary>
        /// The lock taken by the blocking, owner-bound <paramref name="enter"/> (statement <paramref name="enterIndex"/>
        /// of <paramref name="block"/>) when nothing between it and <paramref name="operation"/> (in statement
        /// <paramref name="index"/>) may release it, also not on a later turn of a loop around the operation.
        /// </summary>
        private static HeldLock? HeldSinceOwnedAcquire(IBlockOperation block, int enterIndex, int index, IInvocationOperation enter, IOperation operation, KnownSymbols known, TallyOptions options)
        {
            if (!IsOwnerBoundEnter(enter, known, options))
            {
                return null;
            }

            var lockSymbol = LockSymbolOfCall(enter);
            var loops = LoopsAround(operation, block.Operations[index]);
            var from = enter.Syntax.Span.End;
            var to = operation.Syntax.SpanStart;
            for (var i = enterIndex; i <= index; i++)
            {
                foreach (var descendant in block.Operations[i].DescendantsAndSelf())
                {
                    if (descendant is IInvocationOperation call && MayRelease(call, lockSymbol, known, options)
                        && ((call.Syntax.SpanStart >= from && call.Syntax.SpanStart < to) || InAnyLoop(call, loops)))
                    {
                        return null;
                    }
                }
            }

            return Held(enter, known);
        }

        /// <summary>
        /// The lock released by an owner-checked release that is a later statement of <paramref name="block"/> than the
        /// one holding <paramref name="operation"/>, when every normal path from the operation reaches that release (no
        /// return, throw, jump, await or yield on the way, no catch around the release that could swallow its failure)
        /// and nothing on the way may take the lock: the thread held it at the operation, or the release would throw.
        /// </summary>
        private static HeldLock? HeldBeforeOwnedRelease(IBlockOperation block, IOperation child, IOperation operation, KnownSymbols known, TallyOptions options)
        {
            var statements = block.Operations;
            var index = statements.IndexOf(child);
            if (index < 0)
            {
                return null;
            }

            IInvocationOperation? release = null;
            var releaseIndex = -1;
            for (var j = index + 1; j < statements.Length && release == null; j++)
            {
                var call = statements[j].AsStatementCall();
                if (call != null && IsOwnerCheckedRelease(call, known) && LockSymbolOfCall(call) != null)
                {
                    release = call;
                    releaseIndex = j;
                }
            }

            if (release == null || CatchesAround(block))
            {
                return null;
            }

            var lockSymbol = LockSymbolOfCall(release);
            var loops = LoopsAround(operation, child);
            var from = operation.Syntax.Span.End;
            for (var i = index; i < releaseIndex; i++)
            {
                foreach (var descendant in statements[i].DescendantsAndSelf())
                {
                    var after = descendant.Syntax.SpanStart >= from;
                    if (!after && !InAnyLoop(descendant, loops))
                    {
                        continue; // Before the operation and not run again after it.
                    }

                    if (LeavesOrSuspends(descendant)
                        || (descendant is IInvocationOperation call && IsEnter(call, known, options) && SameLockSymbol(lockSymbol, LockSymbolOfCall(call))))
                    {
                        return null;
                    }
                }
            }

            return Held(release, known);
        }

        /// <summary>A blocking acquire of a lock only its holder can release (a try-acquire is decided by its test).</summary>
        private static bool IsOwnerBoundEnter(IInvocationOperation call, KnownSymbols known, TallyOptions options)
        {
            if (IsTryEnter(call, known, options))
            {
                return false;
            }

            var type = call.TargetMethod.ContainingType;
            return call.TargetMethod.Name switch
            {
                "Enter" => KnownSymbols.Is(type, known.Monitor) || KnownSymbols.Is(type, known.Lock),
                "EnterWriteLock" or "EnterUpgradeableReadLock" => KnownSymbols.Is(type, known.ReaderWriterLockSlim),
                "WaitOne" => KnownSymbols.Is(call.Instance?.Type, known.Mutex),
                _ => false,
            };
        }

        /// <summary>A release that throws when the calling thread does not hold the lock.</summary>
        private static bool IsOwnerCheckedRelease(IInvocationOperation call, KnownSymbols known)
        {
            var type = call.TargetMethod.ContainingType;
            return call.TargetMethod.Name switch
            {
                "Exit" => KnownSymbols.Is(type, known.Monitor) || KnownSymbols.Is(type, known.Lock),
                "ExitWriteLock" or "ExitUpgradeableReadLock" => KnownSymbols.Is(type, known.ReaderWriterLockSlim),
                "ReleaseMutex" => KnownSymbols.Is(type, known.Mutex),
                _ => false,
            };
        }

        /// <summary>
        /// Whether <paramref name="call"/> may release <paramref name="lockSymbol"/>: any release whose lock is not known
        /// to be another one; a source helper or a configured exit method always may (its lock is not named here).
        /// </summary>
        private static bool MayRelease(IInvocationOperation call, ISymbol? lockSymbol, KnownSymbols known, TallyOptions options)
        {
            if (!IsExit(call, known, options) && !ReaderWriterLocks.IsSharedExit(call, known))
            {
                return false;
            }

            return !IsOwnerCheckedRelease(call, known) || SameLockSymbol(lockSymbol, LockSymbolOfCall(call));
        }

        /// <summary>Whether control may leave the straight way from an operation to a later statement, or change thread.</summary>
        private static bool LeavesOrSuspends(IOperation operation)
            => operation is IReturnOperation or IThrowOperation or IBranchOperation or IAwaitOperation
                || (operation is IInvocationOperation { TargetMethod.Name: "Rethrow" });

        /// <summary>Whether a <c>try</c> with catch clauses encloses <paramref name="block"/> in its function (it could swallow a failed release).</summary>
        private static bool CatchesAround(IOperation block)
        {
            var child = block;
            for (var parent = block.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (parent is ITryOperation tryOperation && tryOperation.Body == child && tryOperation.Catches.Length > 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The loops around <paramref name="operation"/> inside <paramref name="statement"/>: what they hold runs again after it.</summary>
        private static List<IOperation> LoopsAround(IOperation operation, IOperation statement)
        {
            var loops = new List<IOperation>();
            for (var current = operation; current != null && current != statement.Parent; current = current.Parent)
            {
                if (current is ILoopOperation)
                {
                    loops.Add(current);
                }
            }

            return loops;
        }

        private static bool InAnyLoop(IOperation operation, List<IOperation> loops)
        {
            foreach (var loop in loops)
            {
                if (loop.Syntax.Span.Contains(operation.Syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
