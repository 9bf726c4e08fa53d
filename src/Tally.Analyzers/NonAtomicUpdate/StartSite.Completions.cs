using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// I/O completions of a <c>SocketAsyncEventArgs</c>: one operation in flight per event-args object. Reusing an
    /// event-args object while its operation is pending throws, so a connection that keeps one in a field of its own
    /// starts the next operation only once the previous one has completed (from the completion itself, or once when
    /// nothing is pending). The completions of that one object form one chain, which never overlaps with itself; the
    /// completions of two objects (a connection's receive and send event args) do overlap.
    /// </summary>
    internal sealed partial class StartSite
    {
        /// <summary>The socket operations a completion can report (<c>SocketAsyncOperation</c>), by the name of the method starting them.</summary>
        private static readonly ImmutableArray<string> SocketOperations = ImmutableArray.Create(
            "Accept", "Connect", "Disconnect", "Receive", "ReceiveFrom", "ReceiveMessageFrom", "Send", "SendPackets", "SendTo");

        /// <summary>
        /// For a <c>Completed</c> handler of an event-args object held in an instance field (or auto-property) of the
        /// subscribing object: that member. Its completions are one chain (see the type's remarks); <c>null</c> for any other
        /// start, and for event args in locals, parameters, statics or elements (one per accepted connection, a pool).
        /// </summary>
        public ISymbol? CompletionArgs { get; private set; }

        /// <summary>Whether the start is a <c>SocketAsyncEventArgs.Completed</c> handler (per instance or not).</summary>
        public bool IsSocketCompletion { get; private set; }

        private static StartSite SocketCompletion(IEventAssignmentOperation assignment, IEventReferenceOperation reference)
        {
            var args = PerInstanceMember(reference.Instance);
            return args != null
                ? new StartSite(assignment.Syntax, "a SocketAsyncEventArgs.Completed handler", Multiplicity.Once) { CompletionArgs = args, IsSocketCompletion = true }
                : new StartSite(assignment.Syntax, "a SocketAsyncEventArgs.Completed handler", Multiplicity.Many) { IsSocketCompletion = true };
        }

        /// <summary>An instance field or auto-property read through <c>this</c> (or implicitly), or <c>null</c>.</summary>
        private static ISymbol? PerInstanceMember(IOperation? instance)
        {
            switch (instance.WalkDownConversions())
            {
                case IFieldReferenceOperation { Field.IsStatic: false } field when field.Instance.WalkDownConversions() is null or IInstanceReferenceOperation:
                    return field.Field;
                case IPropertyReferenceOperation { Property.IsStatic: false, Property.IsIndexer: false } property
                    when property.Instance.WalkDownConversions() is null or IInstanceReferenceOperation && IsAutoProperty(property.Property):
                    return property.Property;
                default:
                    return null;
            }
        }

        private static bool IsAutoProperty(IPropertySymbol property)
        {
            foreach (var member in property.ContainingType.GetMembers())
            {
                if (member is IFieldSymbol { IsImplicitlyDeclared: true } backing && SymbolEqualityComparer.Default.Equals(backing.AssociatedSymbol, property))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The operations started on <paramref name="args"/> in its type's code (<c>socket.ReceiveAsync(_receiveArgs)</c>
        /// is <c>Receive</c>), read from the syntax of the type's declarations: the branches of a handler shared by several
        /// event args that this one can take. Empty when none is seen (every branch is then taken as possible).
        /// </summary>
        public static ImmutableArray<string> OperationsOn(ISymbol args)
        {
            var found = ImmutableArray.CreateBuilder<string>();
            foreach (var reference in args.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var call in reference.GetSyntax().DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = call.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : null;
                    var operation = name != null && name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : null;
                    if (operation == null || !SocketOperations.Contains(operation) || found.Contains(operation) || !PassesMember(call, args.Name))
                    {
                        continue;
                    }

                    found.Add(operation);
                }
            }

            return found.ToImmutable();
        }

        private static bool PassesMember(InvocationExpressionSyntax call, string name)
        {
            foreach (var argument in call.ArgumentList.Arguments)
            {
                var expression = argument.Expression;
                if (expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member)
                {
                    expression = member.Name;
                }

                if (expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every socket operation: the branches a handler may take for event args whose operations are not seen.</summary>
        public static ImmutableArray<string> AllSocketOperations => SocketOperations;

        /// <summary>
        /// The operation whose branch of a completion handler <paramref name="operation"/> sits in: a <c>case</c> of
        /// <c>switch (e.LastOperation)</c> naming one <c>SocketAsyncOperation</c>, or the true branch of
        /// <c>if (e.LastOperation == SocketAsyncOperation.X)</c>, where <c>e</c> is a parameter of <paramref name="function"/>.
        /// <c>null</c> elsewhere (code every completion runs).
        /// </summary>
        public static string? CompletionBranch(IOperation operation, IMethodSymbol function)
        {
            if (!HasEventArgsParameter(function))
            {
                return null;
            }

            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ISwitchCaseOperation switchCase when switchCase.Parent is ISwitchOperation switchOperation && IsLastOperation(switchOperation.Value, function):
                        return switchCase.Clauses.Length == 1 && switchCase.Clauses[0] is ISingleValueCaseClauseOperation clause ? OperationName(clause.Value) : null;
                    case IConditionalOperation conditional when conditional.WhenTrue == child
                        && conditional.Condition.WalkDownConversions() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } test:
                        if (IsLastOperation(test.LeftOperand, function))
                        {
                            return OperationName(test.RightOperand);
                        }

                        if (IsLastOperation(test.RightOperand, function))
                        {
                            return OperationName(test.LeftOperand);
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                        return null;
                }
            }

            return null;
        }

        private static bool HasEventArgsParameter(IMethodSymbol function)
        {
            foreach (var parameter in function.Parameters)
            {
                if (IsEventArgs(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEventArgs(ITypeSymbol? type)
            => type?.Name == "SocketAsyncEventArgs" && type.ContainingNamespace?.ToDisplayString() == "System.Net.Sockets";

        private static bool IsLastOperation(IOperation value, IMethodSymbol function)
            => value.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "LastOperation" } property
                && property.Instance.WalkDownConversions() is IParameterReferenceOperation parameter
                && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function) && IsEventArgs(parameter.Type);

        private static string? OperationName(IOperation value)
            => value.WalkDownConversions() is IFieldReferenceOperation { Field.ContainingType.Name: "SocketAsyncOperation" } field && SocketOperations.Contains(field.Field.Name)
                ? field.Field.Name
                : null;

        /// <summary>
        /// For a call in the branch that runs when an operation on an event-args member completed synchronously
        /// (<c>if (!socket.ReceiveAsync(_receiveArgs)) ProcessReceive(_receiveArgs);</c>, the <c>else</c> of the
        /// positive test, or the right operand of <c>!socket.AcceptAsync(_args) &amp;&amp; ProcessAccept(_args)</c>): that member. The starting thread then processes the completion itself, in the place of the
        /// <c>Completed</c> handler: the call is one more completion of that member's chain.
        /// </summary>
        public static ISymbol? SynchronousCompletion(IOperation call)
        {
            var child = call;
            for (var parent = call.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.Condition != child:
                        var test = conditional.Condition.WalkDownConversions();
                        var negated = false;
                        if (test is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
                        {
                            negated = true;
                            test = not.Operand.WalkDownConversions();
                        }

                        if (test is IInvocationOperation start && (negated ? conditional.WhenTrue == child : conditional.WhenFalse == child))
                        {
                            var args = StartedOn(start);
                            if (args != null)
                            {
                                return args;
                            }
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when logical.RightOperand == child:
                        // !socket.AcceptAsync(_args) && ProcessAccept(_args), socket.AcceptAsync(_args) || ProcessAccept(_args)
                        var left = logical.LeftOperand.WalkDownConversions();
                        var negatedLeft = left is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not };
                        if (negatedLeft == (logical.OperatorKind == BinaryOperatorKind.ConditionalAnd)
                            && (negatedLeft ? ((IUnaryOperation)left!).Operand.WalkDownConversions() : left) is IInvocationOperation leftStart
                            && StartedOn(leftStart) is { } member)
                        {
                            return member;
                        }

                        break;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IMethodBodyOperation:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// For a call starting a socket operation (<c>socket.SendAsync(_sendArgs)</c>, returning bool) on an event-args
        /// member: that member. Writes made before the call happen before the operation's completion.
        /// </summary>
        public static ISymbol? ChainStartOn(IInvocationOperation start)
        {
            var name = start.TargetMethod.Name;
            return name.EndsWith("Async", System.StringComparison.Ordinal) && SocketOperations.Contains(name.Substring(0, name.Length - 5)) ? StartedOn(start) : null;
        }

        /// <summary>The event-args member an asynchronous socket operation is started on (<c>socket.SendAsync(_sendArgs)</c> returning bool).</summary>
        private static ISymbol? StartedOn(IInvocationOperation start)
        {
            if (start.TargetMethod.ReturnType.SpecialType != SpecialType.System_Boolean)
            {
                return null;
            }

            foreach (var argument in start.Arguments)
            {
                if (IsEventArgs(argument.Parameter?.Type) && PerInstanceMember(argument.Value) is { } member)
                {
                    return member;
                }
            }

            return null;
        }
    }
}
