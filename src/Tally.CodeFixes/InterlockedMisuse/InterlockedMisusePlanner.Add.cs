using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.InterlockedMisuse;
using Tally.Analyzers;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>TALLY006: <c>Interlocked.Exchange(ref x, x + n)</c> becomes <c>Interlocked.Add</c>.</summary>
    internal static partial class InterlockedMisusePlanner
    {
        /// <summary><c>Interlocked.Exchange(ref x, x + n);</c> → <c>Interlocked.Add(ref x, n);</c> (int/long, unchecked + or -).</summary>
        private static InterlockedMisuseFixPlan? PlanAdd(IInvocationOperation call, StorageReference location)
        {
            var fieldType = location.Type;
            if (call.DiscardingStatement() is null
                || fieldType is null
                || (fieldType.SpecialType != SpecialType.System_Int32 && fieldType.SpecialType != SpecialType.System_Int64)
                || InterlockedMisuseFacts.GetArgument(call, 1)?.Value is not IBinaryOperation binary
                || binary.OperatorMethod is not null
                || binary.IsChecked
                || !SymbolEqualityComparer.Default.Equals(binary.Type, fieldType)
                || call.Syntax is not InvocationExpressionSyntax invocation
                || call.Arguments.Length != 2
                || ArgumentSyntaxOf(InterlockedMisuseFacts.GetArgument(call, 0)) is not { } locationArgument)
            {
                return null;
            }

            if (!TrySplitAddend(binary, location, out var other, out var negate)
                || InterlockedMisuseFacts.FindReferences(other, location).Count > 0
                || other.Syntax is not ExpressionSyntax otherSyntax
                || DeltaNegation(other, negate, fieldType) is not { } negation)
            {
                return null;
            }

            var callee = SyntaxTemplate.Hole("callee");
            var target = SyntaxTemplate.Hole("location");
            var delta = SyntaxTemplate.Hole("delta");
            var replacement = SyntaxTemplate.Expression(
                AtomicSyntax.RefCall(callee, target, AtomicSyntax.Negated(delta, negation, fieldType, operandNeedsUnchecked: false)),
                new SyntaxTemplate.Fill(callee, AtomicSyntax.InterlockedMethodLike(invocation.Expression, InterlockedMethodKind.Add)),
                new SyntaxTemplate.Fill(target, locationArgument.Expression),
                new SyntaxTemplate.Fill(delta, otherSyntax)).WithTriviaFrom(invocation);

            return new InterlockedMisuseFixPlan(
                "Use Interlocked.Add",
                root => root.ReplaceNode(invocation, replacement));
        }

        /// <summary><c>x + n</c>, <c>n + x</c> give <c>n</c>; <c>x - n</c> gives <c>n</c> to negate; anything else nothing.</summary>
        private static bool TrySplitAddend(IBinaryOperation binary, StorageReference location, out IOperation other, out bool negate)
        {
            negate = binary.OperatorKind == BinaryOperatorKind.Subtract;
            if (binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract && IsLocation(binary.LeftOperand, location))
            {
                other = binary.RightOperand;
                return true;
            }

            other = binary.LeftOperand;
            return binary.OperatorKind == BinaryOperatorKind.Add && IsLocation(binary.RightOperand, location);
        }

        /// <summary>How <c>n</c> becomes the argument of <c>Interlocked.Add</c>; null when <c>-n</c> would overflow.</summary>
        private static Negation? DeltaNegation(IOperation other, bool negate, ITypeSymbol fieldType)
        {
            if (!negate)
            {
                return Negation.None;
            }

            if (other.ConstantValue.HasValue && IsMinValue(other.ConstantValue.Value, fieldType.SpecialType))
            {
                return null;
            }

            // Otherwise negate after widening, as x - n did: -(long)n, never (long)(-n).
            return other.ConstantValue.HasValue || SymbolEqualityComparer.Default.Equals(other.WalkDownImplicitConversions().Type, fieldType)
                ? Negation.Minus
                : Negation.MinusOfCast;
        }

        private static bool IsMinValue(object? value, SpecialType type)
            => (type == SpecialType.System_Int32 && value is int i && i == int.MinValue)
               || (type == SpecialType.System_Int64 && value is long l && l == long.MinValue)
               || (value is int small && small == int.MinValue);
    }
}
