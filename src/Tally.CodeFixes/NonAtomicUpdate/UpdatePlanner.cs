using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Reads a flagged update from the semantic model and decides its atomic rewrite, or that none is correct, in four
    /// named steps: read the shape (<see cref="ReadShape"/>), vetoes (<see cref="IsVetoed"/>), the supported table
    /// (<see cref="IsSupported"/>), the strategy (<see cref="ChooseStrategy"/>). Nothing here trusts text or diagnostic
    /// properties: shape, types, checked context and target are all recomputed.
    /// </summary>
    internal static partial class UpdatePlanner
    {
        /// <summary>The update expression whose span is <paramref name="span"/>, or null.</summary>
        public static ExpressionSyntax? FindUpdateNode(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current.Span != span)
                {
                    if (current.Span.Length > span.Length)
                    {
                        break;
                    }

                    continue;
                }

                if (current is PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax or AssignmentExpressionSyntax)
                {
                    return (ExpressionSyntax)current;
                }

                if (current is IfStatementSyntax guard)
                {
                    return GuardedAssignmentOf(guard);
                }
            }

            return null;
        }

        /// <summary>The rewrite plan for the update, or null when no correct atomic rewrite exists.</summary>
        public static UpdatePlan? TryPlan(SemanticModel model, ExpressionSyntax node, AtomicApi api, CancellationToken cancellationToken)
        {
            if (ReadShape(model, node, cancellationToken) is not { } update
                || update.Target.Type is not { } type
                || !IsRefableLocation(update.Target, api.Known, out var isVolatile, out var isStable)
                || IsVetoed(update))
            {
                return null;
            }

            var category = Categorize(type);
            if (!IsSupported(update, category))
            {
                return null;
            }

            return ChooseStrategy(model, update, Describe(model, update, type, category), category, isVolatile, isStable, api, cancellationToken);
        }

        /// <summary>Step 2: updates whose every atomic rewrite would compute or evaluate something else.</summary>
        private static bool IsVetoed(UpdateReading update)
        {
            var operand = update.Operand;

            // An await inside the update would run between the read and the write of any rewrite.
            return ContainsAwait(update.Node)

                // x += F(x++) reads x before the operand writes it; no atomic rewrite can reproduce that.
                || (operand is not null && StorageReference.IsWrittenIn(update.Target, operand))

                // x += x reads x apart from the atomic operation (Interlocked.Add(ref x, x) is not an atomic doubling).
                || (operand is not null && StorageReference.IsReadIn(update.Target, operand))

                // o.x = F() + o.x runs F() before reading o.x; the rewrite takes the ref first, so a null o (or an index out
                // of range) would throw before F() runs. Where that can happen and the operand can do anything, no rewrite.
                || (update.OperandOnLeft && operand is not null && !IsPlainValue(operand) && MayThrowWhenReferenced(update.Target));
        }

        /// <summary>Step 3: the table of type categories, operators and shapes the fix rewrites.</summary>
        private static bool IsSupported(UpdateReading update, TypeCategory category)
        {
            var op = update.Operator;

            // Running extremes: integers (max/min of the values either way round) and, as Math.Max(x, v) only, double.
            if (op is UpdateOperator.Maximum or UpdateOperator.Minimum)
            {
                return category == TypeCategory.Integer || (category == TypeCategory.FloatingPoint && update.Shape == UpdateShape.Assignment);
            }

            switch (category)
            {
                case TypeCategory.Unsupported:
                    return false;

                // Small integers: ++/-- and compound assignments (computed in int, narrowed back); nothing else.
                case TypeCategory.SmallInteger:
                    return update.NarrowsSmallInteger || update.IsIncrementOrDecrement;

                // Delegates: combination and removal (+=, -=), which are not commutative.
                case TypeCategory.Delegate:
                    return !update.NarrowsSmallInteger && op is UpdateOperator.Add or UpdateOperator.Subtract && !update.IsIncrementOrDecrement;

                // Enums: only the bitwise operations, whose result is the enum type itself.
                case TypeCategory.Enum:
                    return !update.NarrowsSmallInteger && op is UpdateOperator.And or UpdateOperator.Or or UpdateOperator.ExclusiveOr && !update.IsIncrementOrDecrement;

                case TypeCategory.FloatingPoint:
                    return !update.NarrowsSmallInteger
                        && op is UpdateOperator.Add or UpdateOperator.Subtract or UpdateOperator.Multiply or UpdateOperator.Divide or UpdateOperator.Remainder;

                default:
                    return !update.NarrowsSmallInteger;
            }
        }

        /// <summary>What every strategy needs to know about the update.</summary>
        private static PlannedUpdate Describe(SemanticModel model, UpdateReading update, ITypeSymbol type, TypeCategory category)
        {
            // Operator/operand-order subtleties: commutative integer operations ignore the order; floating point keeps it
            // (NaN payloads), so x = n + x on doubles is computed as n + old.
            var operandOnLeft = update.OperandOnLeft
                && !(category is not (TypeCategory.FloatingPoint or TypeCategory.Delegate) && IsCommutative(update.Operator));
            var int32 = model.Compilation.GetSpecialType(SpecialType.System_Int32);
            return new PlannedUpdate(
                update.Node,
                update.Shape,
                update.Operator,
                type,
                operandOnLeft,
                operandSyntaxOnLeft: update.OperandOnLeft,
                valueUsed: update.Operation.Parent is not IExpressionStatementOperation,
                isStatement: update.Node.WalkUpParentheses().Parent is ExpressionStatementSyntax,
                arithmeticType: category == TypeCategory.SmallInteger ? int32 : null,
                operandType: IsShift(update.Operator) || category == TypeCategory.SmallInteger ? int32 : type);
        }

        /// <summary>
        /// Step 4: one Interlocked call where one computes exactly the update; otherwise a compare-exchange loop, in a
        /// generated helper or (volatile fields, which cannot be passed by ref to a helper) inline.
        /// </summary>
        private static UpdatePlan? ChooseStrategy(
            SemanticModel model, UpdateReading update, PlannedUpdate planned, TypeCategory category, bool isVolatile, bool isStable, AtomicApi api, CancellationToken cancellationToken)
        {
            // The checked context is read from the syntax (the operations' IsChecked flags say nothing about the
            // narrowing conversion of a small-integer compound assignment, which a checked context also checks).
            var isChecked = IsCheckedContext(update.Node, model.Compilation.Options.CheckOverflow) && (update.IsChecked || category == TypeCategory.SmallInteger);

            // Overflow only matters for integral +, -, * (and the narrowing of small integers).
            var overflowMatters = isChecked
                && category is TypeCategory.Integer or TypeCategory.NativeInteger or TypeCategory.SmallInteger
                && (update.Operator is UpdateOperator.Add or UpdateOperator.Subtract or UpdateOperator.Multiply || category == TypeCategory.SmallInteger);

            if (!overflowMatters && category == TypeCategory.Integer && TryPlanDirect(model, planned, update.Operand, api, cancellationToken) is { } direct)
            {
                return direct;
            }

            // With the Tally library referenced, its Atomic method replaces a generated helper. A volatile field passed by
            // ref to a method other than Interlocked's would lose its volatility (CS0420), so it keeps the inline loop.
            if (!isVolatile && TryPlanLibrary(model, planned, update.Operand, category, overflowMatters, api, cancellationToken) is { } library)
            {
                return library;
            }

            // The library is the only rewrite of a running extreme.
            if (planned.Operator is UpdateOperator.Maximum or UpdateOperator.Minimum)
            {
                return null;
            }

            if (!CanCompareExchange(planned.Type, category, api))
            {
                return null;
            }

            var container = update.Node.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (!isVolatile && container is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax
                && container.OpenBraceToken.IsKind(SyntaxKind.OpenBraceToken) && !container.OpenBraceToken.IsMissing)
            {
                var returnsOld = planned.Shape == UpdateShape.Postfix && planned.ValueUsed;
                var spec = new HelperSpec(planned.Operator, planned.Type, planned.OperandType, overflowMatters, planned.OperandOnLeft, returnsOld, planned.ArithmeticType);
                return new HelperUpdatePlan(planned, spec, container);
            }

            return TryPlanInlineLoop(model, update, planned, isVolatile, isStable, api, cancellationToken);
        }

        /// <summary>
        /// The target framework must have the exact CompareExchange overload, and floating point needs an exact bit
        /// comparison (NaN != NaN, -0.0 == 0.0).
        /// </summary>
        private static bool CanCompareExchange(ITypeSymbol type, TypeCategory category, AtomicApi api)
        {
            var canCompareExchange = category switch
            {
                TypeCategory.Enum => api.HasGenericCompareExchangeFor(type),
                TypeCategory.Delegate => api.HasGenericCompareExchangeForClass(),
                _ => api.HasCompareExchange(type),
            };
            return canCompareExchange && (category != TypeCategory.FloatingPoint || api.HasBitConversion(type));
        }

        /// <summary>
        /// Volatile fields get an inline loop, which only a statement (or an expression body that can become a block) can
        /// hold; the location is then evaluated on each retry, so it must be stable.
        /// </summary>
        private static InlineLoopUpdatePlan? TryPlanInlineLoop(
            SemanticModel model, UpdateReading update, PlannedUpdate planned, bool isVolatile, bool isStable, AtomicApi api, CancellationToken cancellationToken)
        {
            var owner = planned.IsStatement || planned.ValueUsed ? null : ExpressionBodyOwner(update.Node);
            if ((!planned.IsStatement && owner is null) || !isStable)
            {
                return null;
            }

            // o.x *= F() reads o.x before F() runs; the hoisted operand would run F() before a null o throws.
            var operandIsSimple = update.Operand is null || IsSimpleValue(model, update.Operand, cancellationToken);
            if (!operandIsSimple && !planned.OperandSyntaxOnLeft && MayThrowWhenReferenced(update.Target))
            {
                return null;
            }

            var languageVersion = ((CSharpParseOptions)update.Node.SyntaxTree.Options).LanguageVersion;
            return new InlineLoopUpdatePlan(planned, owner, hoistOperand: !operandIsSimple, isVolatile, api.HasVolatileRead(planned.Type, languageVersion));
        }

        /// <summary>Whether integral arithmetic at <paramref name="node"/> is checked: the innermost checked/unchecked expression or statement, else the compilation option.</summary>
        internal static bool IsCheckedContext(SyntaxNode node, bool compilationDefault)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current.Kind())
                {
                    case SyntaxKind.CheckedExpression:
                    case SyntaxKind.CheckedStatement:
                        return true;
                    case SyntaxKind.UncheckedExpression:
                    case SyntaxKind.UncheckedStatement:
                        return false;
                }

                if (current is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return compilationDefault;
        }

        /// <summary>Whether the innermost checked/unchecked expression or statement around <paramref name="node"/> is <c>unchecked</c>.</summary>
        internal static bool IsExplicitlyUnchecked(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null and not MemberDeclarationSyntax; current = current.Parent)
            {
                if (current.Kind() is SyntaxKind.CheckedExpression or SyntaxKind.CheckedStatement)
                {
                    return false;
                }

                if (current.Kind() is SyntaxKind.UncheckedExpression or SyntaxKind.UncheckedStatement)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The method, local function, accessor, constructor or lambda whose expression body is the update, or null.</summary>
        private static SyntaxNode? ExpressionBodyOwner(ExpressionSyntax node)
        {
            var expression = node.WalkUpParentheses();
            switch (expression.Parent)
            {
                case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or ConstructorDeclarationSyntax } arrow:
                    return arrow.Parent;
                case LambdaExpressionSyntax lambda when lambda.ExpressionBody == expression:
                    return lambda;
                default:
                    return null;
            }
        }

        private static bool ContainsAwait(SyntaxNode node)
            => node.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax).OfType<AwaitExpressionSyntax>().Any();

        internal static bool IsShift(UpdateOperator op)
            => op is UpdateOperator.LeftShift or UpdateOperator.RightShift or UpdateOperator.UnsignedRightShift;

        private static bool IsCommutative(UpdateOperator op)
            => op is UpdateOperator.Add or UpdateOperator.Multiply or UpdateOperator.And or UpdateOperator.Or or UpdateOperator.ExclusiveOr
                or UpdateOperator.Maximum or UpdateOperator.Minimum;
    }
}
