using Microsoft.CodeAnalysis;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    // The vocabulary of update plans (the plans themselves: UpdatePlan.cs).

    /// <summary>The arithmetic or bitwise operation a read-modify-write update applies.</summary>
    internal enum UpdateOperator
    {
        Add,
        Subtract,
        Multiply,
        Divide,
        Remainder,
        And,
        Or,
        ExclusiveOr,
        LeftShift,
        RightShift,
        UnsignedRightShift,

        /// <summary><c>x = Math.Max(x, v)</c>, <c>if (v &gt; x) x = v;</c>: only the Tally library's <c>Atomic.Max</c> rewrites it.</summary>
        Maximum,

        /// <summary><c>x = Math.Min(x, v)</c>, <c>if (v &lt; x) x = v;</c>: only the Tally library's <c>Atomic.Min</c> rewrites it.</summary>
        Minimum,
    }

    /// <summary>How the update is written.</summary>
    internal enum UpdateShape
    {
        /// <summary><c>++x</c>, <c>--x</c>: the value is the new value.</summary>
        Prefix,

        /// <summary><c>x++</c>, <c>x--</c>: the value is the old value.</summary>
        Postfix,

        /// <summary><c>x op= n</c>: the value is the new value.</summary>
        Compound,

        /// <summary><c>x = x op n</c>, <c>x = n op x</c> or <c>x = Math.Max(x, n)</c>: the value is the new value.</summary>
        Assignment,

        /// <summary><c>if (n &gt; x) x = n;</c>: a statement; the whole <c>if</c> is replaced.</summary>
        GuardedAssignment,
    }

    /// <summary>How the result of a direct <c>Interlocked</c> call becomes the value of the update expression.</summary>
    internal enum ResultAdjustment
    {
        /// <summary>The call returns the expression's value.</summary>
        None,

        /// <summary><c>Interlocked.Increment(ref x) - 1</c>: the old value of <c>x++</c>.</summary>
        SubtractOne,

        /// <summary><c>Interlocked.Decrement(ref x) + 1</c>: the old value of <c>x--</c>.</summary>
        AddOne,

        /// <summary><c>Interlocked.Or(ref x, m) | m</c>: Or returns the old value; the expression's value is the new one.</summary>
        OrOperand,

        /// <summary><c>Interlocked.And(ref x, m) &amp; m</c>: And returns the old value; the expression's value is the new one.</summary>
        AndOperand,

        /// <summary><c>Atomic.Xor(ref x, m) ^ m</c>: Xor returns the old value; the expression's value is the new one.</summary>
        XorOperand,
    }

    /// <summary>The compare-exchange helper a rewrite needs (one per distinct operation, type and context).</summary>
    internal sealed class HelperSpec
    {
        public HelperSpec(UpdateOperator op, ITypeSymbol type, ITypeSymbol operandType, bool isChecked, bool reversed, bool returnsOld, ITypeSymbol? arithmeticType)
        {
            Operator = op;
            Type = type;
            OperandType = operandType;
            IsChecked = isChecked;
            Reversed = reversed;
            ReturnsOld = returnsOld;
            ArithmeticType = arithmeticType;
        }

        public UpdateOperator Operator { get; }

        /// <summary>The type of the updated location.</summary>
        public ITypeSymbol Type { get; }

        /// <summary>The type of the operand parameter (the location's type, or <c>int</c> for shifts and small integers).</summary>
        public ITypeSymbol OperandType { get; }

        /// <summary>Integral arithmetic that throws on overflow.</summary>
        public bool IsChecked { get; }

        /// <summary>The operand is the left operand: <c>x = n - x</c>.</summary>
        public bool Reversed { get; }

        /// <summary>Returns the value before the update (postfix increment whose value is used).</summary>
        public bool ReturnsOld { get; }

        /// <summary>For small integer types, the type the arithmetic is done in before narrowing back (<c>int</c>); else null.</summary>
        public ITypeSymbol? ArithmeticType { get; }

        /// <summary>The base name of the helper, e.g. <c>AtomicMultiply</c>, <c>AtomicAddChecked</c>, <c>AtomicFetchAdd</c>.</summary>
        public string BaseName
        {
            get
            {
                var operation = Type.TypeKind != TypeKind.Delegate ? Operator.ToString() : Operator == UpdateOperator.Add ? "Combine" : "Remove";
                var name = (ReturnsOld ? "AtomicFetch" : "Atomic") + (Reversed ? "Reverse" : string.Empty) + operation;
                return IsChecked ? name + "Checked" : name;
            }
        }
    }
}
