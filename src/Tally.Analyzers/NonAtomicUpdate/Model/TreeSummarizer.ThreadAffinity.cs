using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Thread affinity: a function that begins by checking that it runs on one particular thread (and fails otherwise)
    /// runs only on that thread, so two such functions checking the same thread never overlap, exactly as if both held
    /// one lock. The thread is named by structure, not by names: the current thread's identity
    /// (<c>Environment.CurrentManagedThreadId</c>, <c>Thread.CurrentThread.ManagedThreadId</c>, <c>Thread.CurrentThread</c>)
    /// compared with a <c>readonly</c> field, written directly or behind a parameterless bool property or method of the
    /// project whose body is just that comparison (<c>bool IsOnMainThread =&gt; Environment.CurrentManagedThreadId ==
    /// this.mainThreadId;</c>). The field must be read-only: a thread id that changes lets a second thread pass the check
    /// while the first is still inside. The confinement lock's key is the field, per instance for an instance field.
    /// A function is confined when one of its leading statements (only checks before it) asserts the check
    /// (<c>Debug.Assert(...)</c>, <c>Assumes.True(...)</c>, any call named <c>Assert</c>, <c>True</c> or <c>IsTrue</c> with
    /// the check first) or leaves unless it holds (<c>if (!IsOnMainThread) throw ...;</c>). The configured confining
    /// properties (<c>InEventLoop</c>) are accepted in these shapes too.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>The key prefix of a confinement to the thread a read-only field names.</summary>
        internal const string ThreadConfinementKeyPrefix = ConfinementKeyPrefix + "thread:";

        /// <summary>Per property or method of the project: the thread-id field its body compares the current thread with.</summary>
        private Dictionary<ISymbol, IFieldSymbol?>? _threadCheckMembers;

        /// <summary>Sets the function's asserted confinement from a thread check among its leading statements.</summary>
        private void ThreadAffinity(IOperation body, FunctionBuilder function)
        {
            if (function.AssertedLock.HasValue)
            {
                return;
            }

            var block = body switch
            {
                IMethodBodyOperation method => method.BlockBody ?? method.ExpressionBody,
                IBlockOperation plain => plain,
                _ => null,
            };
            if (block == null)
            {
                return;
            }

            foreach (var statement in block.Operations)
            {
                if (!(statement is IExpressionStatementOperation or IConditionalOperation))
                {
                    return; // Only checks may come before the one that confines: anything else ran on any thread.
                }

                var check = statement switch
                {
                    IExpressionStatementOperation { Operation: IInvocationOperation { Arguments.Length: 0 } helper } when helper.Instance == null || IsObjectRooted(helper.Instance)
                        => ThreadConfinement(ThreadCheckingHelper(helper.TargetMethod), helper),
                    IExpressionStatementOperation { Operation: var call } => AssertedThreadCheck(call),
                    IConditionalOperation { WhenTrue: { } leave, WhenFalse: null } early when ExitsEarly(leave) => ThreadCheck(early.Condition, negated: true, early),
                    _ => null,
                };
                if (check.HasValue)
                {
                    function.AssertedLock = check;
                    return;
                }

                if (!IsCheckStatement(statement))
                {
                    return;
                }
            }
        }

        /// <summary>
        /// The read-only field a parameterless void helper of the project checks the current thread against as its first
        /// statement (<c>void CheckThread() { if (Thread.CurrentThread != thread) throw ...; }</c>, or an assertion of the
        /// comparison): a call of it as a leading statement confines the caller (read from the helper's syntax, memoised).
        /// </summary>
        private IFieldSymbol? ThreadCheckingHelper(IMethodSymbol method)
        {
            if (!method.ReturnsVoid || method.IsVirtual || method.IsAbstract || method.IsOverride || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            _threadCheckMembers ??= new Dictionary<ISymbol, IFieldSymbol?>(SymbolEqualityComparer.Default);
            if (_threadCheckMembers.TryGetValue(method, out var known))
            {
                return known;
            }

            IFieldSymbol? field = null;
            if (method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is MethodDeclarationSyntax { Body.Statements: { Count: > 0 } statements })
            {
                var comparison = statements[0] switch
                {
                    IfStatementSyntax { Condition: BinaryExpressionSyntax differs, Else: null } leave when differs.IsKind(SyntaxKind.NotEqualsExpression) && OnlyThrows(leave.Statement) => differs,
                    ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments: { Count: > 0 } arguments } }
                        when IsAssertionName(access.Name.Identifier.ValueText) && arguments[0].Expression is BinaryExpressionSyntax equals && equals.IsKind(SyntaxKind.EqualsExpression) => equals,
                    _ => null,
                };
                field = comparison != null ? ComparedThreadField(method, comparison) : null;
            }

            _threadCheckMembers[method] = field;
            return field;
        }

        private static bool OnlyThrows(StatementSyntax statement)
            => statement is ThrowStatementSyntax || (statement is BlockSyntax { Statements.Count: 1 } block && block.Statements[0] is ThrowStatementSyntax);

        /// <summary>A statement that only checks: an assertion call or an <c>if</c> that only throws or returns.</summary>
        private static bool IsCheckStatement(IOperation statement)
            => statement switch
            {
                IExpressionStatementOperation { Operation: var call } => AssertionArgument(call) != null,
                IConditionalOperation { WhenTrue: { } leave, WhenFalse: null } => ExitsEarly(leave),
                _ => false,
            };

        /// <summary><c>X.Assert(check)</c>, <c>Assumes.True(check)</c>: the check it asserts, when that names a thread.</summary>
        private LockFact? AssertedThreadCheck(IOperation call)
            => AssertionArgument(call) is { } argument ? ThreadCheck(argument, negated: false, call) : null;

        /// <summary>
        /// The first argument of an assertion call (a method named <c>Assert</c>, <c>True</c> or <c>IsTrue</c>); also of a
        /// call the compiler could not bind (an assertion library not referenced), read from its syntax.
        /// </summary>
        private static IOperation? AssertionArgument(IOperation call)
        {
            switch (call)
            {
                case IInvocationOperation invocation when IsAssertionName(invocation.TargetMethod.Name) && invocation.Arguments.Length > 0:
                    return invocation.Arguments[0].Value;
                case IInvalidOperation invalid when invalid.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access, ArgumentList.Arguments.Count: > 0 } syntax
                    && IsAssertionName(access.Name.Identifier.ValueText):
                    foreach (var child in invalid.ChildOperations)
                    {
                        if (child.Syntax == syntax.ArgumentList.Arguments[0].Expression || child.Syntax == syntax.ArgumentList.Arguments[0])
                        {
                            return child is IArgumentOperation argument ? argument.Value : child;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static bool IsAssertionName(string name) => name == "Assert" || name == "True" || name == "IsTrue";

        /// <summary>
        /// The confinement a condition proves when it is true (false when <paramref name="negated"/>): a configured confining
        /// property (<see cref="ConfiningCheck"/>) or a comparison of the current thread with a read-only field.
        /// </summary>
        private LockFact? ThreadCheck(IOperation condition, bool negated, IOperation at)
        {
            if (ConfiningCheck(condition, negated, at) is { } confined)
            {
                return confined;
            }

            switch (condition.WalkDownConversions())
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return ThreadCheck(negation.Operand, !negated, at);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when !negated:
                    return ThreadCheck(both.LeftOperand, negated, at) ?? ThreadCheck(both.RightOperand, negated, at);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when negated:
                    return ThreadCheck(either.LeftOperand, negated, at) ?? ThreadCheck(either.RightOperand, negated, at);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.ObjectValueEquals } equals when !negated:
                    return ThreadConfinement(ThreadIdField(equals.LeftOperand, equals.RightOperand), at);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals or BinaryOperatorKind.ObjectValueNotEquals } differs when negated:
                    return ThreadConfinement(ThreadIdField(differs.LeftOperand, differs.RightOperand), at);
                case IPropertyReferenceOperation { Property: { Parameters.Length: 0 } property, Instance: var owner } when !negated && (property.IsStatic || IsObjectRooted(owner)):
                    return ThreadConfinement(ThreadCheckMember(property), at);
                case IInvocationOperation { TargetMethod: { Parameters.Length: 0 } method, Instance: var instance } when !negated && (method.IsStatic || IsObjectRooted(instance)):
                    return ThreadConfinement(ThreadCheckMember(method), at);
                default:
                    return null;
            }
        }

        private LockFact? ThreadConfinement(IFieldSymbol? field, IOperation at)
            => field != null && Key(field.OriginalDefinition) is { } key
                ? new LockFact(ThreadConfinementKeyPrefix + key, exclusive: true, at.Syntax.GetLocation(), perInstance: !field.IsStatic)
                : null;

        /// <summary>The read-only field one side compares the current thread's identity (the other side) with.</summary>
        private static IFieldSymbol? ThreadIdField(IOperation left, IOperation right)
        {
            var l = left.WalkDownConversions();
            var r = right.WalkDownConversions();
            var field = IsCurrentThread(l) ? r as IFieldReferenceOperation : IsCurrentThread(r) ? l as IFieldReferenceOperation : null;
            return field != null && field.Field.IsReadOnly && (field.Field.IsStatic || IsObjectRooted(field.Instance)) ? field.Field : null;
        }

        /// <summary><c>Environment.CurrentManagedThreadId</c>, <c>Thread.CurrentThread</c> or <c>Thread.CurrentThread.ManagedThreadId</c>.</summary>
        private static bool IsCurrentThread(IOperation? operation)
        {
            if (!(operation is IPropertyReferenceOperation { Property: { } property } reference))
            {
                return false;
            }

            var type = property.ContainingType;
            var system = type?.ContainingNamespace?.ToDisplayString();
            return (property.Name == "CurrentManagedThreadId" && type?.Name == "Environment" && system == "System")
                || (property.Name == "CurrentThread" && type?.Name == "Thread" && system == "System.Threading")
                || (property.Name == "ManagedThreadId" && reference.Instance is { } thread && IsCurrentThread(thread.WalkDownConversions()));
        }

        /// <summary>
        /// The read-only field a parameterless bool property or method of the project compares the current thread with,
        /// when its body is only that comparison (read from its syntax, memoised): <c>=&gt; Environment.CurrentManagedThreadId
        /// == this.ownerId</c>, <c>{ return Thread.CurrentThread == _owner; }</c>. Not for virtual members (an override
        /// may check something else).
        /// </summary>
        private IFieldSymbol? ThreadCheckMember(ISymbol member)
        {
            if (member.IsVirtual || member.IsAbstract || member.IsOverride || member.DeclaringSyntaxReferences.Length != 1
                || !(member is IPropertySymbol { Type.SpecialType: SpecialType.System_Boolean } or IMethodSymbol { ReturnType.SpecialType: SpecialType.System_Boolean }))
            {
                return null;
            }

            _threadCheckMembers ??= new Dictionary<ISymbol, IFieldSymbol?>(SymbolEqualityComparer.Default);
            if (_threadCheckMembers.TryGetValue(member, out var known))
            {
                return known;
            }

            var field = ThreadCheckBody(member, member.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken));
            _threadCheckMembers[member] = field;
            return field;
        }

        private static IFieldSymbol? ThreadCheckBody(ISymbol member, SyntaxNode declaration)
        {
            ExpressionSyntax? body = declaration switch
            {
                PropertyDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
                PropertyDeclarationSyntax { AccessorList: { } accessors } when accessors.Accessors.Count == 1 => Returned(accessors.Accessors[0].ExpressionBody, accessors.Accessors[0].Body),
                MethodDeclarationSyntax method => Returned(method.ExpressionBody, method.Body),
                _ => null,
            };
            return body is BinaryExpressionSyntax comparison && comparison.IsKind(SyntaxKind.EqualsExpression) ? ComparedThreadField(member, comparison) : null;
        }

        /// <summary>The read-only field of <paramref name="member"/>'s type that <paramref name="comparison"/> compares the current thread with.</summary>
        private static IFieldSymbol? ComparedThreadField(ISymbol member, BinaryExpressionSyntax comparison)
        {
            var left = comparison.Left;
            var right = comparison.Right;
            var name = IsCurrentThreadSyntax(left) ? FieldName(right) : IsCurrentThreadSyntax(right) ? FieldName(left) : null;
            if (name == null || member.ContainingType == null)
            {
                return null;
            }

            foreach (var candidate in member.ContainingType.GetMembers(name))
            {
                if (candidate is IFieldSymbol { IsReadOnly: true } field && (field.IsStatic || !member.IsStatic))
                {
                    return field;
                }
            }

            return null;
        }

        private static ExpressionSyntax? Returned(ArrowExpressionClauseSyntax? arrow, BlockSyntax? block)
            => arrow?.Expression ?? (block is { Statements.Count: 1 } && block.Statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);

        private static bool IsCurrentThreadSyntax(ExpressionSyntax expression)
        {
            var text = expression.WithoutTrivia().ToString();
            return text == "Environment.CurrentManagedThreadId" || text == "System.Environment.CurrentManagedThreadId"
                || text == "Thread.CurrentThread" || text == "System.Threading.Thread.CurrentThread"
                || text == "Thread.CurrentThread.ManagedThreadId" || text == "System.Threading.Thread.CurrentThread.ManagedThreadId";
        }

        private static string? FieldName(ExpressionSyntax expression)
            => expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
                _ => null,
            };
    }
}
