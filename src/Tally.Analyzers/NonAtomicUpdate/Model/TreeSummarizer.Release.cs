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
        /// <summary>Per ordinary method: the places where it gives an object back to a pool, per object (-1 for <c>this</c>, else a parameter's ordinal).</summary>
        private Dictionary<string, Dictionary<int, List<IOperation>>>? _handBacks;

        /// <summary>Whether the write at <paramref name="operation"/> is of an object the function gives back to a pool afterwards, on every path from the write.</summary>
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

            _handBacks ??= new Dictionary<string, Dictionary<int, List<IOperation>>>();
            if (!_handBacks.TryGetValue(function.Key, out var handBacks))
            {
                _handBacks.Add(function.Key, handBacks = HandBacks(root, function.Symbol));
            }

            if (!handBacks.TryGetValue(identity.Value, out var places))
            {
                return false;
            }

            foreach (var handBack in places)
            {
                if (operation.Syntax.Span.End <= handBack.Syntax.SpanStart && HandBackPaths.Follows(operation, handBack, root, identity.Value, function.Symbol))
                {
                    return true;
                }
            }

            return false;
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

        private static Dictionary<int, List<IOperation>> HandBacks(IOperation root, ISymbol function)
        {
            var result = new Dictionary<int, List<IOperation>>();
            CollectHandBacks(root, function, result);
            return result;
        }

        /// <summary>
        /// The hand-backs below <paramref name="operation"/> in its own function, in the order of a walk of every
        /// descendant: lambdas and local functions are not entered (their hand-backs are not the function's), which
        /// spares the walk up from every operation that a filter of all descendants would make.
        /// </summary>
        private static void CollectHandBacks(IOperation operation, ISymbol function, Dictionary<int, List<IOperation>> result)
        {
            foreach (var child in operation.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                switch (child)
                {
                    case IInvocationOperation invocation when IsHandBack(invocation):
                        foreach (var argument in invocation.Arguments)
                        {
                            if (IdentityOf(argument.Value, function) is { } given && argument.Value.WalkDownConversions() != null
                                && (invocation.Instance == null || IdentityOf(invocation.Instance, function) != given))
                            {
                                Add(result, given, invocation);
                            }
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation field } assignment when NamesPool(field.Field.Name)
                            && IdentityOf(assignment.Value, function) is { } pushed && assignment.Value.WalkDownConversions() != null:
                        Add(result, pushed, assignment); // a free list's head: _poolHead = packet
                        break;
                }

                CollectHandBacks(child, function, result);
            }

            static void Add(Dictionary<int, List<IOperation>> result, int identity, IOperation handBack)
            {
                if (!result.TryGetValue(identity, out var places))
                {
                    result.Add(identity, places = new List<IOperation>());
                }

                places.Add(handBack);
            }
        }

        /// <summary>
        /// A call that gives its argument back: a method named for returning (<c>PutObject</c>, <c>Return</c>,
        /// <c>Recycle</c>, <c>Release</c>, <c>Free</c>), or adding to a collection named as a pool
        /// (<c>_messagePool.Enqueue(message)</c>, <c>freeList.Push(node)</c>).
        /// </summary>
        private static bool IsHandBack(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            if (IsHandBackName(name))
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

        /// <summary>A method named for giving back (<c>Put*</c>, <c>Return*</c>, <c>Recycle*</c>, <c>Release*</c>, <c>Free*</c>).</summary>
        private static bool IsHandBackName(string name)
            => name.StartsWith("Put", StringComparison.Ordinal) || name.StartsWith("Return", StringComparison.Ordinal)
                || name.StartsWith("Recycle", StringComparison.Ordinal) || name.StartsWith("Release", StringComparison.Ordinal)
                || name.StartsWith("Free", StringComparison.Ordinal);

        private static bool NamesPool(string name)
            => name.IndexOf("pool", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("free", StringComparison.OrdinalIgnoreCase) >= 0
                || name.IndexOf("spare", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
