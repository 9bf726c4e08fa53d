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
    /// rewritten inner updates), as template text (<see cref="SyntaxTemplate"/>) whose holes the user's own target and
    /// operand fill.
    /// </summary>
    internal static class UpdateSyntaxBuilder
    {
        private static readonly string TargetPlaceholder = SyntaxTemplate.Hole("target");
        private static readonly string OperandPlaceholder = SyntaxTemplate.Hole("operand");

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
            var text = AtomicSyntax.RefCall(helperName, TargetPlaceholder, operand is null ? "1" : OperandPlaceholder);
            return Fill(text, target, operand).WithTriviaFrom(current);
        }

        /// <summary>The replacement of the update expression by one Interlocked call (and the adjustment of its result).</summary>
        public static ExpressionSyntax BuildDirectCall(DirectUpdatePlan plan, ExpressionSyntax current, FrameworkNames names)
        {
            var (target, operand) = GetParts(plan, current);
            var arguments = !plan.TakesOperand ? System.Array.Empty<string>() : new[] { AtomicSyntax.Negated(OperandPlaceholder, plan.Negation, plan.Update.Type, plan.OperandNeedsUnchecked) };
            var call = AtomicSyntax.Interlocked(names.Interlocked, plan.Method, TargetPlaceholder, arguments);

            // A direct rewrite is only planned in an unchecked context (a checked update needs a loop), so adjusting the
            // result wraps as the original did without an unchecked(...) of its own.
            return AsOperand(Fill(Adjusted(call, plan.Adjustment), target, operand), plan.Adjustment, current);
        }

        /// <summary>
        /// The replacement, parenthesised when it is additive (<c>call - 1</c>) and its place binds tighter. (Assignments,
        /// whose replacements are also binary, are parenthesised in the original wherever an operator applies to them.)
        /// </summary>
        private static ExpressionSyntax AsOperand(ExpressionSyntax replacement, ResultAdjustment adjustment, ExpressionSyntax current)
        {
            var additive = adjustment is ResultAdjustment.SubtractOne or ResultAdjustment.AddOne;
            var parenthesised = additive ? Parentheses.AdditiveInPlaceOf(replacement, current) : replacement;
            return parenthesised.WithTriviaFrom(current);
        }

        /// <summary>
        /// The replacement of the update expression by one <c>Tally.Atomic</c> call (and the adjustment of its result),
        /// in the update's own checked or unchecked context, which the chosen method matches.
        /// </summary>
        public static ExpressionSyntax BuildLibraryCall(LibraryUpdatePlan plan, ExpressionSyntax current, FrameworkNames names)
        {
            var (target, operand) = GetParts(plan, current);
            var arguments = plan.Operand switch
            {
                LibraryOperand.None => System.Array.Empty<string>(),
                LibraryOperand.One => new[] { "1" },
                LibraryOperand.MinusOne => new[] { "-1" },
                _ => new[] { AtomicSyntax.Negated(OperandPlaceholder, plan.Negation, plan.Update.Type, operandNeedsUnchecked: false) },
            };
            var call = AtomicSyntax.RefCall(names.Library + "." + plan.Method, TargetPlaceholder, arguments);
            return AsOperand(Fill(Adjusted(call, plan.Adjustment), target, operand), plan.Adjustment, current);
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
            var read = plan.TargetIsVolatile || names.Volatile is null || !plan.UseVolatileRead ? TargetPlaceholder : AtomicSyntax.RefCall(names.Volatile + ".Read", TargetPlaceholder);
            var next = NextValue(facts.Operator, facts.OperandOnLeft, old, value, facts.Type, facts.ArithmeticType, typeName, context: null);
            var exchanged = AtomicSyntax.Interlocked(names.Interlocked, InterlockedMethodKind.CompareExchange, TargetPlaceholder, next, old);
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

            var statement = SyntaxTemplate.Statement(text, Holes(target, operand));
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
                + $"{typeName} seen = {AtomicSyntax.Interlocked(names.Interlocked, InterlockedMethodKind.CompareExchange, "location", "next", "current")};" + newLine
                + $"if ({condition})" + newLine
                + "{" + newLine
                + $"return {(spec.ReturnsOld ? "current" : "next")};" + newLine
                + "}" + newLine
                + newLine
                + "current = seen;" + newLine
                + "}" + newLine
                + "}" + newLine;

            var member = SyntaxTemplate.Member(text)
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
                return AtomicSyntax.ReferenceEquals(left, right);
            }

            if (UpdatePlanner.Categorize(type) == UpdatePlanner.TypeCategory.FloatingPoint)
            {
                // CompareExchange compares bits; == on floating point does not (NaN != NaN, -0.0 == 0.0).
                var bits = $"{names.BitConverter}.{AtomicApi.BitConversionName(type)}";
                return $"{bits}({left}) == {bits}({right})";
            }

            return $"{left} == {right}";
        }

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
            var comments = operatorToken.TrailingTrivia.Where(SyntaxTemplate.IsComment).ToList();
            return comments.Count == 0 ? operand : operand.WithLeadingTrivia(comments.Concat(operand.GetLeadingTrivia()));
        }

        /// <summary>The expression <paramref name="text"/> with the target and operand holes filled.</summary>
        private static ExpressionSyntax Fill(string text, ExpressionSyntax target, ExpressionSyntax? operand)
            => SyntaxTemplate.Expression(text, Holes(target, operand));

        private static SyntaxTemplate.Fill[] Holes(ExpressionSyntax target, ExpressionSyntax? operand)
            => new[] { new SyntaxTemplate.Fill(TargetPlaceholder, target), new SyntaxTemplate.Fill(OperandPlaceholder, operand) };
    }
}
