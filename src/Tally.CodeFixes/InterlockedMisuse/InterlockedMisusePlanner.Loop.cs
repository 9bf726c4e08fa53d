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
                || ArgumentSyntaxOf(InterlockedMisuseFacts.GetArgument(call, 0)) is not { Expression: { } locationExpression } locationArgument
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

            var initial = UniqueNames.MemberWideLocalName(statement, "initial");
            var computed = UniqueNames.MemberWideLocalName(statement, "computed");
            var readNodes = reads.Select(r => r.Syntax).ToList();
            var newValue = valueExpression.ReplaceNodes(
                readNodes,
                (original, _) => SyntaxFactory.IdentifierName(initial).WithTriviaFrom(original));

            var typeSyntax = SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, statement.SpanStart));
            var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                typeSyntax,
                SyntaxFactory.SeparatedList(new[] { SyntaxFactory.VariableDeclarator(initial), SyntaxFactory.VariableDeclarator(computed) })));

            var compareExchange = SyntaxFactory.InvocationExpression(
                InterlockedMisuseSyntax.RenameInterlockedMethod(invocation.Expression.WithoutTrivia(), InterlockedMethodKind.CompareExchange),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    InterlockedMisuseSyntax.Positional(locationArgument).WithoutTrivia(),
                    SyntaxFactory.Argument(SyntaxFactory.IdentifierName(computed)),
                    SyntaxFactory.Argument(SyntaxFactory.IdentifierName(initial)),
                })));
            var loop = RetryLoop(initial, computed, locationExpression, newValue, compareExchange, isReference);
            return new InterlockedMisuseFixPlan(
                "Use a compare-exchange loop",
                root => InterlockedMisuseSyntax.ReplaceStatement(root, statement, new StatementSyntax[] { declaration, loop }));
        }

        /// <summary><c>do { initial = x; computed = f(initial); } while (CompareExchange(ref x, computed, initial) != initial);</c></summary>
        private static DoStatementSyntax RetryLoop(string initial, string computed, ExpressionSyntax location, ExpressionSyntax newValue, ExpressionSyntax compareExchange, bool isReference)
        {
            ExpressionSyntax condition = isReference
                ? SyntaxFactory.PrefixUnaryExpression(
                    SyntaxKind.LogicalNotExpression,
                    SyntaxFactory.InvocationExpression(
                        SyntaxFactory.ParseExpression("object.ReferenceEquals"),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                        {
                            SyntaxFactory.Argument(compareExchange),
                            SyntaxFactory.Argument(SyntaxFactory.IdentifierName(initial)),
                        }))))
                : SyntaxFactory.BinaryExpression(SyntaxKind.NotEqualsExpression, compareExchange, SyntaxFactory.IdentifierName(initial));

            return SyntaxFactory.DoStatement(
                SyntaxFactory.Block(
                    SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName(initial),
                        location.WithoutTrivia())),
                    SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName(computed),
                        newValue.WithoutTrivia()))),
                condition);
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
