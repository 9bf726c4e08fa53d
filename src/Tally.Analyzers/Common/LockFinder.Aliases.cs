using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// A local that only aliases a lock field (<c>var gate = _gate; lock (gate)</c>) locks the field's object: it is
    /// the same lock as <c>lock (_gate)</c>, not an object chosen per call.
    /// </summary>
    internal static partial class LockFinder
    {
        /// <summary>
        /// The field (or trivial property) of <c>this</c>, or the static one, that the lock object <paramref name="value"/>
        /// aliases: a local (not a <c>ref</c> local) whose only write is its declaration's initializer reading that
        /// member, and which is otherwise only read. Anything else (a local assigned again, passed by <c>ref</c>/<c>out</c>,
        /// declared by a pattern or a loop, initialised from an element, a parameter or a call) is returned as it is.
        /// </summary>
        public static IOperation? UnaliasLockObject(IOperation? value)
        {
            if (!(value.WalkDownConversions() is ILocalReferenceOperation reference) || reference.Local.IsRef || reference.IsDeclaration)
            {
                return value;
            }

            IOperation? initializer = null;
            foreach (var operation in reference.Root().Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                        break;
                    case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, reference.Local) && other.MayWriteVariable():
                        return value;
                }
            }

            return initializer.WalkDownConversions() switch
            {
                IFieldReferenceOperation field when field.Field.IsStatic || field.Instance.WalkDownConversions() is IInstanceReferenceOperation => initializer,
                IPropertyReferenceOperation { Arguments.Length: 0 } property when property.Property.IsStatic || property.Instance.WalkDownConversions() is IInstanceReferenceOperation => initializer,
                _ => value,
            };
        }
    }
}
