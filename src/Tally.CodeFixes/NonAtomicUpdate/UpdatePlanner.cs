using System.Linq;
using System.Threading;
using System;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Reads a flagged update from the semantic model and decides its atomic rewrite, or that none is correct.
    /// Nothing here trusts text or diagnostic properties: shape, types, checked context and target are all recomputed.
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
            }

            return null;
        }

        /// <summary>The rewrite plan for the update, or null when no correct atomic rewrite exists.</summary>
        public static UpdatePlan? TryPlan(SemanticModel model, ExpressionSyntax node, AtomicApi api, CancellationToken cancellationToken)
        {
            try
            {
                return TryPlanCore(model, node, api, cancellationToken);
            }
            catch (InvalidCastException)
            {
                return null;
            }
        }

        private static UpdatePlan? TryPlanCore(SemanticModel model, ExpressionSyntax node, AtomicApi api, CancellationToken cancellationToken)
        {
            if (model.GetOperation(node, cancellationToken) is not { } operation)
            {
                return null;
            }

            IOperation target;
            IOperation? operand = null;
            UpdateShape shape;
            UpdateOperator op;
            bool isChecked;
            bool operandOnLeft = false;
            bool operandSyntaxOnLeft = false;
            bool smallInteger = false;

            switch (operation)
            {
                case IIncrementOrDecrementOperation increment when increment.OperatorMethod is null && !increment.IsLifted:
                    target = increment.Target;
                    shape = increment.IsPostfix ? UpdateShape.Postfix : UpdateShape.Prefix;
                    op = increment.Kind == OperationKind.Increment ? UpdateOperator.Add : UpdateOperator.Subtract;
                    isChecked = increment.IsChecked;
                    break;

                case ICompoundAssignmentOperation compound when compound.OperatorMethod is null && !compound.IsLifted:
                    if (!TryMapOperator(compound.OperatorKind, out op))
                    {
                        return null;
                    }

                    target = compound.Target;
                    operand = compound.Value;
                    shape = UpdateShape.Compound;
                    isChecked = compound.IsChecked;
                    var inIdentity = !compound.InConversion.Exists || compound.InConversion.IsIdentity;
                    var outIdentity = !compound.OutConversion.Exists || compound.OutConversion.IsIdentity;
                    if (!inIdentity || !outIdentity)
                    {
                        // Only small integers (byte += n is byte = (byte)(byte + n)) are rewritten with conversions.
                        if (!IsSmallInteger(compound.Target.Type) || !compound.InConversion.IsNumeric || !compound.OutConversion.IsNumeric)
                        {
                            return null;
                        }

                        smallInteger = true;
                    }

                    break;

                case ISimpleAssignmentOperation assignment when !assignment.IsRef:
                    if (((AssignmentExpressionSyntax)node).Right.WalkDownParentheses() is not BinaryExpressionSyntax
                        || assignment.Value is not IBinaryOperation binary
                        || binary.OperatorMethod is not null
                        || binary.IsLifted
                        || !TryMapOperator(binary.OperatorKind, out op)
                        || binary.Type is null
                        || assignment.Target.Type is null
                        || !AtomicApi.SameType(binary.Type, assignment.Target.Type))
                    {
                        return null;
                    }

                    target = assignment.Target;
                    shape = UpdateShape.Assignment;
                    isChecked = binary.IsChecked;
                    if (IsSameLocation(target, binary.LeftOperand))
                    {
                        operand = binary.RightOperand;
                    }
                    else if (IsSameLocation(target, binary.RightOperand) && !IsShift(op))
                    {
                        operand = binary.LeftOperand;
                        operandOnLeft = true;
                        operandSyntaxOnLeft = true;
                    }
                    else
                    {
                        return null;
                    }

                    break;

                default:
                    return null;
            }

            if (target.Type is not { } type || !IsRefableLocation(target, out var isVolatile, out var isStable))
            {
                return null;
            }

            if (ContainsAwait(node))
            {
                return null;
            }

            // x += F(x++) reads x before the operand writes it; no atomic rewrite can reproduce that, so none is offered.
            if (operand is not null && WritesTo(operand, target))
            {
                return null;
            }

            // x += x reads x apart from the atomic operation (Interlocked.Add(ref x, x) is not an atomic doubling); none is offered.
            if (operand is not null && ReadsFrom(operand, target))
            {
                return null;
            }

            // o.x = F() + o.x runs F() before reading o.x; the rewrite takes the ref first, so a null o (or an index out of
            // range) would throw before F() runs. Where that can happen and the operand can do anything, none is offered.
            if (operandSyntaxOnLeft && operand is not null && !IsPlainValue(operand) && MayThrowWhenReferenced(target))
            {
                return null;
            }

            var category = Categorize(type);
            if (category == TypeCategory.Unsupported)
            {
                return null;
            }

            if (category == TypeCategory.SmallInteger
                ? !(smallInteger || shape is UpdateShape.Prefix or UpdateShape.Postfix)
                : smallInteger)
            {
                return null;
            }

            // The checked context is read from the syntax (the operations' IsChecked flags say nothing about the
            // narrowing conversion of a small-integer compound assignment, which a checked context also checks).
            isChecked = IsCheckedContext(node, model.Compilation.Options.CheckOverflow) && (isChecked || category == TypeCategory.SmallInteger);

            // Delegates: combination and removal (+=, -=), which are not commutative.
            if (category == TypeCategory.Delegate && (op is not (UpdateOperator.Add or UpdateOperator.Subtract) || shape is UpdateShape.Prefix or UpdateShape.Postfix))
            {
                return null;
            }

            // Enums: only the bitwise operations, whose result is the enum type itself.
            if (category == TypeCategory.Enum && (op is not (UpdateOperator.And or UpdateOperator.Or or UpdateOperator.ExclusiveOr) || shape is UpdateShape.Prefix or UpdateShape.Postfix))
            {
                return null;
            }

            if (category == TypeCategory.FloatingPoint && op is not (UpdateOperator.Add or UpdateOperator.Subtract or UpdateOperator.Multiply or UpdateOperator.Divide or UpdateOperator.Remainder))
            {
                return null;
            }

            // Operator/operand-order subtleties: commutative integer operations ignore the order; floating point keeps it
            // (NaN payloads), so x = n + x on doubles is computed as n + old.
            if (operandOnLeft && category is not (TypeCategory.FloatingPoint or TypeCategory.Delegate) && IsCommutative(op))
            {
                operandOnLeft = false;
            }

            var plan = new UpdatePlan(node, shape, op, type)
            {
                OperandOnLeft = operandOnLeft,
                OperandSyntaxOnLeft = operandSyntaxOnLeft,
                ValueUsed = IsValueUsed(operation),
                IsStatement = node.WalkUpParentheses().Parent is ExpressionStatementSyntax,
                TargetIsVolatile = isVolatile,
                ArithmeticType = category == TypeCategory.SmallInteger ? model.Compilation.GetSpecialType(SpecialType.System_Int32) : null,
            };

            var operandType = OperandTypeFor(model, plan, category);
            plan.OperandType = operandType;

            // Overflow only matters for integral +, -, * (and the narrowing of small integers).
            var overflowMatters = isChecked
                && category is TypeCategory.Integer or TypeCategory.NativeInteger or TypeCategory.SmallInteger
                && (op is UpdateOperator.Add or UpdateOperator.Subtract or UpdateOperator.Multiply || category == TypeCategory.SmallInteger);

            if (!overflowMatters && category == TypeCategory.Integer && TryPlanDirect(model, plan, operand, api, cancellationToken))
            {
                plan.Strategy = UpdateStrategy.Direct;
                return plan;
            }

            // A compare-exchange loop: the target framework must have the exact CompareExchange overload,
            // and floating point needs an exact bit comparison (NaN != NaN, -0.0 == 0.0).
            var canCompareExchange = category switch
            {
                TypeCategory.Enum => api.HasGenericCompareExchangeFor(type),
                TypeCategory.Delegate => api.HasGenericCompareExchangeForClass(),
                _ => api.HasCompareExchange(type),
            };
            if (!canCompareExchange || (category == TypeCategory.FloatingPoint && !api.HasBitConversion(type)))
            {
                return null;
            }

            var operandIsSimple = operand is null || IsSimpleValue(model, operand, cancellationToken);
            var returnsOld = shape == UpdateShape.Postfix && plan.ValueUsed;
            var container = node.FirstAncestorOrSelf<TypeDeclarationSyntax>();

            if (!isVolatile && container is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax
                && container.OpenBraceToken.IsKind(SyntaxKind.OpenBraceToken) && !container.OpenBraceToken.IsMissing)
            {
                plan.Strategy = UpdateStrategy.Helper;
                plan.Helper = new HelperSpec(op, type, operandType, overflowMatters, operandOnLeft, returnsOld, plan.ArithmeticType);
                plan.HelperContainer = container;
                return plan;
            }

            // Volatile fields cannot be passed by ref to a helper without CS0420, so they get an inline loop,
            // which only a statement can hold; the location is then evaluated on each retry, so it must be stable.
            var owner = plan.IsStatement || plan.ValueUsed ? null : ExpressionBodyOwner(node);
            if ((plan.IsStatement || owner is not null) && isStable)
            {
                // o.x *= F() reads o.x before F() runs; the hoisted operand would run F() before a null o throws.
                if (!operandIsSimple && !operandSyntaxOnLeft && MayThrowWhenReferenced(target))
                {
                    return null;
                }

                plan.Strategy = UpdateStrategy.InlineLoop;
                plan.ExpressionBodyOwner = owner;
                plan.UseVolatileRead = api.HasVolatileRead(type, ((CSharpParseOptions)node.SyntaxTree.Options).LanguageVersion);
                plan.HoistOperand = !operandIsSimple;
                return plan;
            }

            return null;
        }

        private static bool TryPlanDirect(SemanticModel model, UpdatePlan plan, IOperation? operand, AtomicApi api, CancellationToken cancellationToken)
        {
            var type = plan.Type;
            switch (plan.Shape)
            {
                case UpdateShape.Prefix:
                case UpdateShape.Postfix:
                    var name = plan.Operator == UpdateOperator.Add ? "Increment" : "Decrement";
                    if (!api.HasInterlocked(name, type, 1))
                    {
                        return false;
                    }

                    plan.DirectMethod = name;
                    if (plan.Shape == UpdateShape.Postfix && plan.ValueUsed)
                    {
                        plan.ResultAdjustment = plan.Operator == UpdateOperator.Add ? "-" : "+";
                    }

                    return true;
            }

            if (operand is null)
            {
                return false;
            }

            switch (plan.Operator)
            {
                case UpdateOperator.Add:
                    if (!api.HasInterlocked("Add", type, 2))
                    {
                        return false;
                    }

                    plan.DirectMethod = "Add";
                    plan.DirectTakesOperand = true;
                    return true;

                case UpdateOperator.Subtract when !plan.OperandOnLeft:
                    if (IsConstantOne(model, operand, cancellationToken) && api.HasInterlocked("Decrement", type, 1))
                    {
                        plan.DirectMethod = "Decrement";
                        return true;
                    }

                    if (!api.HasInterlocked("Add", type, 2))
                    {
                        return false;
                    }

                    plan.DirectMethod = "Add";
                    plan.DirectTakesOperand = true;
                    plan.Negation = ChooseNegation(model, type, operand, cancellationToken);
                    return true;

                case UpdateOperator.Or:
                case UpdateOperator.And:
                    var method = plan.Operator == UpdateOperator.Or ? "Or" : "And";
                    if (!api.HasInterlocked(method, type, 2))
                    {
                        return false;
                    }

                    if (plan.ValueUsed)
                    {
                        // Interlocked.Or/And return the OLD value: the new one is old | m, which evaluates m twice.
                        if (!IsSimpleValue(model, operand, cancellationToken))
                        {
                            return false;
                        }

                        plan.ResultAdjustment = plan.Operator == UpdateOperator.Or ? "|" : "&";
                    }

                    plan.DirectMethod = method;
                    plan.DirectTakesOperand = true;
                    return true;

                default:
                    return false;
            }
        }

        private static Negation ChooseNegation(SemanticModel model, ITypeSymbol type, IOperation operand, CancellationToken cancellationToken)
        {
            if (IsUnsigned(type))
            {
                return Negation.UnsignedComplement;
            }

            var inner = operand.WalkDownImplicitConversions();
            var sameType = inner.Type is not null && AtomicApi.SameType(inner.Type, type);
            var constant = model.GetConstantValue(inner.Syntax, cancellationToken);
            if (constant.HasValue && constant.Value is not null)
            {
                var value = Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                var innerType = inner.Type ?? type;
                if (value == MinValueOf(type))
                {
                    return Negation.UncheckedMinus;
                }

                // The negation of a constant is computed in the constant's own type before any widening.
                return value == MinValueOf(innerType) ? Negation.MinusOfCast : Negation.Minus;
            }

            return sameType ? Negation.Minus : Negation.MinusOfCast;
        }

        private static long MinValueOf(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Int32 => int.MinValue,
            SpecialType.System_Int64 => long.MinValue,
            SpecialType.System_Int16 => short.MinValue,
            SpecialType.System_SByte => sbyte.MinValue,
            _ => 0,
        };

        private static bool IsConstantOne(SemanticModel model, IOperation operand, CancellationToken cancellationToken)
        {
            var constant = model.GetConstantValue(operand.Syntax, cancellationToken);
            if (!constant.HasValue || constant.Value is null || constant.Value is bool || constant.Value is string || constant.Value is char)
            {
                return false;
            }

            try
            {
                return Convert.ToDecimal(constant.Value, System.Globalization.CultureInfo.InvariantCulture) == 1m;
            }
            catch (InvalidCastException)
            {
                return false;
            }
        }

        private static ITypeSymbol OperandTypeFor(SemanticModel model, UpdatePlan plan, TypeCategory category)
        {
            if (IsShift(plan.Operator) || category == TypeCategory.SmallInteger)
            {
                return model.Compilation.GetSpecialType(SpecialType.System_Int32);
            }

            return plan.Type;
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

        private static bool IsValueUsed(IOperation operation)
        {
            var parent = operation.Parent;
            return parent is not IExpressionStatementOperation;
        }

        private static bool ContainsAwait(SyntaxNode node)
            => node.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax).OfType<AwaitExpressionSyntax>().Any();

        private static bool TryMapOperator(BinaryOperatorKind kind, out UpdateOperator op)
        {
            switch (kind)
            {
                case BinaryOperatorKind.Add: op = UpdateOperator.Add; return true;
                case BinaryOperatorKind.Subtract: op = UpdateOperator.Subtract; return true;
                case BinaryOperatorKind.Multiply: op = UpdateOperator.Multiply; return true;
                case BinaryOperatorKind.Divide: op = UpdateOperator.Divide; return true;
                case BinaryOperatorKind.Remainder: op = UpdateOperator.Remainder; return true;
                case BinaryOperatorKind.And: op = UpdateOperator.And; return true;
                case BinaryOperatorKind.Or: op = UpdateOperator.Or; return true;
                case BinaryOperatorKind.ExclusiveOr: op = UpdateOperator.ExclusiveOr; return true;
                case BinaryOperatorKind.LeftShift: op = UpdateOperator.LeftShift; return true;
                case BinaryOperatorKind.RightShift: op = UpdateOperator.RightShift; return true;
                case BinaryOperatorKind.UnsignedRightShift: op = UpdateOperator.UnsignedRightShift; return true;
                default: op = default; return false;
            }
        }

        internal static bool IsShift(UpdateOperator op)
            => op is UpdateOperator.LeftShift or UpdateOperator.RightShift or UpdateOperator.UnsignedRightShift;

        private static bool IsCommutative(UpdateOperator op)
            => op is UpdateOperator.Add or UpdateOperator.Multiply or UpdateOperator.And or UpdateOperator.Or or UpdateOperator.ExclusiveOr;
    }
}
