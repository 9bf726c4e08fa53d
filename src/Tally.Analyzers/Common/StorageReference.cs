using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>What kind of storage a reference denotes.</summary>
    internal enum StorageKind
    {
        /// <summary>A field, static or of a receiver.</summary>
        Field,

        /// <summary>A property without arguments (the callers decide whether they accept only auto-properties).</summary>
        Property,

        /// <summary>An element of an array, at given indices.</summary>
        ArrayElement,

        /// <summary>A local variable.</summary>
        Local,

        /// <summary>A parameter.</summary>
        Parameter,
    }

    /// <summary>How strictly two references must agree to denote the same storage.</summary>
    internal enum StorageComparison
    {
        /// <summary>
        /// As written (the analyzers): conversions of any kind are looked through, properties count, and two array indices
        /// agree when they are the same storage reference themselves (<c>a[_i]</c> and <c>a[_i]</c>) or equal constants.
        /// </summary>
        AsWritten,

        /// <summary>
        /// Provably the same storage without evaluating anything (the fixes, which evaluate a reference once or again):
        /// only implicit conversions are looked through, properties never count, and array indices agree only when they
        /// are equal constants or the same local or parameter.
        /// </summary>
        Stable,
    }

    /// <summary>
    /// A reference to storage — a field, a property, an array element, a local or a parameter — with its receiver: the
    /// one description of "which storage is this" that the rules and the fixes share.
    /// </summary>
    internal readonly struct StorageReference
    {
        private StorageReference(IOperation reference, StorageKind kind, ISymbol? symbol, IOperation? receiver, ImmutableArray<IOperation> indices)
        {
            Reference = reference;
            Kind = kind;
            Symbol = symbol;
            Receiver = receiver;
            Indices = indices;
        }

        /// <summary>The reference operation itself.</summary>
        public IOperation Reference { get; }

        public StorageKind Kind { get; }

        /// <summary>The field, property, local or parameter; null for an array element (see <see cref="Variable"/>).</summary>
        public ISymbol? Symbol { get; }

        /// <summary>The instance of an instance field or property, or the array of an element; null otherwise.</summary>
        public IOperation? Receiver { get; }

        /// <summary>The indices of an array element; empty otherwise.</summary>
        public ImmutableArray<IOperation> Indices { get; }

        /// <summary>Whether the receiver is <c>this</c> or <c>base</c> (an instance member of the containing type).</summary>
        public bool ReceiverIsThis => Receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

        /// <summary>
        /// The variable the storage belongs to: the field, local or parameter itself, or for an array element the variable
        /// holding the array (through implicit conversions); null for properties and for arrays that no variable holds.
        /// </summary>
        public ISymbol? Variable => VariableOf(Reference);

        /// <summary>The type of the value stored.</summary>
        public ITypeSymbol? Type => Reference.Type;

        /// <summary>Describes <paramref name="operation"/> if it is a storage reference (conversions are not looked through).</summary>
        public static bool TryCreate(IOperation? operation, out StorageReference storage)
        {
            switch (operation)
            {
                case IFieldReferenceOperation field:
                    storage = new StorageReference(field, StorageKind.Field, field.Field, field.Instance, ImmutableArray<IOperation>.Empty);
                    return true;
                case IPropertyReferenceOperation property when property.Arguments.Length == 0:
                    storage = new StorageReference(property, StorageKind.Property, property.Property, property.Instance, ImmutableArray<IOperation>.Empty);
                    return true;
                case IArrayElementReferenceOperation element:
                    storage = new StorageReference(element, StorageKind.ArrayElement, null, element.ArrayReference, element.Indices);
                    return true;
                case ILocalReferenceOperation local:
                    storage = new StorageReference(local, StorageKind.Local, local.Local, null, ImmutableArray<IOperation>.Empty);
                    return true;
                case IParameterReferenceOperation parameter:
                    storage = new StorageReference(parameter, StorageKind.Parameter, parameter.Parameter, null, ImmutableArray<IOperation>.Empty);
                    return true;
                default:
                    storage = default;
                    return false;
            }
        }

        /// <summary>Whether <paramref name="other"/> denotes the same storage as this reference.</summary>
        public bool IsSameStorage(IOperation? other, StorageComparison comparison) => SameStorage(Reference, other, comparison);

        /// <summary>Whether two operations denote the same storage (same field of the same receiver, same array and indices...).</summary>
        public static bool SameStorage(IOperation? left, IOperation? right, StorageComparison comparison)
        {
            left = WalkDown(left, comparison);
            right = WalkDown(right, comparison);
            if (left == null || right == null)
            {
                return left == null && right == null && comparison == StorageComparison.AsWritten;
            }

            switch (left)
            {
                case IFieldReferenceOperation leftField when right is IFieldReferenceOperation rightField:
                    return SymbolEqualityComparer.Default.Equals(leftField.Field, rightField.Field)
                        && (leftField.Field.IsStatic || SameReceiver(leftField.Instance, rightField.Instance, comparison));
                case IPropertyReferenceOperation leftProperty when right is IPropertyReferenceOperation rightProperty:
                    return comparison == StorageComparison.AsWritten
                        && SymbolEqualityComparer.Default.Equals(leftProperty.Property, rightProperty.Property)
                        && leftProperty.Arguments.Length == 0 && rightProperty.Arguments.Length == 0
                        && (leftProperty.Property.IsStatic || SameStorage(leftProperty.Instance, rightProperty.Instance, comparison));
                case IArrayElementReferenceOperation leftElement when right is IArrayElementReferenceOperation rightElement:
                    return SameElement(leftElement, rightElement, comparison);
                case ILocalReferenceOperation leftLocal when right is ILocalReferenceOperation rightLocal:
                    return SymbolEqualityComparer.Default.Equals(leftLocal.Local, rightLocal.Local);
                case IParameterReferenceOperation leftParameter when right is IParameterReferenceOperation rightParameter:
                    return SymbolEqualityComparer.Default.Equals(leftParameter.Parameter, rightParameter.Parameter);
                case IInstanceReferenceOperation leftInstance when right is IInstanceReferenceOperation rightInstance:
                    return leftInstance.ReferenceKind == rightInstance.ReferenceKind;
                default:
                    return comparison == StorageComparison.AsWritten && SameConstant(left, right);
            }
        }

        /// <summary>
        /// The variable an operation's storage belongs to (through implicit conversions): a field, local or parameter, or
        /// the variable holding an element's array; null for anything else.
        /// </summary>
        public static ISymbol? VariableOf(IOperation operation) => operation.WalkDownImplicitConversions() switch
        {
            IFieldReferenceOperation field => field.Field,
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IArrayElementReferenceOperation element => VariableOf(element.ArrayReference),
            _ => null,
        };

        /// <summary>"Written by": whether evaluating <paramref name="operand"/> writes (or may write) the variable (field, local, parameter, array) that <paramref name="target"/> designates.</summary>
        public static bool IsWrittenIn(IOperation target, IOperation operand)
        {
            var variable = VariableOf(target);
            foreach (var descendant in operand.DescendantsAndSelf())
            {
                IOperation? written = descendant switch
                {
                    IIncrementOrDecrementOperation increment => increment.Target,
                    IAssignmentOperation assignment => assignment.Target,
                    IArgumentOperation { Parameter: { RefKind: not RefKind.None and not RefKind.In } } argument => argument.Value,
                    _ => null,
                };

                if (written is not null && (variable is null || written.DescendantsAndSelf().Any(w => SymbolEqualityComparer.Default.Equals(VariableOf(w), variable))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// "Read by": whether evaluating <paramref name="operand"/> reads the variable (field, local, parameter, array) that
        /// <paramref name="target"/> designates: <c>x += x</c> reads <c>x</c> apart from the atomic operation.
        /// </summary>
        public static bool IsReadIn(IOperation target, IOperation operand)
        {
            var variable = VariableOf(target);
            return variable is not null && operand.DescendantsAndSelf().Any(d =>
                d is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IArrayElementReferenceOperation &&
                !d.IsInsideNameOf() &&
                SymbolEqualityComparer.Default.Equals(VariableOf(d), variable));
        }

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
        private static IOperation? WalkDown(IOperation? operation, StorageComparison comparison)
            => comparison == StorageComparison.AsWritten ? operation.WalkDownConversions() : operation?.WalkDownImplicitConversions();

        /// <summary>The receivers of the same instance field: both absent, or the same storage.</summary>
        private static bool SameReceiver(IOperation? left, IOperation? right, StorageComparison comparison)
        {
            if (comparison == StorageComparison.Stable && (left is null || right is null))
            {
                return left is null && right is null;
            }

            return SameStorage(left, right, comparison);
        }

        private static bool SameElement(IArrayElementReferenceOperation left, IArrayElementReferenceOperation right, StorageComparison comparison)
        {
            if (left.Indices.Length != right.Indices.Length || !SameStorage(left.ArrayReference, right.ArrayReference, comparison))
            {
                return false;
            }

            for (var i = 0; i < left.Indices.Length; i++)
            {
                if (!SameIndex(left.Indices[i], right.Indices[i], comparison))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameIndex(IOperation left, IOperation right, StorageComparison comparison)
        {
            if (comparison == StorageComparison.AsWritten)
            {
                return SameStorage(left, right, comparison);
            }

            left = left.WalkDownImplicitConversions();
            right = right.WalkDownImplicitConversions();
            if (left.ConstantValue.HasValue && right.ConstantValue.HasValue)
            {
                return Equals(left.ConstantValue.Value, right.ConstantValue.Value);
            }

            return left is ILocalReferenceOperation or IParameterReferenceOperation && SameStorage(left, right, comparison);
        }

        private static bool SameConstant(IOperation left, IOperation right)
            => left.ConstantValue.HasValue && right.ConstantValue.HasValue && Equals(left.ConstantValue.Value, right.ConstantValue.Value);
    }
}
