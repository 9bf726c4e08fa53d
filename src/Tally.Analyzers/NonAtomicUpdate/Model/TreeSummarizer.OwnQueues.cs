using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A queue or stack of the project's own that synchronises itself, used as a concurrent collection
    /// (<see cref="QueueUseFact"/>; docs/detection-model.md, "A producer of a started consumer"): a method of a type
    /// declared in source, named as an add (<c>Enqueue...</c>, <c>TryEnqueue...</c>, <c>Push...</c>, <c>TryPush...</c>) or a
    /// take (<c>Dequeue...</c>, <c>TryDequeue...</c>, <c>Pop...</c>, <c>TryPop...</c>, <c>Take...</c>, <c>TryTake...</c>),
    /// whose whole body holds one lock on the collection itself: <c>lock (this) { ... }</c>, or
    /// <c>Monitor.Enter(this); try { ... } finally { Monitor.Exit(this); }</c>, or the same on a field of the collection.
    /// Such a method is written to be called by several threads at once, as <c>ConcurrentQueue.Enqueue</c> is (Aerospike's
    /// <c>Pool&lt;T&gt;</c>, a lock-guarded ring buffer behind a cluster's recover queue).
    /// The body is read as syntax only (no other tree is bound); an edit of the collection's file is seen by a caller's
    /// cached summary when the caller's file is summarised again (docs/detection-model.md, "IDE parity and staleness").
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>Whether <paramref name="invocation"/> adds to or takes from a self-synchronising queue of the project.</summary>
        private static bool OwnQueueUse(IInvocationOperation invocation, out bool adds)
        {
            var method = invocation.TargetMethod;
            var name = method.Name;
            adds = StartsWithAny(name, "Enqueue", "TryEnqueue", "Push", "TryPush");
            var takes = StartsWithAny(name, "Dequeue", "TryDequeue", "Pop", "TryPop", "Take", "TryTake");
            if ((!adds && !takes) || method.IsStatic || invocation.Instance == null || method.ContainingType is not { TypeKind: TypeKind.Class } type
                || type.Locations.IsEmpty || !type.Locations[0].IsInSource)
            {
                return false;
            }

            var references = method.OriginalDefinition.DeclaringSyntaxReferences;
            return references.Length == 1 && references[0].GetSyntax() is MethodDeclarationSyntax { Body: { } body } declaration
                && LocksItselfThroughout(body, declaration);
        }

        private static bool StartsWithAny(string name, params string[] prefixes)
        {
            foreach (var prefix in prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether every statement of <paramref name="body"/> runs under one lock on the method's own object: one
        /// <c>lock</c> statement, or <c>Monitor.Enter(x); try { ... } finally { Monitor.Exit(x); }</c>, on <c>this</c> or a
        /// field of it (an identifier that is no parameter of the method, or <c>this.Name</c>).
        /// </summary>
        private static bool LocksItselfThroughout(BlockSyntax body, MethodDeclarationSyntax method)
        {
            var statements = body.Statements;
            if (statements.Count == 1 && statements[0] is LockStatementSyntax locked)
            {
                return IsOwnObject(locked.Expression, method);
            }

            return statements.Count == 2
                && MonitorCall(statements[0], "Enter") is { } entered && IsOwnObject(entered, method)
                && statements[1] is TryStatementSyntax { Finally.Block.Statements: { Count: 1 } exits }
                && MonitorCall(exits[0], "Exit") is { } exited && exited.IsEquivalentTo(entered);
        }

        /// <summary>The one argument of <c>Monitor.NAME(x)</c> as a statement, else <c>null</c>.</summary>
        private static ExpressionSyntax? MonitorCall(StatementSyntax statement, string name)
            => statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } call }
                && call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Monitor" } } access
                && access.Name.Identifier.ValueText == name
                    ? arguments[0].Expression
                    : null;

        private static bool IsOwnObject(ExpressionSyntax expression, MethodDeclarationSyntax method)
        {
            switch (expression)
            {
                case ThisExpressionSyntax:
                    return true;
                case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }:
                    return true;
                case IdentifierNameSyntax identifier:
                    foreach (var parameter in method.ParameterList.Parameters)
                    {
                        if (parameter.Identifier.ValueText == identifier.Identifier.ValueText)
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }
    }
}
