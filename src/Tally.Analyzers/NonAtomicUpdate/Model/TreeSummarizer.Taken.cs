using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// The taker's side of a pool (see <see cref="CallFact.Taken"/>): a call whose receiver is an object the caller has
    /// just taken from a pool and not yet handed on. A pool gives each object to one taker at a time, so what the taker
    /// writes before it hands the object on is written by one holder; the next holder (a worker the object is queued to,
    /// the pool again) gets it afterwards. A pool is recognised by the name of what the object is taken from, as for the
    /// hand-back (TreeSummarizer.Release.cs): a field, property or local named as a pool (<c>pool</c>, <c>free</c>,
    /// <c>spare</c>), called with any method that is not a hand-back (<c>ReaderPool.GetObject()</c>,
    /// <c>_bufferPool.GetStream(tag)</c>). The object is followed within the taking function only: a local that holds
    /// nothing else (<c>var m = Pool.Get();</c>, or assigned only such values, also <c>s = s ?? Pool.Get();</c>), read
    /// through <c>?.</c> too.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>Locals of the tree already asked about.</summary>
        private Dictionary<ILocalSymbol, bool>? _takenLocals;

        /// <summary>Whether the call's receiver is an object the caller has just taken from a pool.</summary>
        private bool IsTakenReceiver(IOperation? instance, FunctionBuilder function)
        {
            switch (instance.WalkDownConversions().ConditionalAccessReceiver().WalkDownConversions()) // s?.SetLength(n): the receiver is s
            {
                case IInvocationOperation { Syntax: InvocationExpressionSyntax call }:
                    return IsTakeCall(call);
                case ILocalReferenceOperation local:
                    return IsTakenLocal(local.Local, function) && !HandedOnBefore(local);
                default:
                    return false;
            }
        }

        private bool IsTakenLocal(ILocalSymbol local, FunctionBuilder function)
        {
            if (local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declaration = local.DeclaringSyntaxReferences[0];
            if (declaration.SyntaxTree != _model.SyntaxTree || !function.Span.Contains(declaration.Span))
            {
                return false; // Captured from an enclosing function: it may run anywhere, later.
            }

            _takenLocals ??= new Dictionary<ILocalSymbol, bool>(SymbolEqualityComparer.Default);
            if (!_takenLocals.TryGetValue(local, out var taken))
            {
                taken = declaration.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator && TakenLocal(declarator, local.Name);
                _takenLocals.Add(local, taken);
            }

            return taken;
        }

        /// <summary>
        /// Whether the taken object may have been handed on before this use: a use of the local that lets the object go
        /// (an argument, the value of an assignment or return, a capture by a lambda) comes earlier in the function, or
        /// sits in a loop around this use (the next round's use follows it). After a hand-on another holder may be
        /// writing the object (<c>var r = Pool.Get(); _queue.Add(r); r.Position = 0;</c>), so the use is no longer the
        /// taker's alone.
        /// </summary>
        private static bool HandedOnBefore(ILocalReferenceOperation use)
        {
            SyntaxNode? body = use.Syntax;
            while (body != null && !(body is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
            {
                body = body.Parent;
            }

            if (body == null)
            {
                return true;
            }

            var name = use.Local.Name;
            var at = use.Syntax.SpanStart;
            foreach (var node in body.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name && identifier.SpanStart != at && LetsGo(identifier, body))
                {
                    if (identifier.SpanStart < at || InLoopAround(identifier, use.Syntax, body))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Whether a use of the local lets the object go: anything but a member access on it, a null test, or the target of an assignment.</summary>
        private static bool LetsGo(IdentifierNameSyntax identifier, SyntaxNode body)
        {
            for (var parent = identifier.Parent; parent != null && parent != body; parent = parent.Parent)
            {
                if (parent is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return true; // Captured: the lambda may run anywhere, later.
                }
            }

            SyntaxNode node = identifier;
            while (node.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
            {
                node = node.Parent;
            }

            return node.Parent switch
            {
                MemberAccessExpressionSyntax access when access.Expression == node => false,
                ConditionalAccessExpressionSyntax access when access.Expression == node => false,
                AssignmentExpressionSyntax assignment when assignment.Left == node => false,
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when coalesce.Left == node => false,
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } => false,
                IsPatternExpressionSyntax => false,
                _ => true,
            };
        }

        private static bool InLoopAround(SyntaxNode escape, SyntaxNode use, SyntaxNode body)
        {
            for (var parent = use.Parent; parent != null && parent != body; parent = parent.Parent)
            {
                if (parent.IsLoop() && parent.Span.Contains(escape.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the local's initializer takes from a pool, or (declared without one, or with <c>null</c>) every assignment to it does.</summary>
        private static bool TakenLocal(VariableDeclaratorSyntax declarator, string name)
        {
            if (declarator.Initializer?.Value is { } value && !value.IsKind(SyntaxKind.NullLiteralExpression))
            {
                return IsTakeExpression(value, name);
            }

            SyntaxNode? body = declarator;
            while (body != null && !(body is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
            {
                body = body.Parent;
            }

            var any = false;
            foreach (var node in body?.DescendantNodes() ?? System.Linq.Enumerable.Empty<SyntaxNode>())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment when left.Identifier.ValueText == name:
                        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || !IsTakeExpression(assignment.Right, name))
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

        /// <summary>A take from a pool, seen through parentheses, casts, <c>as</c>, <c>!</c>, <c>await</c>, and <c>local ?? take</c>.</summary>
        private static bool IsTakeExpression(ExpressionSyntax expression, string local)
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
                    case AwaitExpressionSyntax awaited:
                        expression = awaited.Expression;
                        continue;
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } asCast:
                        expression = asCast.Left;
                        continue;
                    case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Left: IdentifierNameSyntax kept } coalesce when kept.Identifier.ValueText == local:
                        expression = coalesce.Right; // s = s ?? Pool.Get(): s keeps what it took before, or takes now
                        continue;
                    case InvocationExpressionSyntax call:
                        return IsTakeCall(call);
                    default:
                        return false;
                }
            }
        }

        /// <summary>A call on something named as a pool that does not give back (<c>ReaderPool.GetObject()</c>, <c>this._pool.Rent(n)</c>).</summary>
        private static bool IsTakeCall(InvocationExpressionSyntax call)
        {
            if (!(call.Expression is MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access) || IsHandBackName(access.Name.Identifier.ValueText))
            {
                return false;
            }

            var source = access.Expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => null,
            };
            return source != null && NamesPool(source);
        }
    }
}
