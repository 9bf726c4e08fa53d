using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Walking through the wrappers of an operation tree, once for every rule and fix. (C# never produces
    /// <see cref="IParenthesizedOperation"/>; it is walked through anyway so the helpers mean the same for any tree.)
    /// </summary>
    internal static class OperationExtensions
    {
        /// <summary>The root of the operation tree holding <paramref name="operation"/> (the outermost body or initializer).</summary>
        public static IOperation Root(this IOperation operation)
        {
            var root = operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            return root;
        }

        /// <summary>The operation under every conversion (implicit or explicit) and parenthesis.</summary>
        public static IOperation? WalkDownConversions(this IOperation? operation) => WalkDown(operation, implicitOnly: false);

        /// <summary>
        /// The object a receiver reaches through: under conversions, and under a <c>Lazy&lt;T&gt;</c>'s <c>Value</c>
        /// (<c>s_lazy.Value.Sent</c> is held by <c>s_lazy</c>).
        /// </summary>
        public static IOperation? WalkDownToHolder(this IOperation? receiver)
        {
            var current = receiver.WalkDownConversions();
            return current is IPropertyReferenceOperation { Property.Name: "Value", Instance: { } lazy } && lazy.Type?.Name == "Lazy"
                ? lazy.WalkDownConversions()
                : current;
        }

        /// <summary>
        /// The operation under implicit conversions and parentheses only: an explicit cast the user wrote is kept, so
        /// <c>(int)x</c> is not taken for <c>x</c> where that matters (the fixes never rewrite through a cast).
        /// </summary>
        public static IOperation WalkDownImplicitConversions(this IOperation operation) => WalkDown(operation, implicitOnly: true)!;

        /// <summary>
        /// The call a statement consists of: <c>M();</c>, <c>_ = M();</c>, <c>await M();</c> and
        /// <c>await M().ConfigureAwait(false);</c> give <c>M()</c>; any other statement gives null.
        /// </summary>
        public static IInvocationOperation? AsStatementCall(this IOperation statement)
        {
            var value = statement is IExpressionStatementOperation expression ? expression.Operation : null;
            if (value is ISimpleAssignmentOperation discard && discard.Target is IDiscardOperation)
            {
                value = discard.Value;
            }

            if (value is IAwaitOperation awaited)
            {
                value = awaited.Operation;
            }

            while (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance != null)
            {
                value = configured.Instance;
            }

            return value.WalkDownConversions() as IInvocationOperation;
        }

        /// <summary>
        /// The statement a call is the whole of, when its result is thrown away (the reverse of
        /// <see cref="AsStatementCall"/> without <c>await</c>): <c>M();</c> or <c>_ = M();</c>.
        /// </summary>
        public static IExpressionStatementOperation? DiscardingStatement(this IInvocationOperation invocation)
        {
            switch (invocation.Parent)
            {
                case IExpressionStatementOperation statement:
                    return statement;
                case ISimpleAssignmentOperation assignment
                    when assignment.Value == invocation
                         && assignment.Target is IDiscardOperation
                         && assignment.Parent is IExpressionStatementOperation discardStatement:
                    return discardStatement;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The receiver a conditional access works on: for the placeholder of <c>x?.M()</c>
        /// (<see cref="IConditionalAccessInstanceOperation"/>) the operand <c>x</c> of the enclosing conditional access,
        /// otherwise <paramref name="instance"/> itself.
        /// </summary>
        public static IOperation? ConditionalAccessReceiver(this IOperation? instance)
        {
            if (instance is IConditionalAccessInstanceOperation)
            {
                for (var parent = instance.Parent; parent != null; parent = parent.Parent)
                {
                    if (parent is IConditionalAccessOperation access)
                    {
                        return access.Operation;
                    }
                }
            }

            return instance;
        }

        /// <summary>
        /// Whether a reference to a local or parameter may change it: it declares it (<c>out var x</c>), is assigned,
        /// incremented, passed by <c>ref</c>/<c>out</c>, has its address taken, is part of a tuple (a deconstruction's
        /// target, or a tuple that may be one: strict), or is the initializer of a <c>ref</c> local (another name for it).
        /// </summary>
        public static bool MayWriteVariable(this IOperation reference)
        {
            if (reference is ILocalReferenceOperation { IsDeclaration: true })
            {
                return true;
            }

            var parent = reference.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IAssignmentOperation assignment:
                    return assignment.Target.WalkDownConversions() == reference;
                case IIncrementOrDecrementOperation:
                case IAddressOfOperation:
                case ITupleOperation:
                case IDeclarationExpressionOperation:
                    return true;
                case IArgumentOperation argument:
                    return argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
                case IVariableInitializerOperation:
                    return parent.Parent is IVariableDeclaratorOperation { Symbol.IsRef: true };
                default:
                    return false;
            }
        }

        /// <summary>Whether the operation sits inside a <c>nameof</c> (where nothing is evaluated).</summary>
        public static bool IsInsideNameOf(this IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is INameOfOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? WalkDown(IOperation? operation, bool implicitOnly)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when !implicitOnly || conversion.IsImplicit:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    default:
                        return operation;
                }
            }
        }
    }
}
