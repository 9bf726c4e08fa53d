using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>How an element update in a parallel loop's body is indexed by the loop's iteration variable.</summary>
    internal enum ParallelIndex : byte
    {
        /// <summary>Not an element update in a parallel loop's body, or an index the iteration variable does not give.</summary>
        None,

        /// <summary><c>a[i] op= v</c> in a <c>Parallel.For</c> body whose variable is <c>i</c>: iterations touch disjoint elements.</summary>
        Iteration,

        /// <summary>
        /// An index computed from the iteration variable by arithmetic alone (<c>a[row * width + x]</c>, <see cref="IterationIndex"/>):
        /// most likely an element per iteration, not proven (<c>x</c> running past the width reaches the next row).
        /// </summary>
        Derived,
    }

    /// <summary>Element updates indexed by a parallel loop's iteration variable (<see cref="ParallelIndex"/>).</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>Whether the update is <c>a[i] op= v</c> in a <c>Parallel.For</c> body whose index is <c>i</c>: iterations touch disjoint elements.</summary>
        public static bool IsDisjointParallelIndex(UpdateTarget target, UpdateContext context)
            => ParallelIndexOf(target, context, derived: false) == ParallelIndex.Iteration;

        /// <summary>
        /// How the update's element is indexed by the iteration variable of the parallel loop whose body holds it (the
        /// innermost concurrent lambda, <paramref name="context"/>): <c>Parallel.For</c>'s index, or the index of
        /// <c>Parallel.ForEach</c>'s overload that passes one (never <see cref="ParallelIndex.Iteration"/>: the hidden
        /// case stays <c>Parallel.For</c>'s). <see cref="ParallelIndex.Derived"/> is looked for only when
        /// <paramref name="derived"/>.
        /// </summary>
        public static ParallelIndex ParallelIndexOf(UpdateTarget target, UpdateContext context, bool derived)
        {
            if (context.Site == null || context.ConcurrentLambda is not { } body
                || target.Reference.WalkDownConversions() is not IArrayElementReferenceOperation element
                || IterationVariable(body, context.Site.Description) is not { } variable)
            {
                return ParallelIndex.None;
            }

            // One coordinate of a multi-dimensional element being the loop index is enough: rows i and i' never overlap.
            if (variable.Ordinal == 0)
            {
                foreach (var index in element.Indices)
                {
                    if (index.WalkDownConversions() is IParameterReferenceOperation parameter
                        && SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable))
                    {
                        return ParallelIndex.Iteration;
                    }
                }
            }

            return derived && IterationIndex.Derives(element, variable, body) ? ParallelIndex.Derived : ParallelIndex.None;
        }

        /// <summary>
        /// The iteration variable of a parallel loop's body: the first parameter of <c>Parallel.For</c>'s body (int or
        /// long), the <c>long</c> index of <c>Parallel.ForEach</c>'s body <c>(item, state, index)</c> or
        /// <c>(item, state, index, local)</c>. Null for any other lambda (a thread-local state's init or finally).
        /// </summary>
        private static IParameterSymbol? IterationVariable(IAnonymousFunctionOperation lambda, string description)
        {
            if (lambda.Parent is not IDelegateCreationOperation { Parent: IArgumentOperation { Parameter.Name: "body" } })
            {
                return null;
            }

            var parameters = lambda.Symbol.Parameters;
            return description switch
            {
                "Parallel.For" when parameters.Length > 0 => parameters[0],
                "Parallel.ForEach" when ((parameters.Length == 3 && lambda.Symbol.ReturnsVoid) || parameters.Length == 4)
                    && parameters[2].Type.SpecialType == SpecialType.System_Int64 => parameters[2],
                _ => null,
            };
        }
    }
}
