using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// More ways a call's receiver is an object the caller has just made (see <see cref="CallFact.Owned"/>), in the shape
    /// configuration code takes: an object made by reflection and checked by a helper before use
    /// (<c>object created; try { created = Activator.CreateInstance(type).EnsureNotNull(); } ...</c>), then seen through a
    /// type test (<c>if (created is IOptionHandler handler) handler.Activate();</c>). Each step keeps the object's identity:
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>a pattern variable (<c>x is T v</c>) is <c>x</c>; <c>x as T</c>, <c>(T)x</c>, <c>x!</c> and parentheses are <c>x</c>;</item>
    /// <item>a local declared without a value is fresh when every assignment to it in its function assigns a fresh value
    /// (and it is never passed by <c>ref</c> or <c>out</c>);</item>
    /// <item>a call of a source method whose every <c>return</c> gives back its first parameter (a check that throws or
    /// returns its argument: <c>value ?? throw</c>, <c>if (value is T t) return t;</c>) is its first argument.</item>
    /// </list>
    /// Nothing here follows an object across functions: the caller must make it itself.
    /// </remarks>
    internal sealed partial class TreeSummarizer
    {
        private const int MaxFreshSteps = 4;

        /// <summary>Source methods already read: whether they return their first parameter.</summary>
        private Dictionary<IMethodSymbol, bool>? _returnsArgument;

        /// <summary>Locals of the tree already asked about at the first step.</summary>
        private Dictionary<ILocalSymbol, bool>? _freshLocals;

        /// <summary>Whether <paramref name="local"/> (of <paramref name="function"/>) only ever holds an object made in the function.</summary>
        private bool IsFreshLocal(ILocalSymbol local, FunctionBuilder function, int steps)
        {
            if (steps > MaxFreshSteps || local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declaration = local.DeclaringSyntaxReferences[0];
            if (declaration.SyntaxTree != _model.SyntaxTree || !function.Span.Contains(declaration.Span))
            {
                return false; // Captured from an enclosing function: it may run anywhere, later.
            }

            if (steps > 0)
            {
                return FreshLocal(local, function, steps);
            }

            // Memoised for the walk's own questions (a local may receive many calls); deeper answers depend on the steps left.
            _freshLocals ??= new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            if (!_freshLocals.TryGetValue(local, out var fresh))
            {
                _freshLocals.Add(local, fresh = FreshLocal(local, function, steps));
            }

            return fresh;
        }

        private bool FreshLocal(ILocalSymbol local, FunctionBuilder function, int steps)
        {
            var syntax = local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
            switch (syntax)
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } value }:
                    return IsFreshValue(value, function, steps + 1);
                case VariableDeclaratorSyntax declarator:
                    return EveryAssignmentIsFresh(declarator, local.Name, function, steps);
                case SingleVariableDesignationSyntax { Parent: DeclarationPatternSyntax { Parent: IsPatternExpressionSyntax test } }:
                    return IsFreshValue(test.Expression, function, steps + 1);
                default:
                    return false;
            }
        }

        /// <summary>Whether the value of <paramref name="expression"/> is an object made right there (see the remarks).</summary>
        private bool IsFreshValue(ExpressionSyntax expression, FunctionBuilder function, int steps)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                        expression = suppressed.Operand;
                        continue;
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        continue;
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } asCast:
                        expression = asCast.Left;
                        continue;
                    case BaseObjectCreationExpressionSyntax:
                        return true;
                    case InvocationExpressionSyntax call when IsFactoryName(InvokedName(call)):
                        return true;
                    case InvocationExpressionSyntax call:
                        var argument = ReturnedArgument(call);
                        if (argument == null)
                        {
                            return false;
                        }

                        expression = argument;
                        continue;
                    case IdentifierNameSyntax name:
                        return steps <= MaxFreshSteps && _model.GetSymbolInfo(name, _cancellationToken).Symbol is ILocalSymbol local
                            && IsFreshLocal(local, function, steps + 1);
                    default:
                        return false;
                }
            }
        }

        /// <summary>Whether every assignment to a local declared without a value assigns a fresh object (and there is one).</summary>
        private bool EveryAssignmentIsFresh(VariableDeclaratorSyntax declarator, string name, FunctionBuilder function, int steps)
        {
            SyntaxNode? body = declarator;
            while (body != null && !(body is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
            {
                body = body.Parent;
            }

            if (body == null)
            {
                return false;
            }

            var any = false;
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment when left.Identifier.ValueText == name:
                        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || !IsFreshValue(assignment.Right, function, steps + 1))
                        {
                            return false;
                        }

                        any = true;
                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax passed } when passed.Identifier.ValueText == name:
                        return false; // ref or out: the callee may store anything there.
                }
            }

            return any;
        }

        /// <summary>
        /// The expression a call hands back unchanged: its receiver for an extension method, or its first argument, when
        /// the method is in source and every <c>return</c> in it gives back its first parameter; otherwise <c>null</c>.
        /// </summary>
        private ExpressionSyntax? ReturnedArgument(InvocationExpressionSyntax call)
        {
            if (!(_model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol method))
            {
                return null;
            }

            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (!definition.IsStatic || definition.Parameters.Length == 0 || !ReturnsFirstParameter(definition))
            {
                return null;
            }

            if (method.ReducedFrom != null)
            {
                return call.Expression is MemberAccessExpressionSyntax access ? access.Expression : null;
            }

            return call.ArgumentList.Arguments.Count > 0 && call.ArgumentList.Arguments[0].NameColon == null ? call.ArgumentList.Arguments[0].Expression : null;
        }

        /// <summary>Whether every <c>return</c> of the method (read from its syntax) gives back its first parameter, seen through casts and type tests.</summary>
        private bool ReturnsFirstParameter(IMethodSymbol method)
        {
            _returnsArgument ??= new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
            if (_returnsArgument.TryGetValue(method, out var known))
            {
                return known;
            }

            var result = false;
            if (method.DeclaringSyntaxReferences.Length == 1
                && method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is MethodDeclarationSyntax declaration)
            {
                var parameter = method.Parameters[0].Name;
                var pattern = new HashSet<string>();
                if (declaration.Body != null)
                {
                    foreach (var node in declaration.Body.DescendantNodes())
                    {
                        if (node is IsPatternExpressionSyntax { Expression: IdentifierNameSyntax tested, Pattern: DeclarationPatternSyntax { Designation: SingleVariableDesignationSyntax designation } }
                            && tested.Identifier.ValueText == parameter)
                        {
                            pattern.Add(designation.Identifier.ValueText);
                        }
                    }

                    result = true;
                    var any = false;
                    foreach (var node in declaration.Body.DescendantNodes(static n => !(n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    {
                        if (node is ReturnStatementSyntax returned)
                        {
                            any = true;
                            if (!(returned.Expression is { } value && GivesBack(value, parameter, pattern)))
                            {
                                result = false;
                                break;
                            }
                        }
                    }

                    result &= any;
                }
                else if (declaration.ExpressionBody != null)
                {
                    result = GivesBack(declaration.ExpressionBody.Expression, parameter, pattern);
                }
            }

            _returnsArgument.Add(method, result);
            return result;
        }

        private static bool GivesBack(ExpressionSyntax value, string parameter, HashSet<string> pattern)
        {
            while (true)
            {
                switch (value)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        value = parenthesized.Expression;
                        continue;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                        value = suppressed.Operand;
                        continue;
                    case CastExpressionSyntax cast:
                        value = cast.Expression;
                        continue;
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } coalesce:
                        value = coalesce.Left;
                        continue;
                    case IdentifierNameSyntax name:
                        return name.Identifier.ValueText == parameter || pattern.Contains(name.Identifier.ValueText);
                    default:
                        return false;
                }
            }
        }

        /// <summary>Class chains already made for <see cref="ReceiverClasses"/>, per class.</summary>
        private Dictionary<INamedTypeSymbol, ImmutableArray<string>>? _receiverChains;

        /// <summary>
        /// See <see cref="CallFact.ReceiverClasses"/>: for a virtual or interface call on another object, the class the
        /// receiver is known to be (its static type, or for a pattern variable the static type of the value tested) and
        /// that class's base classes; empty when it is an interface, <c>object</c>, or not known.
        /// </summary>
        private ImmutableArray<string> ReceiverClasses(IInvocationOperation invocation)
        {
            var receiver = invocation.Instance.WalkDownConversions();
            if (!invocation.IsVirtual || receiver == null || receiver is IInstanceReferenceOperation)
            {
                return ImmutableArray<string>.Empty;
            }

            var type = receiver.Type;
            if (receiver is ILocalReferenceOperation local && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is SingleVariableDesignationSyntax { Parent: DeclarationPatternSyntax { Parent: IsPatternExpressionSyntax test } }
                && local.Local.DeclaringSyntaxReferences[0].SyntaxTree == _model.SyntaxTree)
            {
                type = _model.GetTypeInfo(test.Expression, _cancellationToken).Type; // 'x is T v': v is the object x holds
            }

            if (!(type is INamedTypeSymbol { TypeKind: TypeKind.Class } named) || named.SpecialType == SpecialType.System_Object)
            {
                return ImmutableArray<string>.Empty;
            }

            named = named.OriginalDefinition;
            _receiverChains ??= new Dictionary<INamedTypeSymbol, ImmutableArray<string>>(SymbolEqualityComparer.Default);
            if (!_receiverChains.TryGetValue(named, out var chain))
            {
                _receiverChains.Add(named, chain = TypeChain(named));
            }

            return chain;
        }
    }
}
