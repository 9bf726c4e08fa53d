using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.GuardedBy
{
    /// <summary>Finds the write, if any, that a reference to a field or property is the target of.</summary>
    internal static class GuardedWrite
    {
        /// <summary>
        /// The operation that writes through <paramref name="reference"/> (an assignment, <c>++</c>/<c>--</c>, a
        /// <c>ref</c>/<c>out</c> argument; for a deconstruction, the reference itself) and a word for the message, or <c>null</c> for a read.
        /// </summary>
        public static IOperation? Find(IOperation reference, out string kind)
        {
            kind = "written";
            var parent = reference.Parent;
            switch (parent)
            {
                case ISimpleAssignmentOperation simple when simple.Target == reference:
                    return simple;
                case ICompoundAssignmentOperation compound when compound.Target == reference:
                    kind = "updated";
                    return compound;
                case ICoalesceAssignmentOperation coalesce when coalesce.Target == reference:
                    kind = "updated";
                    return coalesce;
                case IIncrementOrDecrementOperation increment:
                    kind = "updated";
                    return increment;
                case IArgumentOperation argument when argument.Parameter is { RefKind: RefKind.Ref or RefKind.Out }:
                    kind = "passed by reference";
                    return argument;
                case ITupleOperation:
                    // Each element of a deconstruction is reported where it is written.
                    return DeconstructionOf(parent) != null ? reference : null;
                default:
                    return null;
            }
        }

        private static IOperation? DeconstructionOf(IOperation tuple)
        {
            var child = tuple;
            var current = tuple.Parent;
            while (current is ITupleOperation)
            {
                child = current;
                current = current.Parent;
            }

            return current is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == child ? deconstruction : null;
        }
    }
}
