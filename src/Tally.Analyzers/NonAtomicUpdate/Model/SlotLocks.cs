using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A lock per slot: <c>lock (_gates[i]) _totals[i] += x;</c>, the element of one array updated under the element of
    /// another chosen by the same index. A lock on an element is per key (it excludes nobody in general), but two updates
    /// of one slot of <c>_totals</c> made this way always hold the same gate, when the index is the same unchanging local
    /// or parameter on both sides and the gates are fixed: a private read-only array field whose elements are written only
    /// in the field's initialiser or the type's constructors. Such a write is summarised with an exclusive lock keyed by
    /// the gate array (<see cref="KeyPrefix"/>), which only other writes locked the same way share.
    /// </summary>
    internal static class SlotLocks
    {
        /// <summary>The prefix of the lock key a slot-locked write holds (the gate array's key follows).</summary>
        public const string KeyPrefix = "slots-of:";

        /// <summary>
        /// The gate array (its field) when <paramref name="update"/> writes <c>a[i]</c> inside <c>lock (b[i])</c> held at
        /// <paramref name="held"/> and the pair is a lock per slot (see the type's summary); <c>null</c> otherwise.
        /// </summary>
        public static IFieldSymbol? GateOf(IOperation update, HeldLock held, CancellationToken cancellationToken)
        {
            var target = TargetOf(update);
            if (!held.IsPerKey || held.Syntax is not LockStatementSyntax
                || target.WalkDownConversions() is not IArrayElementReferenceOperation { Indices.Length: 1 } slot
                || slot.ArrayReference.WalkDownConversions() is not IFieldReferenceOperation slots
                || LockAround(update, held.Syntax) is not { } lockOperation
                || lockOperation.LockedValue.WalkDownConversions() is not IArrayElementReferenceOperation { Indices.Length: 1 } gate
                || gate.ArrayReference.WalkDownConversions() is not IFieldReferenceOperation { Field: { IsReadOnly: true, DeclaredAccessibility: Accessibility.Private } gates } gatesReference
                || !SameHolder(slots, gatesReference)
                || !SameFixedIndex(slot.Indices[0], gate.Indices[0], cancellationToken)
                || !ElementsFixed(gates, cancellationToken))
            {
                return null;
            }

            return gates;
        }

        /// <summary>The storage an assignment or an increment writes; <c>null</c> for any other operation.</summary>
        internal static IOperation? TargetOf(IOperation update) => update switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation step => step.Target,
            _ => null,
        };

        /// <summary>The <c>lock</c> statement taken at <paramref name="lockSyntax"/> around the operation in its own function; <c>null</c> if a lambda or local function lies between.</summary>
        internal static ILockOperation? LockAround(IOperation operation, SyntaxNode lockSyntax)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }

                if (parent is ILockOperation lockOperation && lockOperation.Syntax == lockSyntax)
                {
                    return lockOperation;
                }
            }

            return null;
        }

        /// <summary>Both arrays are static fields, or both are fields of <c>this</c>: one object's gates guard its own slots.</summary>
        private static bool SameHolder(IFieldReferenceOperation slots, IFieldReferenceOperation gates)
            => slots.Field.IsStatic
                ? gates.Field.IsStatic
                : !gates.Field.IsStatic && slots.Instance.WalkDownConversions() is IInstanceReferenceOperation && gates.Instance.WalkDownConversions() is IInstanceReferenceOperation;

        /// <summary>Whether both indices are the same unchanging by-value parameter or local, read through the same conversions.</summary>
        private static bool SameFixedIndex(IOperation slotIndex, IOperation gateIndex, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(slotIndex.Type, gateIndex.Type))
            {
                return false;
            }

            return SameUnchangingVariable(slotIndex.WalkDownConversions(), gateIndex.WalkDownConversions(), cancellationToken) != null;
        }

        /// <summary>
        /// The by-value parameter or local both operations read, when it is one and the member around them never assigns
        /// a variable of its name after its declaration (the whole member: a local captured by a lambda may be written by
        /// the code around it); <c>null</c> otherwise.
        /// </summary>
        internal static ISymbol? SameUnchangingVariable(IOperation? first, IOperation? second, CancellationToken cancellationToken)
        {
            var variable = VariableOf(first);
            if (variable == null || first == null || !SymbolEqualityComparer.Default.Equals(variable, VariableOf(second))
                || variable is IParameterSymbol { RefKind: not RefKind.None } || variable is ILocalSymbol { IsRef: true })
            {
                return null;
            }

            SyntaxNode? member = null;
            foreach (var ancestor in first.Syntax.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax)
                {
                    member = ancestor;
                    break;
                }
            }

            if (member == null)
            {
                return null;
            }

            foreach (var node in member.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == variable.Name && IsWritten(identifier))
                {
                    return null; // Any write of a variable of that name: not followed further.
                }
            }

            return variable;
        }

        private static ISymbol? VariableOf(IOperation? operation) => operation switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        /// <summary>Whether the gates' elements are written only in the field's initialiser or the type's constructors.</summary>
        private static bool ElementsFixed(IFieldSymbol gates, CancellationToken cancellationToken)
        {
            foreach (var reference in gates.ContainingType.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax type || IsPartial(type))
                {
                    return false; // Other parts may write the gates; this tree's summary cannot see them.
                }

                foreach (var node in type.DescendantNodes())
                {
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == gates.Name
                        && !ConstructionSyntax.IsDuringConstruction(identifier, gates.IsStatic) && !OnlyElementRead(identifier))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsPartial(TypeDeclarationSyntax type)
        {
            for (SyntaxNode? current = type; current != null; current = current.Parent)
            {
                if (current is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the mention only reads: an element it does not write (<c>gates[i]</c>, <c>this.gates[i]</c>), the length, or
        /// the elements of a <c>foreach</c> that is not by reference.
        /// </summary>
        private static bool OnlyElementRead(IdentifierNameSyntax identifier)
        {
            SyntaxNode mention = identifier;
            if (mention.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
            {
                mention = access;
            }

            return (mention.Parent is ElementAccessExpressionSyntax element && element.Expression == mention && !IsWritten(element))
                || (mention.Parent is MemberAccessExpressionSyntax length && length.Expression == mention && length.Name.Identifier.ValueText is "Length" or "LongLength")
                || (mention.Parent is ForEachStatementSyntax loop && loop.Expression == mention && loop.Type is not RefTypeSyntax);
        }

        /// <summary>Whether an expression is the target of an assignment, an increment or decrement, or a ref/out argument.</summary>
        private static bool IsWritten(ExpressionSyntax expression)
        {
            SyntaxNode node = expression;
            while (node.Parent is ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            return node.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == node,
                PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
                PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
                ArgumentSyntax argument => argument.Parent is TupleExpressionSyntax
                    || (!argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword)),
                RefExpressionSyntax => true,
                _ => false,
            };
        }
    }
}
