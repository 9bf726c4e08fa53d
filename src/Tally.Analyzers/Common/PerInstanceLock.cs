using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Whether a lock object belongs to one instance: <c>lock (this)</c>, a lock on an instance field or property of
    /// <c>this</c>. Each instance holds its own such lock, so it excludes writers on the same instance only, never the
    /// writers of static storage on two instances.
    /// </summary>
    internal static class PerInstanceLock
    {
        /// <summary>
        /// Whether a lock object belongs to the instance (<c>this</c>, or an instance field or property of <c>this</c>):
        /// each instance locks its own, so it excludes nothing between instances (a static's writers on two instances).
        /// </summary>
        public static bool Of(IOperation? value)
        {
            switch (LockFinder.UnaliasLockObject(value).WalkDownConversions())
            {
                case IInstanceReferenceOperation:
                    return true;
                case IFieldReferenceOperation field:
                    return !field.Field.IsStatic && field.Instance.WalkDownConversions() is IInstanceReferenceOperation;
                case IPropertyReferenceOperation property:
                    // A property that only returns a static field (LockFinder.FieldBehind) locks that one static object.
                    return !property.Property.IsStatic && property.Arguments.Length == 0 && property.Instance.WalkDownConversions() is IInstanceReferenceOperation
                        && LockFinder.FieldBehind(property.Property) is not { IsStatic: true };
                default:
                    return false;
            }
        }

        /// <summary>
        /// Whether a lock call's object belongs to the instance (see <see cref="Of"/>): its receiver, or
        /// Monitor's argument. A helper of the type itself called on <c>this</c> (<c>EnterLock()</c>) may lock anything,
        /// a static included: not known, so not per instance.
        /// </summary>
        public static bool OfCall(IInvocationOperation invocation)
            => invocation.Instance != null
                ? Of(invocation.Instance) && !(invocation.Instance.WalkDownConversions() is IInstanceReferenceOperation && invocation.TargetMethod.DeclaringSyntaxReferences.Length > 0)
                : invocation.Arguments.Length > 0 && Of(invocation.Arguments[0].Value);
    }
}
