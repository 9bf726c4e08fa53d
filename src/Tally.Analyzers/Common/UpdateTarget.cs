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
    /// A non-atomic read-modify-write (<c>x++</c>, <c>x += n</c>, <c>x = x + n</c>, <c>x = Math.Max(x, v)</c>,
    /// <c>if (v &gt; x) x = v;</c>) and the storage it updates, also through a <c>ref</c> local or a trivial property.
    /// </summary>
    internal sealed partial class UpdateTarget
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
                    if (reference == null || !(ReadsTarget(reference, assignment.Value) || IsCompareThenAssign(assignment)))
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            if (reference == null || !(IsUpdatableType(reference.Type) || IsLogicalUpdateOfBool(operation, reference)))
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

        /// <summary>
        /// Whether <paramref name="operation"/> is a logical update of a <c>bool</c>: <c>b &amp;= x</c>, <c>b |= x</c>, <c>b ^= x</c>,
        /// or <c>b = b &amp; x</c> (also <c>|</c>, <c>^</c>, <c>&amp;&amp;</c>, <c>||</c>) with <c>b</c> an operand of the outermost
        /// operator. A bool is updatable only this way: <c>if (!b) b = true;</c> and <c>b = !b</c> stay plain writes.
        /// </summary>
        private static bool IsLogicalUpdateOfBool(IOperation operation, IOperation reference)
        {
            if (reference.Type?.SpecialType != SpecialType.System_Boolean)
            {
                return false;
            }

            switch (operation)
            {
                case ICompoundAssignmentOperation compound:
                    return compound.OperatorKind is BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr;
                case ISimpleAssignmentOperation assignment:
                    return assignment.Value.WalkDownConversions() is IBinaryOperation
                    {
                        OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr
                            or BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr,
                    } binary
                        && (StorageReference.SameStorage(reference, binary.LeftOperand.WalkDownConversions(), StorageComparison.AsWritten)
                            || StorageReference.SameStorage(reference, binary.RightOperand.WalkDownConversions(), StorageComparison.AsWritten));
                default:
                    return false;
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

        /// <summary>
        /// Whether the assigned value reads the target: as an operand of a chain of binary operations
        /// (<c>x = x * 2 + 1</c>), or as an argument of a <c>System.Math</c> call (<c>x = Math.Max(x, v)</c>).
        /// </summary>
        private static bool ReadsTarget(IOperation target, IOperation value)
        {
            var stripped = value.WalkDownConversions();
            if (IsMathCallOn(target, stripped) || IsConditionalUpdateOf(target, stripped))
            {
                return true;
            }

            for (var depth = 0; depth < 8 && stripped is IBinaryOperation binary; depth++)
            {
                if (StorageReference.SameStorage(target, binary.RightOperand, StorageComparison.AsWritten) || IsMathCallOn(target, binary.RightOperand.WalkDownConversions()))
                {
                    return true;
                }

                var left = binary.LeftOperand.WalkDownConversions();
                if (StorageReference.SameStorage(target, left, StorageComparison.AsWritten) || IsMathCallOn(target, left))
                {
                    return true;
                }

                stripped = left;
            }

            return false;
        }

        private static UpdateTarget? Resolve(IOperation update, IOperation reference, IOperation current, int depth)
        {
            if (depth > 4 || !StorageReference.TryCreate(current.WalkDownConversions(), out var storage))
            {
                return null;
            }

            switch (storage.Kind)
            {
                case StorageKind.Field:
                    var field = (IFieldSymbol)storage.Symbol!;
                    if (field.IsConst || field.Type is IErrorTypeSymbol)
                    {
                        return null;
                    }

                    return !field.IsStatic && field.ContainingType?.IsValueType == true
                        ? ResolveThroughStruct(update, reference, storage.Receiver, field, depth)
                        : new UpdateTarget(update, reference, field, field, TargetKind.Field, field.IsStatic ? null : storage.Receiver);

                case StorageKind.Property:
                    var property = (IPropertySymbol)storage.Symbol!;
                    if (!property.IsAutoProperty())
                    {
                        return ResolveTrivialProperty(update, reference, property, storage.Receiver);
                    }

                    return !property.IsStatic && property.ContainingType?.IsValueType == true
                        ? ResolveThroughStruct(update, reference, storage.Receiver, property, depth)
                        : new UpdateTarget(update, reference, property, property, TargetKind.Property, property.IsStatic ? null : storage.Receiver);

                case StorageKind.ArrayElement when depth == 0:
                    var holder = Resolve(update, reference, storage.Receiver!, depth + 1);
                    return holder == null
                        ? null
                        : new UpdateTarget(update, reference, holder.Symbol, holder.Storage, holder.Kind == TargetKind.Local ? TargetKind.Local : TargetKind.ArrayElement, holder.Receiver);

                case StorageKind.Local:
                    return ((ILocalSymbol)storage.Symbol!).IsRef
                        ? ResolveRefLocal(update, reference, current, (ILocalSymbol)storage.Symbol!, depth)
                        : new UpdateTarget(update, reference, storage.Symbol!, storage.Symbol!, TargetKind.Local, null);

                case StorageKind.Parameter:
                    return ((IParameterSymbol)storage.Symbol!).RefKind != RefKind.None ? null : new UpdateTarget(update, reference, storage.Symbol!, storage.Symbol!, TargetKind.Local, null);

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
