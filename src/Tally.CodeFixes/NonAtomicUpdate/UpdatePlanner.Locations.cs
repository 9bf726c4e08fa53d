using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>What the planner knows about locations and operands: which can be passed by ref, which are the same variable, which may be evaluated twice.</summary>
    internal static partial class UpdatePlanner
    {
        /// <summary>
        /// A location that can be passed by <c>ref</c>: a writable field, an array element, a local or a by-value/ref parameter.
        /// <paramref name="isStable"/>: evaluating it again on each retry of a loop designates the same location without side effects.
        /// </summary>
        private static bool IsRefableLocation(IOperation target, KnownSymbols known, out bool isVolatile, out bool isStable)
        {
            isVolatile = false;
            isStable = false;
            switch (target)
            {
                case IFieldReferenceOperation field:
                    if (field.Field.IsReadOnly || field.Field.IsConst || field.Field.Type.IsRefLikeType)
                    {
                        return false;
                    }

                    // A field of a MarshalByRefObject passed by ref through another instance warns CS0197.
                    if (field.Instance is not null and not IInstanceReferenceOperation && KnownSymbols.IsOrDerivesFrom(field.Field.ContainingType, known.MarshalByRefObject))
                    {
                        return false;
                    }

                    isVolatile = field.Field.IsVolatile;
                    isStable = field.Instance is null || IsStableReceiver(field.Instance);
                    return true;

                case IArrayElementReferenceOperation element:
                    isStable = IsStableReceiver(element.ArrayReference) && element.Indices.All(IsStableReceiver);
                    return true;

                case ILocalReferenceOperation local:
                    isStable = true;
                    return local.Local.RefKind is RefKind.None or RefKind.Ref;

                case IParameterReferenceOperation parameter:
                    isStable = true;
                    return parameter.Parameter.RefKind is RefKind.None or RefKind.Ref;

                default:
                    return false;
            }
        }

        /// <summary>A constant, local or parameter (through implicit conversions): evaluating it has no effect and cannot throw.</summary>
        private static bool IsPlainValue(IOperation operand)
        {
            operand = operand.WalkDownImplicitConversions();
            return operand.ConstantValue.HasValue || operand is ILocalReferenceOperation or IParameterReferenceOperation;
        }

        /// <summary>Whether taking a reference to the location can throw: an array element, or a field of a receiver that may be null.</summary>
        private static bool MayThrowWhenReferenced(IOperation target)
        {
            target = target.WalkDownImplicitConversions();
            return target switch
            {
                IArrayElementReferenceOperation => true,
                IFieldReferenceOperation { Instance: null } => false,
                IFieldReferenceOperation { Instance: IInstanceReferenceOperation } => false,
                IFieldReferenceOperation { Instance: { Type.IsValueType: true } instance } => instance is not (IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation) || MayThrowWhenReferenced(instance),
                IFieldReferenceOperation => true,
                _ => false,
            };
        }

        private static bool IsStableReceiver(IOperation receiver)
        {
            receiver = receiver.WalkDownImplicitConversions();
            return receiver switch
            {
                IInstanceReferenceOperation => true,
                ILocalReferenceOperation local => local.Local.RefKind == RefKind.None,
                IParameterReferenceOperation parameter => parameter.Parameter.RefKind == RefKind.None,
                ILiteralOperation => true,
                _ => receiver.ConstantValue.HasValue,
            };
        }

        /// <summary>
        /// A value that may be evaluated again without changing anything: a constant, or a by-value local or parameter
        /// that is never written after its declaration in the enclosing member (so no other thread can change it either).
        /// </summary>
        internal static bool IsSimpleValue(SemanticModel model, IOperation value, CancellationToken cancellationToken)
        {
            value = value.WalkDownImplicitConversions();
            if (value.ConstantValue.HasValue)
            {
                return true;
            }

            ISymbol symbol;
            switch (value)
            {
                case ILocalReferenceOperation local when local.Local.RefKind == RefKind.None:
                    symbol = local.Local;
                    break;
                case IParameterReferenceOperation parameter when parameter.Parameter.RefKind == RefKind.None:
                    symbol = parameter.Parameter;
                    break;
                default:
                    return false;
            }

            var member = value.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (member is null)
            {
                return false;
            }

            // "Written" as the analyzer decides it (StorageReference.IsWrite): assignments, ++/--, ref/out arguments,
            // deconstruction, ref aliases, address-of. The name filter only saves binding the other identifiers.
            foreach (var identifier in member.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == symbol.Name
                    && model.GetOperation(identifier, cancellationToken) is { } reference
                    && SymbolEqualityComparer.Default.Equals(StorageReference.VariableOf(reference), symbol)
                    && StorageReference.IsWrite(reference))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
