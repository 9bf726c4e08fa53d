using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Whether a write of an object is followed, on every path on which the function still holds the object, by the
    /// function giving it back to its pool (TreeSummarizer.Release.cs). Between the write and the hand-back the function
    /// may leave, or skip the hand-back, only under a condition that does not read the object: a pool that is full
    /// (<c>if (_pool.Count &lt; _max) _pool.Enqueue(msg);</c>) drops the object instead, which ends the holder's use of it
    /// just the same. A condition that reads the object decides whether the holder is the last one
    /// (<c>_refs--; if (_refs &gt; 0) return; Pool.Return(this);</c>, <c>if (--_refs == 0) Pool.Return(this);</c>): the
    /// object is then shared by several holders, and the write is a shared object's.
    /// </summary>
    internal static class HandBackPaths
    {
        /// <summary>Whether <paramref name="handBack"/> follows <paramref name="write"/> on every path that keeps the object (see the class).</summary>
        public static bool Follows(IOperation write, IOperation handBack, IOperation root, int identity, ISymbol function)
        {
            var around = new HashSet<IOperation>();
            for (var parent = write.Parent; parent != null; parent = parent.Parent)
            {
                around.Add(parent);
            }

            IOperation child = handBack;
            for (var parent = handBack.Parent; parent != null && parent != root; child = parent, parent = parent.Parent)
            {
                if (around.Contains(parent))
                {
                    // The innermost statement around both: the hand-back must not sit in a branch of a test the write is in.
                    if (parent is IConditionalOperation test && child != test.Condition && !Contains(child, write)
                        && (Contains(test.Condition, write) ? ReadsObject(test.Condition, identity, function) : true))
                    {
                        return false;
                    }

                    break;
                }

                if (!IsStraight(parent) && !(parent is IConditionalOperation test2 && child != test2.Condition && !ReadsObject(test2.Condition, identity, function)))
                {
                    return false;
                }
            }

            foreach (var exit in root.Descendants())
            {
                if (exit is IReturnOperation or IBranchOperation or IThrowOperation
                    && exit.Syntax.SpanStart >= write.Syntax.Span.End && exit.Syntax.SpanStart < handBack.Syntax.SpanStart
                    && !LeavesWithoutTheObject(exit, around, identity, function))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether an early exit between the write and the hand-back skips it only on a path that drops the object (under a
        /// test that does not read it), or is a <c>break</c>/<c>continue</c> of a loop between the two.
        /// </summary>
        private static bool LeavesWithoutTheObject(IOperation exit, HashSet<IOperation> around, int identity, ISymbol function)
        {
            var guarded = false;
            IOperation child = exit;
            for (var parent = exit.Parent; parent != null && !around.Contains(parent); child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return true; // Another function's exit.
                    case ILoopOperation when exit is IBranchOperation:
                        return true; // break or continue of a loop that lies between the two.
                    case IConditionalOperation test when child != test.Condition:
                        if (ReadsObject(test.Condition, identity, function))
                        {
                            return false;
                        }

                        guarded = true;
                        break;
                }
            }

            return guarded;
        }

        /// <summary>Statements that run whatever happens once they are entered.</summary>
        private static bool IsStraight(IOperation operation)
            => operation is IBlockOperation or IExpressionStatementOperation or ILockOperation or IUsingOperation
                or ITryOperation or IConversionOperation or IArgumentOperation or IInvocationOperation
                or ISimpleAssignmentOperation or IMethodBodyOperation;

        private static bool Contains(IOperation outer, IOperation inner)
        {
            for (var current = inner; current != null; current = current.Parent)
            {
                if (current == outer)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the condition reads the object given back: <c>this</c> (any member of it), or the parameter.</summary>
        private static bool ReadsObject(IOperation condition, int identity, ISymbol function)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } when identity < 0:
                        return true;
                    case IParameterReferenceOperation parameter when parameter.Parameter.Ordinal == identity
                            && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function):
                        return true;
                }
            }

            return false;
        }
    }
}
