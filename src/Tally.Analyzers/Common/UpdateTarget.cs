using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>What an update writes to.</summary>
    internal enum TargetKind
    {
        /// <summary>A field (<c>_count++</c>, <c>s_point.X++</c> on a static struct field).</summary>
        Field,

        /// <summary>An auto-property (<c>Count++</c>, <c>stats.Sent += n</c>).</summary>
        Property,

        /// <summary>An element of an array held by a field or a local (<c>_hits[i]++</c>).</summary>
        ArrayElement,

        /// <summary>A local or parameter, shared only when captured by code that runs concurrently.</summary>
        Local,
    }

    /// <summary>
    /// A non-atomic read-modify-write (<c>x++</c>, <c>x += n</c>, <c>x = x + n</c>) and the storage it updates.
    /// </summary>
    internal sealed class UpdateTarget
    {
        private UpdateTarget(IOperation update, IOperation reference, ISymbol symbol, ISymbol storage, TargetKind kind, IOperation? receiver)
        {
            Update = update;
            Reference = reference;
            Symbol = symbol;
            Storage = storage;
            Kind = kind;
            Receiver = receiver;
        }

        /// <summary>The whole update expression: the diagnostic's location.</summary>
        public IOperation Update { get; }

        /// <summary>The reference that is read and written.</summary>
        public IOperation Reference { get; }

        /// <summary>The field, property, local or parameter written (for an array element: the element's array holder).</summary>
        public ISymbol Symbol { get; }

        /// <summary>
        /// The storage whose sharing decides: <see cref="Symbol"/>, or for a field of a struct reached through another field,
        /// local or array, that outer holder (<c>s_point.X++</c> is shared when <c>s_point</c> is).
        /// </summary>
        public ISymbol Storage { get; }

        public TargetKind Kind { get; }

        /// <summary>The instance whose field or property is updated, for instance members of classes.</summary>
        public IOperation? Receiver { get; }

        /// <summary>Whether the storage is a static field or property.</summary>
        public bool IsStatic => Storage is IFieldSymbol { IsStatic: true } || Storage is IPropertySymbol { IsStatic: true };

        /// <summary>Recognises an update operation; <c>null</c> when <paramref name="operation"/> is not a non-atomic update of interest.</summary>
        public static UpdateTarget? TryCreate(IOperation operation)
        {
            IOperation? reference;
            switch (operation)
            {
                case IIncrementOrDecrementOperation increment:
                    reference = increment.Target;
                    break;
                case ICompoundAssignmentOperation compound:
                    reference = compound.Target;
                    break;
                case ISimpleAssignmentOperation assignment when !assignment.IsRef:
                    reference = assignment.Target;
                    if (reference == null || !ReadsTarget(reference, assignment.Value))
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            if (reference == null || !IsUpdatableType(reference.Type))
            {
                return null;
            }

            return Resolve(operation, reference, reference, depth: 0);
        }

        /// <summary>Whether a value of <paramref name="type"/> is a number, an enum or a delegate.</summary>
        public static bool IsUpdatableType(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            switch (type.TypeKind)
            {
                case TypeKind.Enum:
                case TypeKind.Delegate:
                    return true;
                case TypeKind.Struct:
                    switch (type.SpecialType)
                    {
                        case SpecialType.System_SByte:
                        case SpecialType.System_Byte:
                        case SpecialType.System_Int16:
                        case SpecialType.System_UInt16:
                        case SpecialType.System_Int32:
                        case SpecialType.System_UInt32:
                        case SpecialType.System_Int64:
                        case SpecialType.System_UInt64:
                        case SpecialType.System_IntPtr:
                        case SpecialType.System_UIntPtr:
                        case SpecialType.System_Single:
                        case SpecialType.System_Double:
                        case SpecialType.System_Decimal:
                        case SpecialType.System_Char:
                            return true;
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>Whether two operations denote the same storage (same field, same receiver; same array and index...).</summary>
        public static bool SameReference(IOperation? left, IOperation? right)
        {
            left = left.WalkDownConversions();
            right = right.WalkDownConversions();
            if (left == null || right == null)
            {
                return left == null && right == null;
            }

            switch (left)
            {
                case IFieldReferenceOperation leftField when right is IFieldReferenceOperation rightField:
                    return SymbolEqualityComparer.Default.Equals(leftField.Field, rightField.Field)
                        && (leftField.Field.IsStatic || SameReference(leftField.Instance, rightField.Instance));
                case IPropertyReferenceOperation leftProperty when right is IPropertyReferenceOperation rightProperty:
                    return SymbolEqualityComparer.Default.Equals(leftProperty.Property, rightProperty.Property)
                        && leftProperty.Arguments.Length == 0 && rightProperty.Arguments.Length == 0
                        && (leftProperty.Property.IsStatic || SameReference(leftProperty.Instance, rightProperty.Instance));
                case IArrayElementReferenceOperation leftElement when right is IArrayElementReferenceOperation rightElement:
                    if (leftElement.Indices.Length != rightElement.Indices.Length || !SameReference(leftElement.ArrayReference, rightElement.ArrayReference))
                    {
                        return false;
                    }

                    for (var i = 0; i < leftElement.Indices.Length; i++)
                    {
                        if (!SameReference(leftElement.Indices[i], rightElement.Indices[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                case ILocalReferenceOperation leftLocal when right is ILocalReferenceOperation rightLocal:
                    return SymbolEqualityComparer.Default.Equals(leftLocal.Local, rightLocal.Local);
                case IParameterReferenceOperation leftParameter when right is IParameterReferenceOperation rightParameter:
                    return SymbolEqualityComparer.Default.Equals(leftParameter.Parameter, rightParameter.Parameter);
                case IInstanceReferenceOperation leftInstance when right is IInstanceReferenceOperation rightInstance:
                    return leftInstance.ReferenceKind == rightInstance.ReferenceKind;
                default:
                    return left.ConstantValue.HasValue && right.ConstantValue.HasValue
                        && Equals(left.ConstantValue.Value, right.ConstantValue.Value);
            }
        }

        /// <summary>A short display of the update target for messages (<c>_count</c>, <c>stats.Sent</c>, <c>_hits[i]</c>).</summary>
        public string DisplayName
        {
            get
            {
                var text = Reference.Syntax.ToString();
                return text.Length <= 60 ? text : Symbol.Name;
            }
        }

        /// <summary>A short display of the update (<c>_count++</c>, <c>total += n</c>) for messages.</summary>
        public string UpdateText
        {
            get
            {
                var text = Update.Syntax.ToString();
                if (text.Length <= 60 && text.IndexOf('\n') < 0)
                {
                    return text;
                }

                return Update switch
                {
                    IIncrementOrDecrementOperation inc => inc.Kind == OperationKind.Increment ? "++" : "--",
                    _ when Update.Syntax is AssignmentExpressionSyntax assignment => assignment.OperatorToken.Text,
                    _ => "=",
                };
            }
        }

        private static bool ReadsTarget(IOperation target, IOperation value)
        {
            var stripped = value.WalkDownConversions();
            for (var depth = 0; depth < 8 && stripped is IBinaryOperation binary; depth++)
            {
                if (SameReference(target, binary.RightOperand))
                {
                    return true;
                }

                var left = binary.LeftOperand.WalkDownConversions();
                if (SameReference(target, left))
                {
                    return true;
                }

                stripped = left;
            }

            return false;
        }

        private static UpdateTarget? Resolve(IOperation update, IOperation reference, IOperation current, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            switch (current.WalkDownConversions())
            {
                case IFieldReferenceOperation fieldReference:
                {
                    var field = fieldReference.Field;
                    if (field == null || field.IsConst || field.Type is IErrorTypeSymbol)
                    {
                        return null;
                    }

                    if (!field.IsStatic && field.ContainingType?.IsValueType == true)
                    {
                        return ResolveThroughStruct(update, reference, fieldReference.Instance, field, depth);
                    }

                    return new UpdateTarget(update, reference, field, field, TargetKind.Field, field.IsStatic ? null : fieldReference.Instance);
                }

                case IPropertyReferenceOperation propertyReference:
                {
                    var property = propertyReference.Property;
                    if (property == null || propertyReference.Arguments.Length != 0 || !property.IsAutoProperty())
                    {
                        return null;
                    }

                    if (!property.IsStatic && property.ContainingType?.IsValueType == true)
                    {
                        return ResolveThroughStruct(update, reference, propertyReference.Instance, property, depth);
                    }

                    return new UpdateTarget(update, reference, property, property, TargetKind.Property, property.IsStatic ? null : propertyReference.Instance);
                }

                case IArrayElementReferenceOperation element when depth == 0:
                {
                    var holder = Resolve(update, reference, element.ArrayReference, depth + 1);
                    return holder == null
                        ? null
                        : new UpdateTarget(update, reference, holder.Symbol, holder.Storage, holder.Kind == TargetKind.Local ? TargetKind.Local : TargetKind.ArrayElement, holder.Receiver);
                }

                case ILocalReferenceOperation localReference:
                    return localReference.Local == null || localReference.Local.IsRef
                        ? null
                        : new UpdateTarget(update, reference, localReference.Local, localReference.Local, TargetKind.Local, null);

                case IParameterReferenceOperation parameterReference:
                    return parameterReference.Parameter == null || parameterReference.Parameter.RefKind != RefKind.None
                        ? null
                        : new UpdateTarget(update, reference, parameterReference.Parameter, parameterReference.Parameter, TargetKind.Local, null);

                default:
                    return null;
            }
        }

        private static UpdateTarget? ResolveThroughStruct(IOperation update, IOperation reference, IOperation? instance, ISymbol member, int depth)
        {
            // A struct's field is shared only when the struct's storage is: through 'this' (or a copy) it is not.
            var holder = instance is null or IInstanceReferenceOperation ? null : Resolve(update, reference, instance, depth + 1);
            if (holder == null || holder.Kind == TargetKind.ArrayElement)
            {
                return null;
            }

            var kind = holder.Kind == TargetKind.Local ? TargetKind.Local : (member is IPropertySymbol ? TargetKind.Property : TargetKind.Field);
            return new UpdateTarget(update, reference, member, holder.Storage, kind, holder.Receiver);
        }
    }
}
