using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Update shapes beyond the operators: a read-modify-write through <c>System.Math</c>, a compare-then-assign, an
    /// update through a <c>ref</c> local, and an update of a trivial property over a field. Each is a read of the storage
    /// and a later write of a value computed from it, so another thread's write in between is lost like in <c>x++</c>.
    /// </summary>
    internal sealed partial class UpdateTarget
    {
        /// <summary>Whether <paramref name="operation"/> is a <c>System.Math</c> (or <c>MathF</c>) call taking <paramref name="target"/> as an argument.</summary>
        private static bool IsMathCallOn(IOperation target, IOperation? operation)
        {
            if (!(operation is IInvocationOperation { TargetMethod: { IsStatic: true } method } call)
                || !(method.ContainingType is { Name: "Math" or "MathF" } type)
                || !(type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }))
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                if (StorageReference.SameStorage(target, argument.Value, StorageComparison.AsWritten))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>x = c ? x + 1 : 1</c>, <c>x = x &gt;= max ? 0 : x + 1</c>: a choice whose one branch computes the new value
        /// from the target (a wrap-around id, a bounded counter). Two threads that read the same old value both write the
        /// same next value: one step is lost, exactly as in <c>x++</c>. A branch that only copies the target or a
        /// constant (<c>x = c ? x : 0</c>) is a plain write, and a choice that reads the target only in its condition
        /// (<c>x = x == 0 ? 1 : 0</c>) is a toggle between constants: neither counts.
        /// </summary>
        private static bool IsConditionalUpdateOf(IOperation target, IOperation? operation)
            => operation is IConditionalOperation { WhenFalse: { } whenFalse } conditional
                && (ReadsTarget(target, conditional.WhenTrue) || ReadsTarget(target, whenFalse));

        /// <summary>
        /// <c>if (v &gt; x) x = v;</c> (any of <c>&lt; &lt;= &gt; &gt;=</c>, also as one term of an <c>&amp;&amp;</c>, or of
        /// an <c>||</c> as in the clamp with an unset value <c>if (x == 0 || x &gt; max) x = max;</c>): the assignment
        /// writes the value it compared with the target, in a branch the comparison can take. Two threads can both pass
        /// the check and the smaller value be written last: the maximum (or minimum) is lost.
        /// </summary>
        private static bool IsCompareThenAssign(ISimpleAssignmentOperation assignment)
        {
            if (!(assignment.Parent is IExpressionStatementOperation statement))
            {
                return false;
            }

            var branch = statement.Parent is IBlockOperation block ? (IOperation)block : statement;
            return branch.Parent is IConditionalOperation conditional && conditional.WhenTrue == branch
                && Compares(conditional.Condition, assignment.Target, assignment.Value, depth: 0);
        }

        private static bool Compares(IOperation condition, IOperation target, IOperation value, int depth)
        {
            if (depth > 4 || !(condition.WalkDownConversions() is IBinaryOperation binary))
            {
                return false;
            }

            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.ConditionalAnd:
                case BinaryOperatorKind.ConditionalOr:
                    return Compares(binary.LeftOperand, target, value, depth + 1) || Compares(binary.RightOperand, target, value, depth + 1);
                case BinaryOperatorKind.LessThan:
                case BinaryOperatorKind.LessThanOrEqual:
                case BinaryOperatorKind.GreaterThan:
                case BinaryOperatorKind.GreaterThanOrEqual:
                    return (StorageReference.SameStorage(target, binary.LeftOperand, StorageComparison.AsWritten) && SameValue(binary.RightOperand, value))
                        || (StorageReference.SameStorage(target, binary.RightOperand, StorageComparison.AsWritten) && SameValue(binary.LeftOperand, value));
                default:
                    return false;
            }
        }

        /// <summary>Whether two expressions are written the same (through conversions): the compared value is the one assigned.</summary>
        private static bool SameValue(IOperation compared, IOperation assigned)
            => SyntaxFactory.AreEquivalent(compared.WalkDownConversions()!.Syntax, assigned.WalkDownConversions()!.Syntax);

        /// <summary>
        /// An update through <c>ref int bucket = ref _buckets[i];</c> updates what the local refers to: resolved from the
        /// local's initializer, when the local is never made to refer elsewhere (<c>bucket = ref other</c>).
        /// </summary>
        private static UpdateTarget? ResolveRefLocal(IOperation update, IOperation reference, IOperation localReference, ILocalSymbol local, int depth)
        {
            var initializer = RefLocalInitializer(localReference, local);
            if (initializer == null || initializer.WalkDownConversions() is ILocalReferenceOperation { Local.IsRef: true })
            {
                return null; // A ref to a ref: followed one step only.
            }

            return Resolve(update, reference, initializer, depth);
        }

        private static IOperation? RefLocalInitializer(IOperation use, ILocalSymbol local)
        {
            for (var parent = use.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null; // A ref local cannot be captured: its declaration is in the innermost function.
                }

                if (!(parent is IBlockOperation block))
                {
                    continue;
                }

                foreach (var statement in block.Operations)
                {
                    if (!(statement is IVariableDeclarationGroupOperation group))
                    {
                        continue;
                    }

                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                            {
                                return IsRefReassigned(block, local) ? null : (declarator.Initializer ?? declaration.Initializer)?.Value;
                            }
                        }
                    }
                }
            }

            return null;
        }

        private static bool IsRefReassigned(IBlockOperation scope, ILocalSymbol local)
        {
            foreach (var operation in scope.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { IsRef: true, Target: ILocalReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A property whose accessors only read and write one field (<c>get =&gt; _hits; set =&gt; _hits = value;</c>):
        /// its update is a read and a write of that field, which is the storage.
        /// </summary>
        private static UpdateTarget? ResolveTrivialProperty(IOperation update, IOperation reference, IPropertySymbol property, IOperation? receiver)
        {
            var field = property.TrivialBackingField();
            if (field == null || field.Type is IErrorTypeSymbol || (!field.IsStatic && field.ContainingType?.IsValueType == true))
            {
                return null;
            }

            return new UpdateTarget(update, reference, property, field, TargetKind.Property, field.IsStatic ? null : receiver);
        }
    }
}
