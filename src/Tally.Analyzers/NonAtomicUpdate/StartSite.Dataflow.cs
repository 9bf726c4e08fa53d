using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// TPL Dataflow blocks that run a delegate per message (<c>ActionBlock</c>, <c>TransformBlock</c>,
    /// <c>TransformManyBlock</c>): with the default <c>MaxDegreeOfParallelism</c> of 1 a block runs its delegate for one
    /// message at a time (an asynchronous delegate's task is awaited before the next message), so the block is a serial
    /// executor, an actor's mailbox. Each block made is one run that does not overlap with itself (a start, like a
    /// thread: two blocks, or a block made again per call, overlap). A larger degree runs messages in parallel.
    /// </summary>
    internal sealed partial class StartSite
    {
        /// <summary>The start of a Dataflow block's delegate, or <c>null</c> when <paramref name="type"/> is no such block.</summary>
        private static StartSite? DataflowBlock(IObjectCreationOperation creation, ITypeSymbol? type)
        {
            if (!(type is INamedTypeSymbol { TypeKind: not TypeKind.Error } block)
                || !(block.OriginalDefinition.Name is "ActionBlock" or "TransformBlock" or "TransformManyBlock")
                || block.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks.Dataflow")
            {
                return null;
            }

            var degree = DegreeOfParallelism(creation);
            return degree == 1
                ? new StartSite(creation.Syntax, "a Dataflow " + block.Name + " (one message at a time)", Multiplicity.PerStart)
                : new StartSite(creation.Syntax, "a Dataflow " + block.Name + " (several messages at a time)", Multiplicity.Many);
        }

        /// <summary>
        /// The block's <c>MaxDegreeOfParallelism</c>: 1 without options, or with options made in place or in a local of the
        /// same function that never set it or set it to the constant 1; 0 (unknown, taken as parallel) otherwise: a
        /// larger constant, <c>DataflowBlockOptions.Unbounded</c>, a computed value, or options from a field or parameter.
        /// </summary>
        private static int DegreeOfParallelism(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type.Name is not ("ExecutionDataflowBlockOptions" or "DataflowBlockOptions")
                    || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversions();
                switch (value)
                {
                    case IObjectCreationOperation options:
                        return DegreeSetBy(options.Initializer);
                    case ILocalReferenceOperation local:
                        return DegreeOfLocal(creation, local.Local);
                    default:
                        return 0;
                }
            }

            return 1;
        }

        private static int DegreeSetBy(IObjectOrCollectionInitializerOperation? initializer)
        {
            if (initializer == null)
            {
                return 1;
            }

            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxDegreeOfParallelism" } } assignment)
                {
                    return IsConstantOne(assignment.Value) ? 1 : 0;
                }
            }

            return 1;
        }

        /// <summary>Options in a local: its one initializer and every later assignment of the degree in the same function.</summary>
        private static int DegreeOfLocal(IOperation creation, ILocalSymbol local)
        {
            var root = creation.Root();

            var degree = 0;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initial = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value.WalkDownConversions();
                        if (!(initial is IObjectCreationOperation options))
                        {
                            return 0;
                        }

                        degree = DegreeSetBy(options.Initializer);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return 0; // Made to refer to other options.
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxDegreeOfParallelism", Instance: ILocalReferenceOperation owner } } assignment
                        when SymbolEqualityComparer.Default.Equals(owner.Local, local) && !IsConstantOne(assignment.Value):
                        return 0;
                }
            }

            return degree;
        }

        private static bool IsConstantOne(IOperation value)
            => value.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: int one } } && one == 1;
    }
}
