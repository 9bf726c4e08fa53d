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
    /// <summary>TALLY006: <c>Interlocked.Exchange(ref x, f(x))</c> becomes a compare-exchange loop.</summary>
    internal static partial class InterlockedMisusePlanner
    {
        private static readonly string Callee = SyntaxTemplate.Hole("callee");
        private static readonly string Location = SyntaxTemplate.Hole("location");
        private static readonly string Computation = SyntaxTemplate.Hole("computation");

        /// <summary>
        /// <c>Interlocked.Exchange(ref x, f(x));</c> → a loop that reads x once, computes f from that snapshot and publishes
        /// it with CompareExchange, retrying when another thread got there first.
        /// </summary>
        private static InterlockedMisuseFixPlan? PlanCompareExchangeLoop(IInvocationOperation call, StorageReference location, KnownSymbols known, SemanticModel model)
        {
            var statementOperation = call.DiscardingStatement();
            var type = location.Type;
            if (statementOperation?.Syntax is not ExpressionStatementSyntax statement
                || type is null
                || call.Syntax is not InvocationExpressionSyntax invocation
                || ArgumentSyntaxOf(InterlockedMisuseFacts.GetArgument(call, 0)) is not { Expression: { } locationExpression }
                || InterlockedMisuseFacts.GetArgument(call, 1) is not { } valueArgument
                || ArgumentSyntaxOf(valueArgument) is not { Expression: { } valueExpression }
                || !HasCompareExchange(known.Interlocked!, type, call.TargetMethod.IsGenericMethod))
            {
                return null;
            }

            // float/double compare bitwise in CompareExchange but not with !=; structs cannot be exchanged.
            var isReference = type.IsReferenceType;
            var reads = InterlockedMisuseFacts.FindReferences(valueArgument.Value, location);
            if ((!isReference && type.TypeKind != TypeKind.Enum && !IsIntegral(type.SpecialType))
                || reads.Any(StorageReference.IsWrite))
            {
                return null;
            }

            var initial = UniqueNames.MemberWideLocalName(model, statement, "initial");
            var computed = UniqueNames.MemberWideLocalName(model, statement, "computed");
            var newValue = valueExpression.ReplaceNodes(
                reads.Select(r => r.Syntax),
                (original, _) => SyntaxTemplate.Expression(initial).WithTriviaFrom(original));

            var newLine = SyntaxTemplate.NewLineOf(statement.SyntaxTree.GetText());
            var statements = SyntaxTemplate.Statements(
                RetryLoop(type.ToMinimalDisplayString(model, statement.SpanStart), initial, computed, isReference, newLine),
                newLine,
                new SyntaxTemplate.Fill(Callee, AtomicSyntax.InterlockedMethodLike(invocation.Expression.WithoutTrivia(), InterlockedMethodKind.CompareExchange)),
                new SyntaxTemplate.Fill(Location, locationExpression),
                new SyntaxTemplate.Fill(Computation, newValue));
            return new InterlockedMisuseFixPlan(
                "Use a compare-exchange loop",
                root => InterlockedMisuseSyntax.ReplaceStatement(root, statement, statements));
        }

        /// <summary>
        /// <c>T initial, computed; do { initial = x; computed = f(initial); } while (CompareExchange(ref x, computed, initial) != initial);</c>
        /// (reference types compare with <c>object.ReferenceEquals</c>), with holes for the callee, x and f(initial).
        /// </summary>
        private static string RetryLoop(string typeName, string initial, string computed, bool isReference, string newLine)
        {
            var exchanged = AtomicSyntax.RefCall(Callee, Location, computed, initial);
            var condition = isReference ? "!" + AtomicSyntax.ReferenceEquals(exchanged, initial) : $"{exchanged} != {initial}";
            return $"{typeName} {initial}, {computed};" + newLine
                + "do" + newLine
                + "{" + newLine
                + $"{initial} = {Location};" + newLine
                + $"{computed} = {Computation};" + newLine
                + "}" + newLine
                + $"while ({condition});";
        }

        private static bool HasCompareExchange(INamedTypeSymbol interlocked, ITypeSymbol type, bool generic)
            => interlocked.GetMembers(InterlockedMethodKind.CompareExchange.Name()).OfType<IMethodSymbol>().Any(m =>
                m.Parameters.Length == 3
                && m.Parameters[0].RefKind == RefKind.Ref
                && (generic
                    ? m.IsGenericMethod
                    : !m.IsGenericMethod && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, type)));

        private static bool IsIntegral(SpecialType type)
            => type is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Char or SpecialType.System_Boolean;
    }
}
