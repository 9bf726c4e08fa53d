using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Objects reached only through thread-local storage (fourth fresh sample, family T: per-thread pools). A
    /// <c>[ThreadStatic]</c> static field, or the <c>Value</c> of a <c>ThreadLocal&lt;T&gt;</c> field, holds one object per
    /// thread. When the object in it can only be one the thread made and never goes anywhere else, a call on it runs on an
    /// object no other thread holds: it counts as a call on an owned receiver (like <c>new Parser(..).Parse()</c>), so
    /// the callee's writes of that object's state do not pair with other threads' writes of other objects of the type.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        private Dictionary<ISymbol, bool>? _threadLocalHolders;

        /// <summary>
        /// Whether <paramref name="instance"/> is a private <c>[ThreadStatic]</c> field (or a private property that only
        /// returns it, lazily made: <c>=&gt; s_pool ??= new Pool()</c>), or <c>_local.Value</c> of a private readonly
        /// <c>ThreadLocal&lt;T&gt;</c> field made with a factory that returns a new object, whose object cannot escape.
        /// </summary>
        private bool IsThreadLocalReceiver(IOperation? instance)
        {
            // s_pool?.Give(x): the receiver is the operand of the enclosing conditional access.
            switch (instance.ConditionalAccessReceiver().WalkDownConversions())
            {
                case IFieldReferenceOperation { Field: { IsStatic: true } field }:
                    return IsThreadLocalHolder(field);
                case IPropertyReferenceOperation { Property: { IsStatic: true, DeclaredAccessibility: Accessibility.Private } property, Arguments.Length: 0 }:
                    return IsThreadLocalHolder(property);
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: IFieldReferenceOperation { Field: { } local } } value
                    when value.Property.ContainingType is { Name: "ThreadLocal" } threadLocal
                        && threadLocal.ContainingNamespace?.ToDisplayString() == "System.Threading":
                    return IsThreadLocalHolder(local);
                default:
                    return false;
            }
        }

        private bool IsThreadLocalHolder(ISymbol holder)
        {
            _threadLocalHolders ??= new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            if (!_threadLocalHolders.TryGetValue(holder, out var confined))
            {
                _threadLocalHolders[holder] = false; // A property and its field refer to each other: no loop.
                confined = ComputeThreadLocalHolder(holder);
                _threadLocalHolders[holder] = confined;
            }

            return confined;
        }

        private bool ComputeThreadLocalHolder(ISymbol holder)
        {
            if (holder.DeclaredAccessibility != Accessibility.Private || !(holder.ContainingType is { } type))
            {
                return false;
            }

            switch (holder)
            {
                case IFieldSymbol field when field.IsStatic && IsThreadStaticField(field) && field.Type.IsReferenceType:
                    return EveryUseConfines(type, field.Name, threadLocal: false);
                case IFieldSymbol field when field.IsReadOnly && field.Type is INamedTypeSymbol { Name: "ThreadLocal" } local
                    && local.ContainingNamespace?.ToDisplayString() == "System.Threading" && MakesNewPerThread(field):
                    return EveryUseConfines(type, field.Name, threadLocal: true);
                case IPropertySymbol property when property.DeclaringSyntaxReferences.Length == 1
                    && property.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is PropertyDeclarationSyntax { ExpressionBody.Expression: { } body }
                    && ReturnedHolder(type, body) is { } field:
                    return IsThreadLocalHolder(field) && EveryUseConfines(type, property.Name, threadLocal: false);
                default:
                    return false;
            }
        }

        private bool IsThreadStaticField(IFieldSymbol field)
        {
            foreach (var attribute in field.GetAttributes())
            {
                if (_known.ThreadStaticAttribute != null && KnownSymbols.Is(attribute.AttributeClass, _known.ThreadStaticAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>s_pool</c> or <c>s_pool ??= new Pool()</c>: the field of the type the property body hands out.</summary>
        private static IFieldSymbol? ReturnedHolder(INamedTypeSymbol type, ExpressionSyntax body)
        {
            if (body is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } lazy && IsNewObject(lazy.Right))
            {
                body = lazy.Left;
            }

            return body is IdentifierNameSyntax name ? FieldNamed(type, name.Identifier.ValueText) : null;
        }

        private static IFieldSymbol? FieldNamed(INamedTypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IFieldSymbol field)
                {
                    return field;
                }
            }

            return null;
        }

        /// <summary><c>new ThreadLocal&lt;T&gt;(() =&gt; new T(...))</c> as the field's initializer.</summary>
        private bool MakesNewPerThread(IFieldSymbol field)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || !(field.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments } }))
            {
                return false;
            }

            return arguments.Arguments.Count >= 1
                && arguments.Arguments[0].Expression is LambdaExpressionSyntax { ExpressionBody: { } made } && IsNewObject(made)
                && (arguments.Arguments.Count == 1 || arguments.Arguments[1].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression });
        }

        private static bool IsNewObject(ExpressionSyntax expression)
            => expression.WalkDownParentheses() is BaseObjectCreationExpressionSyntax;

        /// <summary>
        /// Whether every use of <paramref name="name"/> in the type's declarations keeps the object on its thread: a
        /// receiver of a member access (<c>s_pool.Take()</c>; for a <c>ThreadLocal</c>, <c>_local.Value.Take()</c>), a
        /// null test, an assignment of a new object or <c>null</c> in a statement, or the lazy <c>??= new</c> a private
        /// property returns. Anything else (an argument, a copy, a <c>ref</c>, a return) may hand the object to another
        /// thread.
        /// </summary>
        private bool EveryUseConfines(INamedTypeSymbol type, string name, bool threadLocal)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(_cancellationToken).DescendantNodes())
                {
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name && !Confines(type, identifier, threadLocal))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private bool Confines(INamedTypeSymbol type, IdentifierNameSyntax identifier, bool threadLocal)
        {
            ExpressionSyntax use = identifier;
            if (use.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == use)
            {
                use = qualified; // this.s_pool, Caches.s_pool
            }

            if (threadLocal)
            {
                // Only _local.Value used as a receiver (or IsValueCreated, Dispose).
                if (!(use.Parent is MemberAccessExpressionSyntax access && access.Expression == use))
                {
                    return false;
                }

                var member = access.Name.Identifier.ValueText;
                if (member == "IsValueCreated" || member == "Dispose")
                {
                    return true;
                }

                use = access;
                if (member != "Value")
                {
                    return false;
                }
            }

            switch (use.Parent)
            {
                case MemberAccessExpressionSyntax receiver when receiver.Expression == use:
                    return true;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == use:
                    return true;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } test:
                    return (test.Left == use ? test.Right : test.Left) is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression };
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } }:
                    return true;
                case AssignmentExpressionSyntax assignment when assignment.Left == use && !threadLocal:
                    var made = IsNewObject(assignment.Right)
                        || (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression });
                    if (!made)
                    {
                        return false;
                    }

                    // A statement, or the lazy '??= new' that a private property returns; then the property's uses decide.
                    return assignment.Parent is ExpressionStatementSyntax
                        || (assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)
                            && assignment.Parent is ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property }
                            && property.Modifiers.Any(SyntaxKind.PrivateKeyword)
                            && EveryUseConfines(type, property.Identifier.ValueText, threadLocal: false));
                default:
                    return false;
            }
        }
    }
}
