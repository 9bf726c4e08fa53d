using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Writes made while an object is given back to its pool (third fresh sample, family A: pooled messages, packets and
    /// writers). A pool hands each object to one taker at a time; the taker fills it, sends it and finally returns it
    /// (<c>Recycle() { Position = 0; Pool.PutObject(this); }</c>, <c>packet.Flags = 0; packet.Next = _poolHead;
    /// _poolHead = packet;</c>). The writes a function makes to the object it is about to give back are the owner's last
    /// writes: no other thread may hold the object then (two holders of one pooled object is the pool's own bug, whatever
    /// the fields), and whoever takes it next takes it after the hand-back. Like a constructor's writes, they neither race
    /// nor pair with other writers. Only writes before the hand-back count; after it the object may already be taken.
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>Per ordinary method: the objects it gives back to a pool (-1 for <c>this</c>, else a parameter's ordinal) and the first position at which it does.</summary>
        private Dictionary<string, Dictionary<int, int>>? _handBacks;

        /// <summary>Whether the write at <paramref name="operation"/> is of an object the function gives back to a pool afterwards.</summary>
        private bool IsWriteBeforeHandBack(IOperation operation, IOperation? receiver, bool isStatic, FunctionBuilder function)
        {
            if (isStatic || !(function.Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary }))
            {
                return false;
            }

            var identity = IdentityOf(receiver, function.Symbol);
            if (identity == null || !InSameFunctionAsRoot(operation, out var root))
            {
                return false;
            }

            _handBacks ??= new Dictionary<string, Dictionary<int, int>>();
            if (!_handBacks.TryGetValue(function.Key, out var handBacks))
            {
                _handBacks.Add(function.Key, handBacks = HandBacks(root, function.Symbol));
            }

            return handBacks.TryGetValue(identity.Value, out var position) && operation.Syntax.Span.End <= position;
        }

        /// <summary><c>this</c> (-1) or the ordinal of the function's own parameter the value is; otherwise <c>null</c>.</summary>
        private static int? IdentityOf(IOperation? value, ISymbol function)
        {
            switch (value.WalkDownConversions())
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return -1;
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, function)
                        && parameter.Parameter.RefKind == RefKind.None:
                    return parameter.Parameter.Ordinal;
                default:
                    return null;
            }
        }

        /// <summary>The method's body (the root of the operation tree), when <paramref name="operation"/> is not inside a lambda or local function.</summary>
        private static bool InSameFunctionAsRoot(IOperation operation, out IOperation root)
        {
            root = operation;
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                root = parent;
            }

            return true;
        }

        private static Dictionary<int, int> HandBacks(IOperation root, ISymbol function)
        {
            var result = new Dictionary<int, int>();
            var firstExit = FirstExit(root);
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when InSameFunction(invocation, root) && IsHandBack(invocation) && Reached(invocation):
                        foreach (var argument in invocation.Arguments)
                        {
                            if (IdentityOf(argument.Value, function) is { } given && argument.Value.WalkDownConversions() != null
                                && (invocation.Instance == null || IdentityOf(invocation.Instance, function) != given))
                            {
                                Add(result, given, invocation.Syntax.SpanStart);
                            }
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment when InSameFunction(assignment, root)
                            && NamesPool(field.Field.Name) && IdentityOf(assignment.Value, function) is { } pushed && assignment.Value.WalkDownConversions() != null
                            && Reached(assignment):
                        Add(result, pushed, assignment.Syntax.SpanStart); // a free list's head: _poolHead = packet
                        break;
                }
            }

            return result;

            bool Reached(IOperation handBack) => handBack.Syntax.SpanStart < firstExit && AlwaysRuns(handBack, root);

            static void Add(Dictionary<int, int> result, int identity, int position)
            {
                if (!result.TryGetValue(identity, out var known) || position < known)
                {
                    result[identity] = position;
                }
            }
        }

        /// <summary>
        /// Where the function may first leave early (<c>return</c>, <c>throw</c>, <c>break</c>, <c>continue</c>,
        /// <c>goto</c>): a hand-back after it may not happen on every path (<c>_refs--; if (_refs > 0) return;
        /// Pool.Return(this);</c> keeps a shared, reference-counted object in use), so it does not count.
        /// </summary>
        private static int FirstExit(IOperation root)
        {
            var first = int.MaxValue;
            foreach (var operation in root.Descendants())
            {
                if (operation is IReturnOperation or IBranchOperation or IThrowOperation && InSameFunction(operation, root)
                    && operation.Syntax.SpanStart < first)
                {
                    first = operation.Syntax.SpanStart;
                }
            }

            return first;
        }

        /// <summary>
        /// Whether the hand-back runs whenever the function reaches it from its start: only blocks, expression
        /// statements, <c>lock</c>, <c>using</c> and a <c>try</c> body lie between it and the body, not a branch, a loop
        /// or a conditional (<c>if (--_refs == 0) Pool.Return(this);</c> gives the object back only on one path).
        /// </summary>
        private static bool AlwaysRuns(IOperation operation, IOperation root)
        {
            for (var parent = operation.Parent; parent != null && parent != root; parent = parent.Parent)
            {
                if (!(parent is IBlockOperation or IExpressionStatementOperation or ILockOperation or IUsingOperation
                    or ITryOperation or IConversionOperation or IArgumentOperation or IInvocationOperation
                    or ISimpleAssignmentOperation or IMethodBodyOperation))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A call that gives its argument back: a method named for returning (<c>PutObject</c>, <c>Return</c>,
        /// <c>Recycle</c>, <c>Release</c>, <c>Free</c>), or adding to a collection named as a pool
        /// (<c>_messagePool.Enqueue(message)</c>, <c>freeList.Push(node)</c>).
        /// </summary>
        private static bool IsHandBack(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            if (name.StartsWith("Put", StringComparison.Ordinal) || name.StartsWith("Return", StringComparison.Ordinal)
                || name.StartsWith("Recycle", StringComparison.Ordinal) || name.StartsWith("Release", StringComparison.Ordinal)
                || name.StartsWith("Free", StringComparison.Ordinal))
            {
                return true;
            }

            if (!(name is "Add" or "TryAdd" or "Push" or "TryPush" or "Enqueue" or "TryEnqueue" or "AddLast" or "AddFirst" or "Return"))
            {
                return false;
            }

            return invocation.Instance.WalkDownConversions() switch
            {
                IFieldReferenceOperation field => NamesPool(field.Field.Name),
                IPropertyReferenceOperation property => NamesPool(property.Property.Name),
                _ => false,
            };
        }

        private static bool NamesPool(string name)
            => name.IndexOf("pool", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("free", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("spare", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
