using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>Whether a lock object is one object for every holder, or chosen per call (a per-key lock proves no exclusion).</summary>
    internal static partial class LockFinder
    {
        /// <summary>Whether a lock call's object is chosen per call (see <see cref="HeldLock.IsPerKey"/>).</summary>
        public static bool IsPerKeyCall(IInvocationOperation invocation)
            => invocation.Instance != null
                ? IsPerKey(invocation.Instance) || HasKeyArgument(invocation)
                : invocation.Arguments.Length > 0 && IsPerKey(invocation.Arguments[0].Value);

        /// <summary>Whether an instance lock call takes a key (<c>_locks.Lock(name)</c>): a lock per key, not one lock.</summary>
        private static bool HasKeyArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Parameter?.Type;
                if (type != null && (type.SpecialType == SpecialType.System_String || type.SpecialType == SpecialType.System_Object || type.TypeKind == TypeKind.TypeParameter))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a lock object expression names a different object per call: a local (not one that only aliases a lock
        /// field, <see cref="UnaliasLockObject"/>), parameter, element or call result.
        /// </summary>
        public static bool IsPerKey(IOperation? value)
        {
            switch (UnaliasLockObject(value).WalkDownConversions())
            {
                case ILocalReferenceOperation:
                case IParameterReferenceOperation:
                case IArrayElementReferenceOperation:
                case IPropertyReferenceOperation { Arguments.Length: > 0 }:
                    return true;
                case IInvocationOperation invocation:
                    return invocation.Arguments.Length > 0 || (invocation.Instance != null && IsPerKey(invocation.Instance));
                default:
                    return false;
            }
        }
    }
}
