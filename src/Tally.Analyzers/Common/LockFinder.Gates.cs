using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Gate fields used as try-locks: <c>Interlocked.CompareExchange(ref _gate, 1, 0) == 0</c> takes the gate, any later
    /// write of the field (<c>Volatile.Write(ref _gate, 0)</c>) reopens it; the lock's identity is the field.
    /// </summary>
    internal static partial class LockFinder
    {
        /// <summary>
        /// <c>Interlocked.CompareExchange(ref field, constant, otherConstant)</c> or
        /// <c>Interlocked.Exchange(ref field, constant)</c>: a test-and-set on a gate field.
        /// </summary>
        private static bool IsGateAcquire(IInvocationOperation call, KnownSymbols known)
        {
            var name = call.TargetMethod.Name;
            if (!KnownSymbols.Is(call.TargetMethod.ContainingType, known.Interlocked)
                || !(name == "CompareExchange" ? call.Arguments.Length == 3 : name == "Exchange" && call.Arguments.Length == 2)
                || call.Arguments[0].Value.WalkDownConversions() is not IFieldReferenceOperation
                || call.Arguments[1].Value.ConstantValue is not { HasValue: true } taken)
            {
                return false;
            }

            return name == "Exchange" || (call.Arguments[2].Value.ConstantValue is { HasValue: true } free && !Equals(taken.Value, free.Value));
        }

        /// <summary>
        /// Whether the function taking the gate also writes it again somewhere (<c>Volatile.Write(ref _gate, 0)</c>): a
        /// gate that is never reopened is a run-once flag (<c>if (Interlocked.Exchange(ref _disposed, 1) != 0) return;</c>),
        /// which the model treats as before, not as a lock (its one run excludes nothing else).
        /// </summary>
        private static bool IsReopened(IInvocationOperation acquire, KnownSymbols known)
        {
            IOperation root = acquire;
            while (root.Parent != null && !(root is IMethodBodyBaseOperation || root is IAnonymousFunctionOperation || root is ILocalFunctionOperation))
            {
                root = root.Parent;
            }

            var gate = LockSymbolOfCall(acquire);
            foreach (var descendant in root.Descendants())
            {
                switch (descendant)
                {
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref } argument
                        when SymbolEqualityComparer.Default.Equals(gate, LockSymbolOf(argument.Value)) && !(argument.Parent is IInvocationOperation other && IsGateAcquire(other, known)):
                        return true;
                    case IAssignmentOperation assignment when SymbolEqualityComparer.Default.Equals(gate, LockSymbolOf(assignment.Target)):
                        return true;
                }
            }

            return false;
        }
    }
}
