using System.Linq;
using System;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Builds the replacement syntax of one update from its plan and the CURRENT update node (whose operand may already hold
    /// rewritten inner updates). Code is written as text with placeholders, parsed, and the user's own target and operand
    /// nodes are put back in place of the placeholders, so they keep their exact text.
    /// </summary>
    internal static class UpdateSyntaxBuilder
    {
        private const string TargetPlaceholder = "__tally_target";
        private const string OperandPlaceholder = "__tally_operand";

        /// <summary>The names the rewriter picked for the locals of an inline loop (they depend on the code around it).</summary>
        internal readonly struct LoopNames
        {
            public LoopNames(string old, string operand)
            {
                Old = old;
                Operand = operand;
            }

            /// <summary>The local holding the value read before the compare-exchange.</summary>
            public string Old { get; }

            /// <summary>The local holding the hoisted operand.</summary>
            public string Operand { get; }
        }

        /// <summary>The replacement of the update expression by a call of the generated helper named <paramref name="helperName"/>.</summary>
        public static ExpressionSyntax BuildHelperCall(HelperUpdatePlan plan, ExpressionSyntax current, string helperName)
        {
            var (target, operand) = GetParts(plan, current);
            var text = $"{helperName}(ref {TargetPlaceholder}, {(operand is null ? "1" : OperandPlaceholder)})";
            return Fill(SyntaxFactory.ParseExpression(text), target, operand).WithTriviaFrom(current);
        }

        /// <summary>The replacement of the update expression by one Interlocked call (and the adjustment of its result).</summary>
        public static ExpressionSyntax BuildDirectCall(DirectUpdatePlan plan, ExpressionSyntax current, FrameworkNames names)
        {
            var (target, operand) = GetParts(plan, current);
            var argument = !plan.TakesOperand ? string.Empty : ", " + NegatedOperand(plan.Negation, plan.Update.Type, plan.OperandNeedsUnchecked);
            var call = $"{names.Interlocked}.{plan.Method.Name()}(ref {TargetPlaceholder}{argument})";

            // A direct rewrite is only planned in an unchecked context (a checked update needs a loop), so adjusting the
            // result wraps as the original did without an unchecked(...) of its own.
            return AsOperand(Fill(SyntaxFactory.ParseExpression(Adjusted(call, plan.Adjustment)), target, operand), plan.Adjustment, current);
        }

        /// <summary>
        /// <c>x++</c> is a primary expression and may stand anywhere (<c>x++ * 2</c>, <c>-x--</c>); its replacement
        /// <c>call - 1</c> is additive, so it is parenthesised unless its place binds more loosely. (Assignments, whose
        /// replacements are also binary, are parenthesised in the original wherever an operator applies to them.)
        /// </summary>
        private static ExpressionSyntax AsOperand(ExpressionSyntax replacement, ResultAdjustment adjustment, ExpressionSyntax current)
        {
            var additive = adjustment is ResultAdjustment.SubtractOne or ResultAdjustment.AddOne;
            var parenthesised = additive && !IsLooseContext(current)
                ? SyntaxFactory.ParenthesizedExpression(replacement.WithoutTrivia())
                : replacement;
            return parenthesised.WithTriviaFrom(current);
        }

        /// <summary>Whether an additive expression can replace <paramref name="node"/> without parentheses.</summary>
        private static bool IsLooseContext(ExpressionSyntax node)
        {
            switch (node.Parent)
            {
                case ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax or ExpressionStatementSyntax
                    or ParenthesizedExpressionSyntax or CheckedExpressionSyntax or LambdaExpressionSyntax or InitializerExpressionSyntax
                    or IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or YieldStatementSyntax
                    or InterpolationSyntax or SwitchExpressionArmSyntax or SwitchStatementSyntax or ThrowStatementSyntax
                    or AnonymousObjectMemberDeclaratorSyntax or ExpressionElementSyntax:
                    return true;
                case AssignmentExpressionSyntax assignment:
                    return assignment.Right == node;
                case ConditionalExpressionSyntax:
                    return true;
                case BinaryExpressionSyntax binary:
                    // Operators that bind more loosely than + and -; an additive one only with the update on its left.
                    return binary.Kind() is SyntaxKind.LeftShiftExpression or SyntaxKind.RightShiftExpression or SyntaxKind.UnsignedRightShiftExpression
                            or SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
                            or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
                            or SyntaxKind.BitwiseAndExpression or SyntaxKind.ExclusiveOrExpression or SyntaxKind.BitwiseOrExpression
                            or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression
                        || (binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression && binary.Left == node);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The replacement of the update expression by one <c>Tally.Atomic</c> call (and the adjustment of its result),
        /// in the update's own checked or unchecked context, which the chosen method matches.
        /// </summary>
        public static ExpressionSyntax BuildLibraryCall(LibraryUpdatePlan plan, ExpressionSyntax current, FrameworkNames names)
        {
            var (target, operand) = GetParts(plan, current);
            var argument = plan.Operand switch
            {
                LibraryOperand.None => string.Empty,
                LibraryOperand.One => ", 1",
                LibraryOperand.MinusOne => ", -1",
                _ => ", " + NegatedOperand(plan.Negation, plan.Update.Type, operandNeedsUnchecked: false),
            };
            var call = $"{names.Library}.{plan.Method}(ref {TargetPlaceholder}{argument})";
            return AsOperand(Fill(SyntaxFactory.ParseExpression(Adjusted(call, plan.Adjustment)), target, operand), plan.Adjustment, current);
        }

        private static string Adjusted(string call, ResultAdjustment adjustment) => adjustment switch
        {
            ResultAdjustment.SubtractOne => $"{call} - 1",
            ResultAdjustment.AddOne => $"{call} + 1",
            ResultAdjustment.OrOperand => $"{call} | {OperandPlaceholder}",
            ResultAdjustment.AndOperand => $"{call} & {OperandPlaceholder}",
            ResultAdjustment.XorOperand => $"{call} ^ {OperandPlaceholder}",
            _ => call,
        };

        /// <summary>The compare-exchange loop replacing the update statement (InlineLoop strategy).</summary>
        public static StatementSyntax BuildInlineLoop(InlineLoopUpdatePlan plan, ExpressionStatementSyntax current, FrameworkNames names, LoopNames loopNames, string typeName, string operandTypeName, string newLine)
        {
            var update = current.Expression.WalkDownParentheses();
            var (target, operand) = GetParts(plan, update);
            var facts = plan.Update;
            var old = loopNames.Old;
            var value = operand is null ? "1" : plan.HoistOperand ? loopNames.Operand : OperandPlaceholder;
            var read = plan.TargetIsVolatile || names.Volatile is null || !plan.UseVolatileRead ? TargetPlaceholder : $"{names.Volatile}.Read(ref {TargetPlaceholder})";
            var next = NextValue(facts.Operator, facts.OperandOnLeft, old, value, facts.Type, facts.ArithmeticType, typeName, context: null);
            var exchanged = $"{names.Interlocked}.CompareExchange(ref {TargetPlaceholder}, {next}, {old})";
            var condition = Equal(facts.Type, exchanged, old, names);

            var loop = "while (true)" + newLine
                + "{" + newLine
                + $"{typeName} {old} = {read};" + newLine
                + $"if ({condition})" + newLine
                + "{" + newLine
                + "break;" + newLine
                + "}" + newLine
                + "}";
            var text = plan.HoistOperand
                ? "{" + newLine + $"{operandTypeName} {loopNames.Operand} = {OperandPlaceholder};" + newLine + loop + newLine + "}"
                : loop;

            var statement = Fill(SyntaxFactory.ParseStatement(text), target, operand);
            return statement
                .WithLeadingTrivia(current.GetLeadingTrivia())
                .WithTrailingTrivia(current.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>The private static compare-exchange helper.</summary>
        public static MemberDeclarationSyntax BuildHelper(HelperSpec spec, string name, FrameworkNames names, string typeName, string operandTypeName, string newLine)
        {
            var context = !spec.IsChecked && !OverflowFree(spec) ? "unchecked" : spec.IsChecked ? "checked" : null;
            var next = NextValue(spec.Operator, spec.Reversed, "current", "value", spec.Type, spec.ArithmeticType, typeName, context);
            // A plain first read is enough: a stale or torn value only makes the first compare-exchange fail, and every
            // retry starts from the value the compare-exchange returned, so the loop never re-reads the location itself.
            const string read = "location";
            var condition = Equal(spec.Type, "seen", "current", names);
            var symbol = Symbol(spec.Operator).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
            var what = spec.Reversed ? $"value {symbol} location" : $"location {symbol} value";
            var returns = spec.ReturnsOld ? "old" : "new";
            var overflow = spec.IsChecked ? " (throws OverflowException on overflow, leaving the location unchanged)" : string.Empty;

            var text = newLine
                + $"/// <summary>Atomically replaces <paramref name=\"location\"/> with <c>{what}</c>{overflow} and returns the {returns} value; generated by Tally.</summary>" + newLine
                + $"private static {typeName} {name}(ref {typeName} location, {operandTypeName} value)" + newLine
                + "{" + newLine
                + $"{typeName} current = {read};" + newLine
                + "while (true)" + newLine
                + "{" + newLine
                + $"{typeName} next = {next};" + newLine
                + $"{typeName} seen = {names.Interlocked}.CompareExchange(ref location, next, current);" + newLine
                + $"if ({condition})" + newLine
                + "{" + newLine
                + $"return {(spec.ReturnsOld ? "current" : "next")};" + newLine
                + "}" + newLine
                + newLine
                + "current = seen;" + newLine
                + "}" + newLine
                + "}" + newLine;

            var member = SyntaxFactory.ParseMemberDeclaration(text)
                ?? throw new InvalidOperationException("Generated helper does not parse.");
            return member.WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Whether a generated helper does not depend on the checked context (no integral +, -, *, no narrowing).</summary>
        private static bool OverflowFree(HelperSpec spec)
        {
            if (spec.ArithmeticType is not null)
            {
                return false;
            }

            if (UpdatePlanner.Categorize(spec.Type) is UpdatePlanner.TypeCategory.FloatingPoint or UpdatePlanner.TypeCategory.Delegate or UpdatePlanner.TypeCategory.Enum)
            {
                return true;
            }

            return spec.Operator is not (UpdateOperator.Add or UpdateOperator.Subtract or UpdateOperator.Multiply);
        }

        private static string NextValue(UpdateOperator op, bool reversed, string current, string value, ITypeSymbol type, ITypeSymbol? arithmeticType, string typeName, string? context)
        {
            var symbol = Symbol(op);
            var expression = reversed ? $"{value} {symbol} {current}" : $"{current} {symbol} {value}";
            if (arithmeticType is not null)
            {
                expression = $"({typeName})({expression})";
            }

            return context is null ? expression : $"{context}({expression})";
        }

        private static string Equal(ITypeSymbol type, string left, string right, FrameworkNames names)
        {
            if (type.TypeKind == TypeKind.Delegate)
            {
                // CompareExchange compares references; == on delegates compares invocation lists.
                return $"object.ReferenceEquals({left}, {right})";
            }

            if (UpdatePlanner.Categorize(type) == UpdatePlanner.TypeCategory.FloatingPoint)
            {
                // CompareExchange compares bits; == on floating point does not (NaN != NaN, -0.0 == 0.0).
                var bits = $"{names.BitConverter}.{AtomicApi.BitConversionName(type)}";
                return $"{bits}({left}) == {bits}({right})";
            }

            return $"{left} == {right}";
        }

        /// <summary>
        /// The operand as negated for an addition. <c>unchecked(...)</c> only where the context would not already wrap:
        /// a constant whose negation overflows is a compile-time error outside an explicitly unchecked context.
        /// </summary>
        private static string NegatedOperand(Negation negation, ITypeSymbol type, bool operandNeedsUnchecked)
        {
            var operand = OperandPlaceholder;
            string Wrap(string text) => operandNeedsUnchecked ? $"unchecked({text})" : text;
            return negation switch
            {
                Negation.Minus => "-" + operand,
                Negation.MinusOfCast => $"-({TypeKeyword(type)}){operand}",
                Negation.UncheckedMinus => Wrap($"-{operand}"),
                Negation.UnsignedComplement => Wrap($"{(type.SpecialType == SpecialType.System_UInt64 ? "0UL" : "0U")} - {operand}"),
                _ => operand,
            };
        }

        private static string TypeKeyword(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Int32 => "int",
            SpecialType.System_Int64 => "long",
            SpecialType.System_UInt32 => "uint",
            SpecialType.System_UInt64 => "ulong",
            _ => type.ToDisplayString(),
        };

        internal static string Symbol(UpdateOperator op) => op switch
        {
            UpdateOperator.Add => "+",
            UpdateOperator.Subtract => "-",
            UpdateOperator.Multiply => "*",
            UpdateOperator.Divide => "/",
            UpdateOperator.Remainder => "%",
            UpdateOperator.And => "&",
            UpdateOperator.Or => "|",
            UpdateOperator.ExclusiveOr => "^",
            UpdateOperator.LeftShift => "<<",
            UpdateOperator.RightShift => ">>",
            UpdateOperator.UnsignedRightShift => ">>>",
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };

        /// <summary>The target and the operand (null for ++/--) of the current update node.</summary>
        internal static (ExpressionSyntax Target, ExpressionSyntax? Operand) GetParts(UpdatePlan plan, ExpressionSyntax current)
        {
            switch (current)
            {
                case PrefixUnaryExpressionSyntax prefix:
                    return (prefix.Operand, null);
                case PostfixUnaryExpressionSyntax postfix:
                    return (postfix.Operand, null);
                case AssignmentExpressionSyntax assignment when plan.Update.Shape == UpdateShape.Compound:
                    return (assignment.Left, WithCommentsAfter(assignment.OperatorToken, assignment.Right));
                case AssignmentExpressionSyntax assignment when plan.Update.Shape == UpdateShape.GuardedAssignment:
                    return (assignment.Left, assignment.Right);
                case AssignmentExpressionSyntax { Right: var right } assignment when right.WalkDownParentheses() is InvocationExpressionSyntax extremum:
                    var arguments = extremum.ArgumentList.Arguments;
                    return (assignment.Left, (plan.Update.OperandSyntaxOnLeft ? arguments[0] : arguments[1]).Expression);
                case AssignmentExpressionSyntax assignment:
                    var binary = (BinaryExpressionSyntax)assignment.Right.WalkDownParentheses();
                    return (assignment.Left, plan.Update.OperandSyntaxOnLeft ? binary.Left : WithCommentsAfter(binary.OperatorToken, binary.Right));
                default:
                    throw new InvalidOperationException("Unexpected update node " + current.Kind());
            }
        }

        /// <summary>A comment written right after the operator (<c>x += /* why */ n</c>) is trailing trivia of the operator: keep it with the operand.</summary>
        private static ExpressionSyntax WithCommentsAfter(SyntaxToken operatorToken, ExpressionSyntax operand)
        {
            var comments = operatorToken.TrailingTrivia.Where(IsComment).ToList();
            return comments.Count == 0 ? operand : operand.WithLeadingTrivia(comments.Concat(operand.GetLeadingTrivia()));
        }

        /// <summary>Replaces the placeholders with the user's nodes (without their outer whitespace), parenthesised where needed.</summary>
        private static TNode Fill<TNode>(TNode node, ExpressionSyntax target, ExpressionSyntax? operand)
            where TNode : SyntaxNode
        {
            var cleanTarget = Clean(target);
            var cleanOperand = operand is null ? null : Clean(operand);
            return node.ReplaceNodes(
                node.DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText is TargetPlaceholder or OperandPlaceholder),
                (original, _) =>
                {
                    if (original.Identifier.ValueText == TargetPlaceholder)
                    {
                        return WithOuterTrivia(cleanTarget, original);
                    }

                    if (cleanOperand is null)
                    {
                        return original;
                    }

                    var needsParentheses = original.Parent is not (ArgumentSyntax or EqualsValueClauseSyntax) && !Parentheses.IsPrimary(cleanOperand);
                    return WithOuterTrivia(needsParentheses ? SyntaxFactory.ParenthesizedExpression(cleanOperand) : cleanOperand, original);
                });
        }

        private static ExpressionSyntax WithOuterTrivia(ExpressionSyntax replacement, SyntaxNode placeholder)
            => replacement
                .WithLeadingTrivia(placeholder.GetLeadingTrivia().AddRange(replacement.GetLeadingTrivia()))
                .WithTrailingTrivia(replacement.GetTrailingTrivia().AddRange(placeholder.GetTrailingTrivia()));

        /// <summary>The node without surrounding whitespace; comments directly attached are kept.</summary>
        private static ExpressionSyntax Clean(ExpressionSyntax expression)
        {
            var leading = expression.GetLeadingTrivia().Where(IsComment).SelectMany(t => new[] { t, SyntaxFactory.Space });
            var trailing = expression.GetTrailingTrivia().Where(IsComment).SelectMany(t => new[] { SyntaxFactory.Space, t });
            return expression.WithLeadingTrivia(leading).WithTrailingTrivia(trailing);
        }

        private static bool IsComment(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);
    }
}
