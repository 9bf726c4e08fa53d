using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Where an operation is in its function's body, block by block: for the body and each block nested in it down to the
    /// operation, the block and the index of the statement holding the operation. It orders a write and the calls that
    /// start a completion chain's next operation inside one branch (<c>if (token != null) { _offset = 200; conn.Send(...); }</c>),
    /// where <see cref="CallFact.Statement"/> only orders the statements of the body (ConcurrencyModel.Chains.cs).
    /// </summary>
    internal sealed class StatementPlace
    {
        // Per level, outermost first: the block's start, its end, the statement's index in it.
        private readonly int[] _levels;

        private StatementPlace(int[] levels, bool inLoop, bool unconditional)
        {
            _levels = levels;
            InLoop = inLoop;
            Unconditional = unconditional;
        }

        /// <summary>Whether a loop of the function is around the operation: what follows it in its block also runs before it.</summary>
        public bool InLoop { get; }

        /// <summary>
        /// Whether the operation runs whenever the statement of its innermost block holding it does (not in a branch, loop
        /// or catch of that statement, nor the right operand of <c>&amp;&amp;</c>, <c>||</c>, <c>??</c>; <c>?.</c> counts as made).
        /// </summary>
        public bool Unconditional { get; }

        private int Depth => _levels.Length / 3;

        /// <summary>The place of <paramref name="operation"/>, or <c>null</c> when it is in a lambda or local function of its function, or outside a body.</summary>
        public static StatementPlace? Of(IOperation operation)
        {
            var levels = new List<int>();
            var unconditional = true;
            var inLoop = false;
            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IBlockOperation block:
                        var index = block.Operations.IndexOf(child);
                        if (index < 0)
                        {
                            return null;
                        }

                        levels.Add(index);
                        levels.Add(block.Syntax.Span.End);
                        levels.Add(block.Syntax.SpanStart);
                        if (block.Parent is IMethodBodyOperation or IConstructorBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                        {
                            levels.Reverse();
                            return new StatementPlace(levels.ToArray(), inLoop, unconditional);
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return null;
                    case ILoopOperation:
                        inLoop = true;
                        unconditional &= levels.Count > 0;
                        break;
                    case var branch when IsConditionalPart(branch, child):
                        unconditional &= levels.Count > 0;
                        break;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether this operation, one that runs whenever its statement does, runs after <paramref name="earlier"/> whenever
        /// that runs: its statement is a later one of a block holding <paramref name="earlier"/> (an early <c>return</c>
        /// between the two is not followed, as for the statements of a body).
        /// </summary>
        public bool Follows(StatementPlace earlier)
        {
            var level = Depth - 1;
            return Unconditional && earlier.Depth > level && SameBlock(level, earlier) && Index(level) > earlier.Index(level);
        }

        /// <summary>
        /// Whether this operation may run before <paramref name="later"/> in one run of the function: its statement comes
        /// first in the innermost block holding both, or both are in one statement of that block (an <c>if</c>'s condition
        /// and its branch, the two branches of one <c>if</c>: taken as may, without looking inside the statement).
        /// </summary>
        public bool MayRunBefore(StatementPlace later)
        {
            for (var level = 0; level < Depth && level < later.Depth; level++)
            {
                if (!SameBlock(level, later) || Index(level) < later.Index(level))
                {
                    return true;
                }

                if (Index(level) > later.Index(level))
                {
                    return false;
                }
            }

            return true;
        }

        private bool SameBlock(int level, StatementPlace other)
            => _levels[3 * level] == other._levels[3 * level] && _levels[(3 * level) + 1] == other._levels[(3 * level) + 1];

        private int Index(int level) => _levels[(3 * level) + 2];

        /// <summary>
        /// Whether <paramref name="child"/> runs only on some runs of <paramref name="parent"/>: a branch of an <c>if</c> or
        /// <c>?:</c>, the right operand of <c>&amp;&amp;</c>, <c>||</c> or <c>??</c>, a switch section or arm, a catch.
        /// </summary>
        public static bool IsConditionalPart(IOperation parent, IOperation child) => parent switch
        {
            IConditionalOperation conditional => conditional.Condition != child,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical => logical.RightOperand == child,
            ICoalesceOperation coalesce => coalesce.WhenNull == child,
            ISwitchCaseOperation or ISwitchExpressionArmOperation or ICatchClauseOperation => true,
            _ => false,
        };
    }
}
