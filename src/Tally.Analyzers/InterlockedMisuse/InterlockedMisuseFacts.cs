using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

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
        public static ISimpleAssignmentOperation? GetAssignmentBack(IInvocationOperation invocation, InterlockedMisuseLocation location)
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
        public static List<IOperation> FindReferences(IOperation root, InterlockedMisuseLocation location)
        {
            var found = new List<IOperation>();
            Collect(root, location, found);
            return found;
        }

        private static void Collect(IOperation operation, InterlockedMisuseLocation location, List<IOperation> found)
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
        /// Whether a reference writes (or may write) its location: assignment target, ++/--, ref/out argument, address
        /// taken, deconstruction target, ref alias, or a mutation of a struct stored there.
        /// </summary>
        public static bool IsWrite(IOperation reference)
        {
            var current = reference;
            var parent = current.Parent;
            while (true)
            {
                switch (parent)
                {
                    case IAssignmentOperation assignment when assignment.Target == current:
                        return true;
                    case IIncrementOrDecrementOperation:
                        return true;
                    case IAddressOfOperation:
                        return true;
                    case IArgumentOperation argument:
                        return argument.Parameter is { } parameter
                               && (parameter.RefKind == RefKind.Ref || parameter.RefKind == RefKind.Out);
                    case IVariableInitializerOperation when parent.Parent is IVariableDeclaratorOperation declarator
                                                            && declarator.Symbol.IsRef:
                        return true;
                    case IReturnOperation when IsRefReturn(parent):
                        return true;
                    case ITupleOperation:
                        // (x, y) = ...: climb to see whether the tuple is a deconstruction target.
                        current = parent;
                        parent = parent.Parent;
                        continue;
                    case IDeconstructionAssignmentOperation deconstruction:
                        return deconstruction.Target == current;
                    case IFieldReferenceOperation member when member.Instance == current && IsValueType(current):
                        current = parent;
                        parent = parent.Parent;
                        continue;
                    case IInvocationOperation call when call.Instance == current && IsValueType(current):
                        return !call.TargetMethod.IsReadOnly;
                    case IPropertyReferenceOperation property when property.Instance == current && IsValueType(current):
                        current = parent;
                        parent = parent.Parent;
                        continue;
                    default:
                        return false;
                }
            }
        }

        private static bool IsValueType(IOperation operation) => operation.Type?.IsValueType == true;

        private static bool IsRefReturn(IOperation returnOperation)
            => returnOperation.SemanticModel?.GetEnclosingSymbol(returnOperation.Syntax.SpanStart)
                is IMethodSymbol { ReturnsByRef: true } or IMethodSymbol { ReturnsByRefReadonly: true };
    }
}
