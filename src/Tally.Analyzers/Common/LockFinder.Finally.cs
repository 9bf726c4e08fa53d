using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// The part of a <c>finally</c> before it releases the lock taken before its <c>try</c> (fresh16, CryptoExchange.Net's
    /// rate-limit gate): <c>_gate.Wait(); try { ... } finally { _count--; _gate.Release(); }</c>. The <c>try</c> body and
    /// its catch clauses hold the lock (LockFinder.Walk); so does the <c>finally</c> up to the release, when
    /// <list type="bullet">
    /// <item>a blocking acquire of the lock is an earlier statement of the block that holds the <c>try</c>, with no
    /// release between (LockFinder.FindInBlock: a try-acquire alone, <c>Wait(timeout)</c>, proves nothing);</item>
    /// <item>the release is a later statement of the <c>finally</c> itself, not under an <c>if</c>, a <c>switch</c>, a
    /// loop or a <c>?.</c>: every path through the <c>finally</c> reaches it, so the code says it holds the lock on
    /// every path into it (a release only <c>if (release)</c>, cleared in a catch because a callee gave the lock up,
    /// says the opposite, and stays unlocked);</item>
    /// <item>nothing in the <c>try</c> body, its catch clauses or the <c>finally</c> before the update releases that
    /// lock (a body that gives it up and takes it again is not followed).</item>
    /// </list>
    /// Owner-bound locks (<c>Monitor</c>, <c>EnterWriteLock</c>...) mostly get there already through the release that
    /// would throw (LockFinder.HeldAcrossMethods); this rule also covers a semaphore, a <c>SpinLock</c>, and a configured
    /// or helper lock, which any thread may release.
    /// </summary>
    internal static partial class LockFinder
    {
        /// <summary>
        /// Whether <paramref name="operation"/> runs in the <c>finally</c> of <paramref name="statement"/>, a <c>try</c>
        /// that follows <paramref name="enter"/> in its block, before an unconditional release of the lock it took.
        /// </summary>
        private static bool HeldInFinallyBeforeRelease(IOperation statement, IInvocationOperation enter, IOperation operation, KnownSymbols known, TallyOptions options)
        {
            if (!(statement is ITryOperation { Finally: { } finallyBlock } tryOperation) || StatementIn(finallyBlock, operation) is not { } child)
            {
                return false;
            }

            var lockSymbol = LockSymbolOfCall(enter);
            var statements = finallyBlock.Operations;
            for (var j = statements.IndexOf(child) + 1; j < statements.Length; j++)
            {
                if (statements[j].AsStatementCall() is { } release && IsExit(release, known, options) && SameLockSymbol(lockSymbol, LockSymbolOfCall(release)))
                {
                    return !ReleasedOnPath(operation, finallyBlock, enter, known, options) && !GivenUpInTry(tryOperation, enter, known, options);
                }
            }

            return false;
        }

        /// <summary>The statement of <paramref name="block"/> that holds <paramref name="operation"/>, if any.</summary>
        private static IOperation? StatementIn(IBlockOperation block, IOperation operation)
        {
            for (var child = operation; child.Parent != null; child = child.Parent)
            {
                if (child.Parent == block)
                {
                    return child;
                }
            }

            return null;
        }

        /// <summary>Whether the <c>try</c> body or a catch clause of <paramref name="tryOperation"/> releases what <paramref name="enter"/> took.</summary>
        private static bool GivenUpInTry(ITryOperation tryOperation, IInvocationOperation enter, KnownSymbols known, TallyOptions options)
        {
            if (Releases(tryOperation.Body, enter, known, options))
            {
                return true;
            }

            foreach (var clause in tryOperation.Catches)
            {
                if (Releases(clause, enter, known, options))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
