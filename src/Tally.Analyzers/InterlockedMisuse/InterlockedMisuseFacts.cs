using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>Facts about Interlocked calls and the operations around them, shared by the analyzer and the code fix.</summary>
    internal static class InterlockedMisuseFacts
    {
        /// <summary>The argument bound to the parameter at <paramref name="ordinal"/>, whatever the source order.</summary>
        public static IArgumentOperation? GetArgument(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The assignment that stores the call's result back into the location it updated, if any.</summary>
        public static ISimpleAssignmentOperation? GetAssignmentBack(IInvocationOperation invocation, StorageReference location)
        {
            if (invocation.Parent is ISimpleAssignmentOperation assignment
                && assignment.Value == invocation
                && !assignment.IsRef
                && location.IsReferencedBy(assignment.Target))
            {
                return assignment;
            }

            return null;
        }

        /// <summary>
        /// The references to <paramref name="location"/> evaluated directly by <paramref name="root"/>: not those in lambdas
        /// or local functions (they run later, if at all) and not those inside <c>nameof</c>.
        /// </summary>
        public static List<IOperation> FindReferences(IOperation root, StorageReference location)
        {
            var found = new List<IOperation>();
            Collect(root, location, found);
            return found;
        }

        private static void Collect(IOperation operation, StorageReference location, List<IOperation> found)
        {
            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation or INameOfOperation)
            {
                return;
            }

            if (IsPlainReference(operation) && location.IsReferencedBy(operation))
            {
                found.Add(operation);
                return;
            }

            foreach (var child in operation.ChildOperations)
            {
                Collect(child, location, found);
            }
        }

        /// <summary>Whether the operation is a field, local or parameter reference (the shapes a location can take).</summary>
        public static bool IsPlainReference(IOperation operation)
            => operation is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation;

        /// <summary>
        /// What a delegate call is invoked on, seen through <c>?.</c> (<c>this.Report?.Invoke(...)</c> gives
        /// <c>this.Report</c>); <c>null</c> when the call is not a delegate invocation.
        /// </summary>
        public static IOperation? DelegateInvokeReceiver(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke)
            {
                return null;
            }

            return invocation.Instance.ConditionalAccessReceiver();
        }
    }
}
