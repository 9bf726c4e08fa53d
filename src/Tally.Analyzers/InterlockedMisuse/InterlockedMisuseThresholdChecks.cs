using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// Reads after a discarded <c>Interlocked</c> step that stand for "the count now" rather than for this thread's own
    /// result (TALLY007 does not report them on their own):
    /// <code>
    /// Interlocked.Increment(ref _connections);
    /// if (_connections >= _max) { _listening = false; _listener.Stop(); }
    /// </code>
    /// A relational test (<c>&lt; &lt;= &gt; &gt;=</c>) of the returned value against a limit is already true for every
    /// thread whose step ended at or past the limit: it singles out no thread, unlike <c>==</c> (the one thread that hit
    /// the value) or the value used as an id, an index, a result or a stored value. The re-read differs only in also
    /// seeing the steps other threads made since (up or down), so it says whether the count is past the limit now,
    /// which is what a side action on shared state (pause a listener, raise a flag, log) responds to. When the branch
    /// decides this thread's own course instead (it leaves: <c>return false</c>, <c>throw</c>, <c>continue</c>; or it
    /// undoes the thread's own step), the returned value is the thread's ticket and the re-read can reject two threads
    /// where one should pass: still reported.
    /// </summary>
    internal static class InterlockedMisuseThresholdChecks
    {
        /// <summary>
        /// Whether <paramref name="reference"/> is an operand of a relational comparison, the other operand not reading the
        /// field, whose value only decides an <c>if</c> statement (through <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>) whose
        /// branches neither leave nor write the field.
        /// </summary>
        public static bool IsThresholdCheck(IOperation reference, StorageReference location)
        {
            var operand = SkipConversions(reference);
            if (!(operand.Parent is IBinaryOperation comparison) || !IsRelational(comparison.OperatorKind))
            {
                return false;
            }

            var other = comparison.LeftOperand == operand ? comparison.RightOperand : comparison.LeftOperand;
            if (InterlockedMisuseReadAfterScanner.MentionsAnywhere(other, location))
            {
                return false;
            }

            IOperation current = comparison;
            while (current.Parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }
                   or IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }
                   or IParenthesizedOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IConditionalOperation { Syntax: IfStatementSyntax } branch
                   && branch.Condition == current
                   && KeepsItsCourse(branch.WhenTrue, location)
                   && (branch.WhenFalse is null || KeepsItsCourse(branch.WhenFalse, location));
        }

        private static IOperation SkipConversions(IOperation operation)
        {
            while (operation.Parent is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static bool IsRelational(BinaryOperatorKind kind)
            => kind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

        /// <summary>
        /// Whether the branch lets the thread go on after the <c>if</c> as it would have without it: no <c>return</c>,
        /// <c>yield</c>, <c>throw</c>, <c>break</c>, <c>continue</c> or <c>goto</c> (lambdas and local functions aside, they
        /// run later), and no write of the field (an undo of the thread's own step ties the branch to that step).
        /// </summary>
        internal static bool KeepsItsCourse(IOperation branch, StorageReference location)
        {
            switch (branch)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return true;
                case IReturnOperation or IThrowOperation or IBranchOperation:
                    return false;
            }

            if (InterlockedMisuseFacts.IsPlainReference(branch) && location.IsReferencedBy(branch))
            {
                return !StorageReference.IsWrite(branch);
            }

            foreach (var child in branch.ChildOperations)
            {
                if (!KeepsItsCourse(child, location))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
