using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>What every planned update knows, whatever its strategy: computed once from the semantic model.</summary>
    internal sealed class PlannedUpdate
    {
        public PlannedUpdate(
            ExpressionSyntax node,
            UpdateShape shape,
            UpdateOperator op,
            ITypeSymbol type,
            bool operandOnLeft,
            bool operandSyntaxOnLeft,
            bool valueUsed,
            bool isStatement,
            ITypeSymbol? arithmeticType,
            ITypeSymbol operandType)
        {
            Node = node;
            Shape = shape;
            Operator = op;
            Type = type;
            OperandOnLeft = operandOnLeft;
            OperandSyntaxOnLeft = operandSyntaxOnLeft;
            ValueUsed = valueUsed;
            IsStatement = isStatement;
            ArithmeticType = arithmeticType;
            OperandType = operandType;
        }

        /// <summary>The update expression (the diagnostic's location).</summary>
        public ExpressionSyntax Node { get; }

        public UpdateShape Shape { get; }

        public UpdateOperator Operator { get; }

        /// <summary>The type of the updated location.</summary>
        public ITypeSymbol Type { get; }

        /// <summary>
        /// For <see cref="UpdateShape.Assignment"/>: the operand is the left operand of the computation (<c>x = n - x</c>);
        /// false for commutative integer operations, whose order does not matter.
        /// </summary>
        public bool OperandOnLeft { get; }

        /// <summary>For <see cref="UpdateShape.Assignment"/>: where the operand sits in the syntax (<c>x = n op x</c>).</summary>
        public bool OperandSyntaxOnLeft { get; }

        /// <summary>The value of the update expression is used (not a statement, not a for-loop incrementor).</summary>
        public bool ValueUsed { get; }

        /// <summary>The update is an expression statement on its own.</summary>
        public bool IsStatement { get; }

        /// <summary>For small integer types, the arithmetic type (<c>int</c>) before narrowing back; else null.</summary>
        public ITypeSymbol? ArithmeticType { get; }

        /// <summary>The operand's type for a helper parameter or a hoisted local.</summary>
        public ITypeSymbol OperandType { get; }
    }

    /// <summary>
    /// The atomic rewrite of one flagged update: one immutable subtype per strategy. Names the rewriter picks (helper
    /// names, loop locals) are not part of a plan: they depend on the other rewrites of the same document.
    /// </summary>
    internal abstract class UpdatePlan
    {
        protected UpdatePlan(PlannedUpdate update)
        {
            Update = update;
        }

        /// <summary>What the update is, independent of the strategy.</summary>
        public PlannedUpdate Update { get; }

        /// <summary>The update expression (the diagnostic's location).</summary>
        public ExpressionSyntax Node => Update.Node;

        /// <summary>The code action's title.</summary>
        public abstract string Title { get; }
    }

    /// <summary>One <c>Interlocked</c> call, maybe with an adjustment of its result (<c>- 1</c>, <c>| m</c>).</summary>
    internal sealed class DirectUpdatePlan : UpdatePlan
    {
        public DirectUpdatePlan(PlannedUpdate update, InterlockedMethodKind method, bool takesOperand, Negation negation, ResultAdjustment adjustment, bool operandNeedsUnchecked = false)
            : base(update)
        {
            Method = method;
            TakesOperand = takesOperand;
            Negation = negation;
            Adjustment = adjustment;
            OperandNeedsUnchecked = operandNeedsUnchecked;
        }

        /// <summary>
        /// The negated operand is a constant outside an explicitly unchecked context, where a negation that overflows
        /// (<c>-int.MinValue</c>, <c>0U - 3</c>) is a compile-time error: it needs its own <c>unchecked(...)</c>.
        /// </summary>
        public bool OperandNeedsUnchecked { get; }

        /// <summary>The Interlocked method called.</summary>
        public InterlockedMethodKind Method { get; }

        /// <summary>The method takes the operand (Add, Or, And).</summary>
        public bool TakesOperand { get; }

        /// <summary>How the operand is negated (<c>x -= n</c> becomes <c>Add(ref x, -n)</c>).</summary>
        public Negation Negation { get; }

        /// <summary>How the call's result becomes the expression's value.</summary>
        public ResultAdjustment Adjustment { get; }

        public override string Title => "Use Interlocked." + Method.Name();
    }

    /// <summary>
    /// One call of the Tally library's <c>Tally.Atomic</c> (the project references the library), maybe with an
    /// adjustment of its result: used instead of a generated helper where the library has the exact operation.
    /// </summary>
    internal sealed class LibraryUpdatePlan : UpdatePlan
    {
        public LibraryUpdatePlan(PlannedUpdate update, string method, LibraryOperand operand, Negation negation, ResultAdjustment adjustment, StatementSyntax? replacedStatement)
            : base(update)
        {
            Method = method;
            Operand = operand;
            Negation = negation;
            Adjustment = adjustment;
            ReplacedStatement = replacedStatement;
        }

        /// <summary>The <c>Tally.Atomic</c> method called (<c>Multiply</c>, <c>AddChecked</c>, <c>Max</c>...).</summary>
        public string Method { get; }

        /// <summary>What the method is passed besides the location.</summary>
        public LibraryOperand Operand { get; }

        /// <summary>How the operand is negated (<c>d -= 0.5</c> becomes <c>Add(ref d, -0.5)</c>).</summary>
        public Negation Negation { get; }

        /// <summary>How the call's result becomes the expression's value.</summary>
        public ResultAdjustment Adjustment { get; }

        /// <summary>The statement the call replaces as a whole (<c>if (v &gt; x) x = v;</c>); null when the call replaces the update expression.</summary>
        public StatementSyntax? ReplacedStatement { get; }

        public override string Title => "Use Tally.Atomic." + Method;
    }

    /// <summary>A call of a private compare-exchange helper generated into the containing type.</summary>
    internal sealed class HelperUpdatePlan : UpdatePlan
    {
        public HelperUpdatePlan(PlannedUpdate update, HelperSpec helper, TypeDeclarationSyntax container)
            : base(update)
        {
            Helper = helper;
            Container = container;
        }

        /// <summary>The helper the call needs.</summary>
        public HelperSpec Helper { get; }

        /// <summary>The type declaration that receives the helper.</summary>
        public TypeDeclarationSyntax Container { get; }

        public override string Title => CompareExchangeTitle;

        internal const string CompareExchangeTitle = "Use an atomic compare-exchange loop";
    }

    /// <summary>A compare-exchange loop that replaces the update statement (or becomes the block body of its owner).</summary>
    internal sealed class InlineLoopUpdatePlan : UpdatePlan
    {
        public InlineLoopUpdatePlan(PlannedUpdate update, SyntaxNode? expressionBodyOwner, bool hoistOperand, bool targetIsVolatile, bool useVolatileRead)
            : base(update)
        {
            ExpressionBodyOwner = expressionBodyOwner;
            HoistOperand = hoistOperand;
            TargetIsVolatile = targetIsVolatile;
            UseVolatileRead = useVolatileRead;
        }

        /// <summary>
        /// The member or lambda whose expression body is the update (<c>void Stop() =&gt; _state |= 2;</c>); the loop
        /// becomes its block body. Null for a statement.
        /// </summary>
        public SyntaxNode? ExpressionBodyOwner { get; }

        /// <summary>The operand must be evaluated once, before the loop.</summary>
        public bool HoistOperand { get; }

        /// <summary>The location is volatile, so a plain read is a volatile read.</summary>
        public bool TargetIsVolatile { get; }

        /// <summary>The target framework has <c>Volatile.Read(ref T)</c> for the type.</summary>
        public bool UseVolatileRead { get; }

        public override string Title => HelperUpdatePlan.CompareExchangeTitle;
    }
}
