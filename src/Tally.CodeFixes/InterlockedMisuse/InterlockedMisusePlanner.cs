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

namespace Tally.CodeFixes.InterlockedMisuse
{
    /// <summary>
    /// Computes the fix for a TALLY006/TALLY007 diagnostic from the semantic model of the node at its location,
    /// re-running the analyzer's own checks; returns null when there is no safe fix.
    /// </summary>
    internal static class InterlockedMisusePlanner
    {
        public static InterlockedMisuseFixPlan? TryPlan(SyntaxNode root, SemanticModel model, TallyOptions options, string diagnosticId, TextSpan span, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Create(model.Compilation);
            if (known.Interlocked is null || !root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var operation = model.GetOperation(node, cancellationToken);
            switch (diagnosticId)
            {
                case DiagnosticIds.NonAtomicInterlockedUse:
                    return PlanNonAtomicUse(operation, known, options, span, model);
                case DiagnosticIds.FieldReadAfterInterlocked:
                    return PlanReadAfter(operation, known, options, span, model);
                default:
                    return null;
            }
        }

        private static InterlockedMisuseFixPlan? PlanNonAtomicUse(IOperation? operation, KnownSymbols known, TallyOptions options, TextSpan span, SemanticModel model)
        {
            var call = operation switch
            {
                ISimpleAssignmentOperation { Value: IInvocationOperation invocation } => invocation,
                IInvocationOperation invocation => invocation,
                _ => null,
            };
            var kind = call is null ? InterlockedMethodKind.Other : InterlockedMethodKinds.KindOf(call.TargetMethod, known);
            if (call is null
                || kind == InterlockedMethodKind.Other
                || !InterlockedMisuseLocation.TryCreate(InterlockedMisuseFacts.GetArgument(call, 0)?.Value, out var location)
                || LockFinder.IsHeld(call, known, options))
            {
                return null;
            }

            var misuse = InterlockedMisuseFinder.Find(call, kind, location);
            if (misuse.Node is null || misuse.Node.Span != span)
            {
                return null;
            }

            switch (misuse.Kind)
            {
                case InterlockedMisuseKind.ResultStoredBack when kind.ReturnsNewValue():
                    return PlanRemoveStoreBack(misuse.Node, (InvocationExpressionSyntax)call.Syntax, call.TargetMethod.Name);

                case InterlockedMisuseKind.ValueReadsLocation:
                    return PlanAdd(call, location) ?? PlanCompareExchangeLoop(call, location, known, model);

                case InterlockedMisuseKind.SingleCompareExchange:
                    var comparand = InterlockedMisuseFacts.GetArgument(call, 2)?.Value?.WalkDownImplicitConversions();
                    return comparand is not null && InterlockedMisuseFacts.IsPlainReference(comparand) && location.IsReferencedBy(comparand)
                        ? PlanCompareExchangeLoop(call, location, known, model)
                        : null;

                default:
                    return null;
            }
        }

        /// <summary><c>x = Interlocked.Increment(ref x)</c> → <c>Interlocked.Increment(ref x)</c>: same value, one atomic write.</summary>
        private static InterlockedMisuseFixPlan PlanRemoveStoreBack(SyntaxNode assignment, InvocationExpressionSyntax invocation, string methodName)
            => new InterlockedMisuseFixPlan(
                $"Remove the write-back of Interlocked.{methodName}'s result",
                root => root.ReplaceNode(assignment, invocation.WithTriviaFrom(assignment)));

        /// <summary><c>Interlocked.Exchange(ref x, x + n);</c> → <c>Interlocked.Add(ref x, n);</c> (int/long, unchecked + or -).</summary>
        private static InterlockedMisuseFixPlan? PlanAdd(IInvocationOperation call, InterlockedMisuseLocation location)
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

            IOperation other;
            bool negate;
            if (binary.OperatorKind == BinaryOperatorKind.Add && IsLocation(binary.LeftOperand, location))
            {
                other = binary.RightOperand;
                negate = false;
            }
            else if (binary.OperatorKind == BinaryOperatorKind.Add && IsLocation(binary.RightOperand, location))
            {
                other = binary.LeftOperand;
                negate = false;
            }
            else if (binary.OperatorKind == BinaryOperatorKind.Subtract && IsLocation(binary.LeftOperand, location))
            {
                other = binary.RightOperand;
                negate = true;
            }
            else
            {
                return null;
            }

            if (InterlockedMisuseFacts.FindReferences(other, location).Count > 0 || other.Syntax is not ExpressionSyntax otherSyntax)
            {
                return null;
            }

            ExpressionSyntax delta = otherSyntax.WithoutTrivia();
            if (negate)
            {
                var unconverted = other.WalkDownImplicitConversions();
                if (other.ConstantValue.HasValue)
                {
                    if (IsMinValue(other.ConstantValue.Value, fieldType.SpecialType))
                    {
                        return null;
                    }

                    delta = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, InterlockedMisuseSyntax.ParenthesizeIfNeeded(delta));
                }
                else if (SymbolEqualityComparer.Default.Equals(unconverted.Type, fieldType))
                {
                    delta = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, InterlockedMisuseSyntax.ParenthesizeIfNeeded(delta));
                }
                else
                {
                    // Negate after widening, as x - n did: -(long)n, never (long)(-n).
                    delta = SyntaxFactory.PrefixUnaryExpression(
                        SyntaxKind.UnaryMinusExpression,
                        SyntaxFactory.CastExpression(
                            SyntaxFactory.PredefinedType(SyntaxFactory.Token(
                                fieldType.SpecialType == SpecialType.System_Int32 ? SyntaxKind.IntKeyword : SyntaxKind.LongKeyword)),
                            InterlockedMisuseSyntax.ParenthesizeIfNeeded(delta)));
                }
            }

            var replacement = SyntaxFactory.InvocationExpression(
                InterlockedMisuseSyntax.RenameInterlockedMethod(invocation.Expression, "Add"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    InterlockedMisuseSyntax.Positional(locationArgument),
                    SyntaxFactory.Argument(delta),
                }))).WithTriviaFrom(invocation);

            return new InterlockedMisuseFixPlan(
                "Use Interlocked.Add",
                root => root.ReplaceNode(invocation, replacement));
        }

        /// <summary>
        /// <c>Interlocked.Exchange(ref x, f(x));</c> → a loop that reads x once, computes f from that snapshot and publishes
        /// it with CompareExchange, retrying when another thread got there first.
        /// </summary>
        private static InterlockedMisuseFixPlan? PlanCompareExchangeLoop(IInvocationOperation call, InterlockedMisuseLocation location, KnownSymbols known, SemanticModel model)
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

            bool isReference;
            if (type.IsReferenceType)
            {
                isReference = true;
            }
            else if (type.TypeKind == TypeKind.Enum || IsIntegral(type.SpecialType))
            {
                isReference = false;
            }
            else
            {
                return null; // float/double compare bitwise in CompareExchange but not with !=; structs cannot be exchanged
            }

            var reads = InterlockedMisuseFacts.FindReferences(valueArgument.Value, location);
            if (reads.Any(InterlockedMisuseFacts.IsWrite))
            {
                return null;
            }

            var initial = InterlockedMisuseSyntax.UniqueLocalName(statement, "initial");
            var computed = InterlockedMisuseSyntax.UniqueLocalName(statement, "computed");
            var readNodes = reads.Select(r => r.Syntax).ToList();
            var newValue = valueExpression.ReplaceNodes(
                readNodes,
                (original, _) => SyntaxFactory.IdentifierName(initial).WithTriviaFrom(original));

            var typeSyntax = SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, statement.SpanStart));
            var declaration = SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                typeSyntax,
                SyntaxFactory.SeparatedList(new[] { SyntaxFactory.VariableDeclarator(initial), SyntaxFactory.VariableDeclarator(computed) })));

            var compareExchange = SyntaxFactory.InvocationExpression(
                InterlockedMisuseSyntax.RenameInterlockedMethod(invocation.Expression.WithoutTrivia(), "CompareExchange"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    InterlockedMisuseSyntax.Positional(locationArgument).WithoutTrivia(),
                    SyntaxFactory.Argument(SyntaxFactory.IdentifierName(computed)),
                    SyntaxFactory.Argument(SyntaxFactory.IdentifierName(initial)),
                })));

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

            var loop = SyntaxFactory.DoStatement(
                SyntaxFactory.Block(
                    SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName(initial),
                        locationExpression.WithoutTrivia())),
                    SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName(computed),
                        newValue.WithoutTrivia()))),
                condition);

            return new InterlockedMisuseFixPlan(
                "Use a compare-exchange loop",
                root => InterlockedMisuseSyntax.ReplaceStatement(root, statement, new StatementSyntax[] { declaration, loop }));
        }

        /// <summary>
        /// <c>Interlocked.Increment(ref _next); return items[_next % n];</c> →
        /// <c>var next = Interlocked.Increment(ref _next); return items[next % n];</c>.
        /// </summary>
        private static InterlockedMisuseFixPlan? PlanReadAfter(IOperation? operation, KnownSymbols known, TallyOptions options, TextSpan span, SemanticModel model)
        {
            if (operation is null
                || !InterlockedMisuseFacts.IsPlainReference(operation)
                || !InterlockedMisuseLocation.TryCreate(operation, out var location)
                || !location.IsFieldOfThisOrStatic
                || FindSourceCall(operation, location, known, options) is not { } source
                || source.Call.Syntax is not InvocationExpressionSyntax invocation
                || source.Statement.Syntax is not StatementSyntax statement)
            {
                return null;
            }

            var kind = InterlockedMethodKinds.KindOf(source.Call.TargetMethod, known);
            var name = InterlockedMisuseSyntax.UniqueLocalName(statement, InterlockedMisuseSyntax.LocalNameForField(location.Symbol.Name));
            var readNodes = source.Reads.Select(r => r.Reference.Syntax).ToList();
            if (readNodes.All(r => r.Span != span))
            {
                return null;
            }

            StatementSyntax[] replacements;
            if (kind.ReturnsNewValue())
            {
                replacements = new StatementSyntax[]
                {
                    SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName("var"),
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(invocation.WithoutTrivia()))))),
                };
            }
            else if (kind == InterlockedMethodKind.Exchange
                     && ArgumentSyntaxOf(InterlockedMisuseFacts.GetArgument(source.Call, 1)) is { Expression: { } value } valueArgument
                     && location.Type is { } type)
            {
                // Exchange returns the old value; the value this thread stored is the argument, so name it first.
                var typeSyntax = SyntaxFactory.ParseTypeName(type.ToMinimalDisplayString(model, statement.SpanStart));
                replacements = new StatementSyntax[]
                {
                    SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                        typeSyntax,
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia()))))),
                    statement.ReplaceNode(valueArgument, valueArgument.WithExpression(SyntaxFactory.IdentifierName(name).WithTriviaFrom(value))),
                };
            }
            else
            {
                return null;
            }

            return new InterlockedMisuseFixPlan(
                $"Use the value returned by Interlocked.{source.Call.TargetMethod.Name}",
                root =>
                {
                    var tracked = root.TrackNodes(readNodes.Concat(new SyntaxNode[] { statement }));
                    tracked = tracked.ReplaceNodes(
                        readNodes.Select(r => tracked.GetCurrentNode(r)!),
                        (original, _) => SyntaxFactory.IdentifierName(name).WithTriviaFrom(original));
                    return InterlockedMisuseSyntax.ReplaceStatement(tracked, tracked.GetCurrentNode(statement)!, replacements);
                });
        }

        private sealed class SourceCall
        {
            public SourceCall(IInvocationOperation call, IOperation statement, IReadOnlyList<InterlockedMisuseRead> reads)
            {
                Call = call;
                Statement = statement;
                Reads = reads;
            }

            public IInvocationOperation Call { get; }

            public IOperation Statement { get; }

            public IReadOnlyList<InterlockedMisuseRead> Reads { get; }
        }

        /// <summary>The nearest earlier statement <c>Interlocked.X(ref field...);</c> whose following reads include this one.</summary>
        private static SourceCall? FindSourceCall(IOperation read, InterlockedMisuseLocation location, KnownSymbols known, TallyOptions options)
        {
            for (var current = read; current.Parent is not null; current = current.Parent)
            {
                if (current.Parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (!InterlockedMisuseReadAfterScanner.TryGetFollowing(current, out var siblings, out var index))
                {
                    continue;
                }

                for (var i = index - 1; i >= 0; i--)
                {
                    var call = AsDiscardedInterlockedCall(siblings[i], known);
                    if (call is null
                        || !InterlockedMisuseLocation.TryCreate(InterlockedMisuseFacts.GetArgument(call, 0)?.Value, out var callLocation)
                        || !callLocation.IsSameAs(location))
                    {
                        continue;
                    }

                    var kind = InterlockedMethodKinds.KindOf(call.TargetMethod, known);
                    if (!kind.ReturnsNewValue() && kind != InterlockedMethodKind.Exchange)
                    {
                        return null;
                    }

                    if (InterlockedMisuseFinder.Find(call, kind, callLocation).Kind != InterlockedMisuseKind.None)
                    {
                        return null; // the analyzer reports TALLY006 there instead
                    }

                    var reads = InterlockedMisuseReadAfterScanner.FindReads(call, callLocation, known, options);
                    return reads.Any(r => r.Reference.Syntax == read.Syntax) && reads.Any(r => !r.IsDisplayOnly)
                        ? new SourceCall(call, siblings[i], reads)
                        : null;
                }
            }

            return null;
        }

        private static IInvocationOperation? AsDiscardedInterlockedCall(IOperation statement, KnownSymbols known)
            => statement.AsStatementCall() is { } call && KnownSymbols.Is(call.TargetMethod.ContainingType, known.Interlocked) ? call : null;

        /// <summary>
        /// The argument's syntax. The operation's own syntax is the inner expression when the argument is wrapped, as in
        /// <c>checked(x + n)</c>, so climb to the <see cref="ArgumentSyntax"/>.
        /// </summary>
        private static ArgumentSyntax? ArgumentSyntaxOf(IArgumentOperation? argument)
            => argument?.Syntax.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault();

        private static bool IsLocation(IOperation operand, InterlockedMisuseLocation location)
            => operand.WalkDownImplicitConversions() is { } unwrapped && InterlockedMisuseFacts.IsPlainReference(unwrapped) && location.IsReferencedBy(unwrapped);

        private static bool HasCompareExchange(INamedTypeSymbol interlocked, ITypeSymbol type, bool generic)
            => interlocked.GetMembers("CompareExchange").OfType<IMethodSymbol>().Any(m =>
                m.Parameters.Length == 3
                && m.Parameters[0].RefKind == RefKind.Ref
                && (generic
                    ? m.IsGenericMethod
                    : !m.IsGenericMethod && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, type)));

        private static bool IsIntegral(SpecialType type)
            => type is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Char or SpecialType.System_Boolean;

        private static bool IsMinValue(object? value, SpecialType type)
            => (type == SpecialType.System_Int32 && value is int i && i == int.MinValue)
               || (type == SpecialType.System_Int64 && value is long l && l == long.MinValue)
               || (value is int small && small == int.MinValue);
    }
}
