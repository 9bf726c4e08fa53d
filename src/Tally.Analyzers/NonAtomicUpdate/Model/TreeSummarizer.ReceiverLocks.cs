using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A lock on the object a call is made on: <c>lock (manager) { manager.Update(request); }</c>. To the caller the lock
    /// object is a local, chosen per call, so it proves nothing about the caller's own state; but the callee runs on that
    /// very object, so for the callee it is <c>lock (this)</c>. The call records it as such (a per-instance lock on the
    /// callee's type, taken there), and a non-public callee whose every caller holds it runs under it like a helper
    /// called inside <c>lock (this)</c>. Only a local or parameter that nothing writes inside the <c>lock</c> statement
    /// or in any lambda or local function of the function counts: then the receiver is the locked object.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// <paramref name="outer"/> with the callee's <c>lock (this)</c> added when the call's receiver is a local or
        /// parameter that a <c>lock</c> statement around the call locks and nothing reassigns.
        /// </summary>
        private ImmutableArray<LockFact> WithReceiverLock(IInvocationOperation invocation, IMethodSymbol callee, ImmutableArray<LockFact> outer)
        {
            if (callee.IsStatic || callee.MethodKind == MethodKind.LocalFunction || callee.ContainingType is not { } type)
            {
                return outer;
            }

            var receiver = invocation.Instance.WalkDownConversions() switch
            {
                ILocalReferenceOperation { Local.RefKind: RefKind.None } local => (ISymbol)local.Local,
                IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter => parameter.Parameter,
                _ => null,
            };
            if (receiver == null || !(LockedAround(invocation, receiver) is { } statement) || Reassigned(invocation, statement, receiver))
            {
                return outer;
            }

            var typeKey = Key(type.OriginalDefinition);
            var held = new LockFact(typeKey, exclusive: true, new HeldLock(statement.Syntax, receiver).GetLocation(), typeKey, perInstance: true);
            return outer.IsDefault ? ImmutableArray.Create(held) : outer.Add(held);
        }

        /// <summary>The innermost <c>lock</c> statement around the call (in its function) whose object is <paramref name="receiver"/>.</summary>
        private ILockOperation? LockedAround(IOperation operation, ISymbol receiver)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return null;
                    case ILockOperation { Syntax: LockStatementSyntax } statement
                        when LockFinder.LockSymbolOf(statement.LockedValue) is { } locked && SymbolEqualityComparer.Default.Equals(locked, receiver):
                        return statement;
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="receiver"/> is written inside the lock statement, or inside any lambda or local function of the function.</summary>
        private static bool Reassigned(IOperation operation, ILockOperation statement, ISymbol receiver)
        {
            if (Writes(statement.Body, receiver, anywhere: true))
            {
                return true;
            }

            var root = operation.Root();

            return Writes(root, receiver, anywhere: false);
        }

        /// <summary>Whether a reference to <paramref name="symbol"/> under <paramref name="root"/> is written (only inside lambdas and local functions unless <paramref name="anywhere"/>).</summary>
        private static bool Writes(IOperation root, ISymbol symbol, bool anywhere)
        {
            foreach (var descendant in root.DescendantsAndSelf())
            {
                var referenced = descendant switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (referenced != null && SymbolEqualityComparer.Default.Equals(referenced, symbol) && StorageReference.IsWrite(descendant)
                    && (anywhere || InNestedFunction(descendant, root)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InNestedFunction(IOperation operation, IOperation root)
        {
            for (var current = operation.Parent; current != null && current != root; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
