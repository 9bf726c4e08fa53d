using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Busy-flag sections (<see cref="BusyFlagFact"/>; ConcurrencyModel.BusyFlags.cs): in an ordinary method, among the
    /// statements of its body, a test that returns when the bool flag is set (<c>if (F) return;</c>, <c>if (F || n == 0)
    /// return;</c>, or <c>if (!TryBegin()) return;</c> with a private helper of this tree that tests, returns false, then
    /// sets), the set (<c>F = true;</c>, in the method or the helper), and a later <c>try</c> whose <c>finally</c> clears
    /// the flag (<c>F = false;</c>, or a call of a private helper of this tree that does). The flag is a bool field or
    /// auto-property of <c>this</c> or a static one that code outside the compilation cannot write. Only statements of the
    /// body are read, so a method without a <c>try</c>/<c>finally</c> among them costs one look at each.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private void BusyFlagSections(IOperation body, ISymbol symbol, string key)
        {
            if (symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } || body is not IMethodBodyOperation { BlockBody: { } block })
            {
                return;
            }

            var statements = block.Operations;
            for (var k = 1; k < statements.Length; k++)
            {
                if (statements[k] is not ITryOperation { Finally: { } clearing } guarded)
                {
                    continue;
                }

                foreach (var statement in clearing.Operations)
                {
                    if (ClearedFlag(statement, symbol, out var clear, out var endHelper) is { } flag)
                    {
                        BusyFlagSection(statements, k, guarded, flag, clear, endHelper, statement.Syntax.SpanStart, key);
                        break;
                    }
                }
            }
        }

        /// <summary>The section ending with <paramref name="guarded"/>'s clear: the nearest test of the flag before it, and the set.</summary>
        private void BusyFlagSection(ImmutableArray<IOperation> statements, int k, ITryOperation guarded, ISymbol flag, Location clear, string? endHelper, int end, string key)
        {
            for (var i = k - 1; i >= 0; i--)
            {
                if (ReturnsWhenSet(statements[i], flag))
                {
                    // Inline: the set is a later statement, with no await (await foreach, await using) between the test and it.
                    for (var j = i + 1; j < k; j++)
                    {
                        if (SetsFlag(statements[j], flag) is { } set)
                        {
                            AddBusyFlag(flag, key, TextSpan.FromBounds(statements[j].Syntax.SpanStart, end), statements, j + 1, k, guarded, set, clear, null, default, endHelper);
                            return;
                        }

                        if (statements[j].Syntax.HoldsSuspension())
                        {
                            return;
                        }
                    }

                    return;
                }

                if (BeginHelper(statements[i], flag, out var helper, out var helperSet, out var helperSection))
                {
                    AddBusyFlag(flag, key, TextSpan.FromBounds(statements[i].Syntax.Span.End, end), statements, i + 1, k, guarded, helperSet, clear, helper, helperSection, endHelper);
                    return;
                }
            }
        }

        private void AddBusyFlag(ISymbol flag, string key, TextSpan section, ImmutableArray<IOperation> statements, int first, int k, ITryOperation guarded, Location set, Location clear, string? beginHelper, TextSpan helperSection, string? endHelper)
        {
            var flagKey = Key(flag);
            if (flagKey == null || ClearsBefore(statements, first, k, guarded, flag, endHelper))
            {
                return;
            }

            var lambdas = ImmutableArray.CreateBuilder<string>();
            for (var s = first; s < k; s++)
            {
                AwaitedLambdas(statements[s], lambdas);
            }

            AwaitedLambdas(guarded.Body, lambdas);
            _summary.BusyFlags.Add(new BusyFlagFact(flagKey, flag.IsStatic, key, section, _model.SyntaxTree, lambdas.ToImmutable(), set, clear, beginHelper, helperSection, endHelper));
        }

        /// <summary>
        /// Whether the flag may be cleared between the set and the <c>finally</c>'s clear: by a statement in between (an
        /// earlier <c>try</c> whose <c>finally</c> clears it too), or in the <c>try</c> body or a <c>catch</c>. Such a
        /// clear is also a section's own for the model's soundness check, so it is refused here.
        /// </summary>
        private bool ClearsBefore(ImmutableArray<IOperation> statements, int first, int k, ITryOperation guarded, ISymbol flag, string? endHelper)
        {
            for (var s = first; s < k; s++)
            {
                if (Clears(statements[s], flag, endHelper))
                {
                    return true;
                }
            }

            if (Clears(guarded.Body, flag, endHelper))
            {
                return true;
            }

            foreach (var handler in guarded.Catches)
            {
                if (Clears(handler, flag, endHelper))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Clears(IOperation statement, ISymbol flag, string? endHelper)
        {
            foreach (var operation in statement.DescendantsAndSelf())
            {
                if ((operation is ISimpleAssignmentOperation assignment && SymbolEqualityComparer.Default.Equals(FlagOf(assignment.Target), flag))
                    || (endHelper != null && operation is IInvocationOperation invocation && Key(invocation.TargetMethod) == endHelper))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Lambdas handed to <c>Task.Run</c>/<c>StartNew</c> and awaited where started, not inside a loop or another function.</summary>
        private static void AwaitedLambdas(IOperation statement, ImmutableArray<string>.Builder lambdas)
        {
            foreach (var operation in statement.DescendantsAndSelf())
            {
                if (operation is IAnonymousFunctionOperation lambda && StartSite.IsAwaitedWhereStarted(lambda) && OutsideLoops(lambda, statement))
                {
                    lambdas.Add(SymbolKeys.OfNested(lambda.Syntax.SyntaxTree, lambda.Syntax.SpanStart));
                }
            }
        }

        private static bool OutsideLoops(IOperation operation, IOperation statement)
        {
            for (var parent = operation.Parent; parent != null && parent != statement.Parent; parent = parent.Parent)
            {
                if (parent is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The flag a <c>finally</c> statement clears (<c>F = false;</c>, or a call of a private helper of this tree that does).</summary>
        private ISymbol? ClearedFlag(IOperation statement, ISymbol method, out Location clear, out string? endHelper)
        {
            clear = Location.None;
            endHelper = null;
            if (FlagAssignment(statement, value: false) is { } cleared)
            {
                clear = cleared.Assignment.Syntax.GetLocation();
                return cleared.Flag;
            }

            if (HelperBody(statement, method, returnsBool: false) is not { } helper)
            {
                return null;
            }

            foreach (var inner in helper.Body.Operations)
            {
                if (FlagAssignment(inner, value: false) is { } helperCleared)
                {
                    clear = helperCleared.Assignment.Syntax.GetLocation();
                    endHelper = Key(helper.Method);
                    return endHelper == null ? null : helperCleared.Flag;
                }
            }

            return null;
        }

        /// <summary><c>if (!TryBegin(...)) return;</c> with a helper that tests the flag, returns false when set, then sets it.</summary>
        private bool BeginHelper(IOperation statement, ISymbol flag, out string? helperKey, out Location set, out TextSpan section)
        {
            helperKey = null;
            set = Location.None;
            section = default;
            if (statement is not IConditionalOperation { WhenFalse: null, Condition: IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var call } } test
                || !Returns(test.WhenTrue) || HelperBody(call, null, returnsBool: true) is not { } helper)
            {
                return false;
            }

            var body = helper.Body.Operations;
            for (var a = 0; a < body.Length; a++)
            {
                if (!ReturnsWhenSet(body[a], flag))
                {
                    continue;
                }

                for (var b = a + 1; b < body.Length; b++)
                {
                    if (SetsFlag(body[b], flag) is { } helperSet)
                    {
                        helperKey = Key(helper.Method);
                        set = helperSet;
                        section = TextSpan.FromBounds(body[b].Syntax.Span.End, helper.Body.Syntax.Span.End);
                        return helperKey != null && OnlyFalseBefore(helper.Body, body[b].Syntax.SpanStart);
                    }
                }

                return false;
            }

            return false;
        }

        /// <summary>Whether every return before <paramref name="position"/> returns the constant false.</summary>
        private static bool OnlyFalseBefore(IBlockOperation body, int position)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IReturnOperation ret && ret.Syntax.SpanStart < position && ret.ReturnedValue?.ConstantValue is not { HasValue: true, Value: false })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The body of the private, synchronous, non-virtual helper of this tree that <paramref name="statement"/> calls
        /// (on <c>this</c> or statically, as <paramref name="method"/> is, when given); <c>null</c> otherwise.
        /// </summary>
        private (IMethodSymbol Method, IBlockOperation Body)? HelperBody(IOperation statement, ISymbol? method, bool returnsBool)
        {
            var call = statement is IExpressionStatementOperation expression ? expression.Operation : statement;
            if (call.WalkDownConversions() is not IInvocationOperation { TargetMethod: { } target } invocation
                || (invocation.Instance != null && invocation.Instance.WalkDownConversions() is not IInstanceReferenceOperation)
                || target.MethodKind != MethodKind.Ordinary || target.DeclaredAccessibility != Accessibility.Private || target.IsAsync || target.IsVirtual || target.IsAbstract
                || (returnsBool ? target.ReturnType.SpecialType != SpecialType.System_Boolean : !target.ReturnsVoid)
                || (method != null && method.IsStatic && !target.IsStatic))
            {
                return null;
            }

            var references = target.DeclaringSyntaxReferences;
            if (references.Length != 1 || references[0].SyntaxTree != _model.SyntaxTree
                || !(references[0].GetSyntax(_cancellationToken) is MethodDeclarationSyntax declaration) || !AssignsConstant(declaration, returnsBool)
                || _model.GetOperation(declaration, _cancellationToken) is not IMethodBodyOperation { } bodies || (bodies.BlockBody ?? bodies.ExpressionBody) is not { } body)
            {
                return null;
            }

            return (target, body);
        }

        /// <summary>Whether a statement of the helper's body assigns the literal (<c>F = true;</c>), before its operations are asked for.</summary>
        private static bool AssignsConstant(MethodDeclarationSyntax declaration, bool value)
        {
            var kind = value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression;
            if (declaration.ExpressionBody != null)
            {
                return declaration.ExpressionBody.Expression is AssignmentExpressionSyntax arrow && arrow.Right.IsKind(kind);
            }

            if (declaration.Body == null)
            {
                return false;
            }

            foreach (var statement in declaration.Body.Statements)
            {
                if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } && assignment.Right.IsKind(kind))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="statement"/> is <c>if (F) return;</c> (or <c>if (F || ...) return;</c>), no <c>else</c>.</summary>
        private static bool ReturnsWhenSet(IOperation statement, ISymbol flag)
            => statement is IConditionalOperation { WhenFalse: null } test && Returns(test.WhenTrue) && TestsFlag(test.Condition, flag);

        private static bool TestsFlag(IOperation condition, ISymbol flag)
            => condition.WalkDownConversions() is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or
                ? TestsFlag(or.LeftOperand, flag) || TestsFlag(or.RightOperand, flag)
                : SymbolEqualityComparer.Default.Equals(FlagOf(condition), flag);

        private static bool Returns(IOperation branch)
            => branch is IReturnOperation || (branch is IBlockOperation { Operations.Length: > 0 } block && block.Operations[block.Operations.Length - 1] is IReturnOperation);

        private static Location? SetsFlag(IOperation statement, ISymbol flag)
            => FlagAssignment(statement, value: true) is { } set && SymbolEqualityComparer.Default.Equals(set.Flag, flag) ? set.Assignment.Syntax.GetLocation() : null;

        /// <summary>A statement <c>F = value;</c> of a flag (see <see cref="FlagOf"/>).</summary>
        private static (ISymbol Flag, IOperation Assignment)? FlagAssignment(IOperation statement, bool value)
            => statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                && assignment.Value.ConstantValue is { HasValue: true } constant && constant.Value is bool written && written == value
                && FlagOf(assignment.Target) is { } flag
                ? (flag, assignment)
                : null;

        /// <summary>
        /// The bool field or auto-property <paramref name="reference"/> reads, of <c>this</c> or static, when code outside
        /// the compilation cannot write it; otherwise <c>null</c>.
        /// </summary>
        private static ISymbol? FlagOf(IOperation reference)
        {
            switch (reference.WalkDownConversions())
            {
                case IFieldReferenceOperation { Field: { Type.SpecialType: SpecialType.System_Boolean } field } read
                    when (field.IsStatic || read.Instance?.WalkDownConversions() is IInstanceReferenceOperation) && !WritableOutside(field.DeclaredAccessibility):
                    return field.OriginalDefinition;
                case IPropertyReferenceOperation { Property: { Type.SpecialType: SpecialType.System_Boolean, SetMethod: { } setter } property } read
                    when (property.IsStatic || read.Instance?.WalkDownConversions() is IInstanceReferenceOperation) && property.IsAutoProperty() && !WritableOutside(setter.DeclaredAccessibility):
                    return property.OriginalDefinition;
                default:
                    return null;
            }
        }

        private static bool WritableOutside(Accessibility accessibility)
            => accessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;
    }
}
