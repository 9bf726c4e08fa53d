using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.CodeFixes.NonAtomicUpdate
{
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

        /// <summary><c>x = x op n</c> or <c>x = n op x</c>: the value is the new value.</summary>
        Assignment,
    }

    /// <summary>What the rewrite produces.</summary>
    internal enum UpdateStrategy
    {
        /// <summary>One <c>Interlocked</c> call, maybe with an adjustment of its result (<c>- 1</c>, <c>| m</c>).</summary>
        Direct,

        /// <summary>A call of a private compare-exchange helper generated into the containing type.</summary>
        Helper,

        /// <summary>A compare-exchange loop that replaces the statement (statement position only).</summary>
        InlineLoop,
    }

    /// <summary>How the right operand of <c>x -= n</c> is negated for <c>Interlocked.Add</c>.</summary>
    internal enum Negation
    {
        /// <summary>Not negated.</summary>
        None,

        /// <summary><c>-n</c>, evaluated in the target type (same type, or a constant whose negation fits).</summary>
        Minus,

        /// <summary><c>-(T)n</c>: the operand has a narrower type; negate after widening.</summary>
        MinusOfCast,

        /// <summary><c>unchecked(-n)</c>: the constant is the type's minimum value, whose negation wraps to itself.</summary>
        UncheckedMinus,

        /// <summary><c>unchecked(0u - n)</c>: two's complement negation of an unsigned operand.</summary>
        UnsignedComplement,
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

    /// <summary>Everything the rewrite of one flagged update needs, computed from the semantic model of the original document.</summary>
    internal sealed class UpdatePlan
    {
        public UpdatePlan(ExpressionSyntax node, UpdateShape shape, UpdateOperator op, ITypeSymbol type)
        {
            Node = node;
            Shape = shape;
            Operator = op;
            Type = type;
        }

        /// <summary>The update expression (the diagnostic's location).</summary>
        public ExpressionSyntax Node { get; }

        public UpdateShape Shape { get; }

        public UpdateOperator Operator { get; }

        /// <summary>The type of the updated location.</summary>
        public ITypeSymbol Type { get; }

        /// <summary>For <see cref="UpdateShape.Assignment"/>: the operand is the left operand of the binary expression.</summary>
        public bool OperandOnLeft { get; set; }

        /// <summary>For <see cref="UpdateShape.Assignment"/>: where the operand sits in the syntax (<c>x = n op x</c>).</summary>
        public bool OperandSyntaxOnLeft { get; set; }

        /// <summary>The value of the update expression is used (not a statement, not a for-loop incrementor).</summary>
        public bool ValueUsed { get; set; }

        /// <summary>The update is an expression statement on its own.</summary>
        public bool IsStatement { get; set; }

        public UpdateStrategy Strategy { get; set; }

        /// <summary>For <see cref="UpdateStrategy.Direct"/>: the Interlocked method name.</summary>
        public string DirectMethod { get; set; } = string.Empty;

        /// <summary>For <see cref="UpdateStrategy.Direct"/>: the method takes the operand.</summary>
        public bool DirectTakesOperand { get; set; }

        /// <summary>For <see cref="UpdateStrategy.Direct"/>: how the operand is negated.</summary>
        public Negation Negation { get; set; }

        /// <summary>For <see cref="UpdateStrategy.Direct"/>: the adjustment turning the call's result into the expression's value ("- 1", "+ 1", "|", "&amp;"), or null.</summary>
        public string? ResultAdjustment { get; set; }

        /// <summary>For <see cref="UpdateStrategy.Helper"/>: the helper.</summary>
        public HelperSpec? Helper { get; set; }

        /// <summary>For <see cref="UpdateStrategy.Helper"/>: the helper's name, resolved against the containing type.</summary>
        public string HelperName { get; set; } = string.Empty;

        /// <summary>For <see cref="UpdateStrategy.Helper"/>: the type declaration that receives the helper.</summary>
        public TypeDeclarationSyntax? HelperContainer { get; set; }

        /// <summary>
        /// For <see cref="UpdateStrategy.InlineLoop"/>: the member or lambda whose expression body is the update
        /// (<c>void Stop() =&gt; _state |= 2;</c>); the loop becomes its block body. Null for a statement.
        /// </summary>
        public SyntaxNode? ExpressionBodyOwner { get; set; }

        /// <summary>For <see cref="UpdateStrategy.InlineLoop"/>: the operand must be evaluated once, before the loop.</summary>
        public bool HoistOperand { get; set; }

        /// <summary>For <see cref="UpdateStrategy.InlineLoop"/>: the location is volatile, so a plain read is a volatile read.</summary>
        public bool TargetIsVolatile { get; set; }

        /// <summary>For <see cref="UpdateStrategy.InlineLoop"/>: the name of the local holding the old value.</summary>
        public string OldName { get; set; } = "old";

        /// <summary>For <see cref="UpdateStrategy.InlineLoop"/>: the name of the local holding the hoisted operand.</summary>
        public string OperandName { get; set; } = "value";

        /// <summary>For small integer types, the arithmetic type (<c>int</c>) before narrowing back; else null.</summary>
        public ITypeSymbol? ArithmeticType { get; set; }

        /// <summary>The target framework has <c>Volatile.Read(ref T)</c> for the type.</summary>
        public bool UseVolatileRead { get; set; }

        /// <summary>The operand's type for a helper parameter or a hoisted local.</summary>
        public ITypeSymbol? OperandType { get; set; }
    }
}
