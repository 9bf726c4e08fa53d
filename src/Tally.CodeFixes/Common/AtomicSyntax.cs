using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Tally.Analyzers.Common;

namespace Tally.CodeFixes.Common
{
    /// <summary>How the right operand of <c>x -= n</c> is negated for an atomic add.</summary>
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

    /// <summary>
    /// The template text (<see cref="SyntaxTemplate"/>) of the calls every fix writes: an <c>Interlocked</c>,
    /// <c>Volatile</c> or <c>Tally.Atomic</c> method with the updated location passed by <c>ref</c>, the negated operand
    /// of an add, reference comparison; and the name of an <c>Interlocked</c> method spelled like the user's call.
    /// </summary>
    internal static class AtomicSyntax
    {
        /// <summary><c>method(ref location, arguments...)</c>.</summary>
        public static string RefCall(string method, string location, params string[] arguments)
            => $"{method}(ref {location}{string.Concat(arguments.Select(a => ", " + a))})";

        /// <summary><c>Interlocked.Method(ref location, arguments...)</c>, <c>Interlocked</c> spelled as <paramref name="interlocked"/>.</summary>
        public static string Interlocked(string interlocked, InterlockedMethodKind method, string location, params string[] arguments)
            => RefCall(interlocked + "." + method.Name(), location, arguments);

        /// <summary><c>object.ReferenceEquals(left, right)</c>: what <c>CompareExchange</c> compares for reference types.</summary>
        public static string ReferenceEquals(string left, string right) => $"object.ReferenceEquals({left}, {right})";

        /// <summary>
        /// <paramref name="operand"/> as negated for an addition. <c>unchecked(...)</c> only where the context would not
        /// already wrap: a constant whose negation overflows is a compile-time error outside an explicitly unchecked context.
        /// </summary>
        public static string Negated(string operand, Negation negation, ITypeSymbol type, bool operandNeedsUnchecked)
        {
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

        /// <summary>
        /// The expression naming the Interlocked method <paramref name="method"/>, spelled like <paramref name="callee"/>
        /// (the user's call): <c>Interlocked.Add</c> when the call was qualified, the fully qualified (then simplified) name
        /// when it came through <c>using static</c>, so that a member of the user's type with the same name cannot capture it.
        /// </summary>
        public static ExpressionSyntax InterlockedMethodLike(ExpressionSyntax callee, InterlockedMethodKind method)
        {
            var typeArguments = callee switch
            {
                MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList.ToString(),
                GenericNameSyntax generic => generic.TypeArgumentList.ToString(),
                _ => string.Empty,
            };
            var name = method.Name() + typeArguments;
            if (callee is MemberAccessExpressionSyntax memberAccess)
            {
                // Only the name changes: the user's receiver and its layout stay.
                var simpleName = (SimpleNameSyntax)SyntaxFactory.ParseName(name);
                return memberAccess.WithName(simpleName.WithTriviaFrom(memberAccess.Name));
            }

            return SyntaxTemplate.Expression("global::System.Threading.Interlocked." + name)
                .WithTriviaFrom(callee)
                .WithAdditionalAnnotations(Simplifier.Annotation);
        }
    }
}
