using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.Common
{
    /// <summary>
    /// A lock on an object a call looks up by a key it was given (<c>lock (_locks.GetOrAdd(key, ...))</c>,
    /// <c>lock (_stripes[hash % n])</c>, or a local holding such a lookup's result): one lock per key. Callers with
    /// different keys hold different locks at once, so state of the instance outside the key's own object is not guarded
    /// by it (see <see cref="HeldLock.IsPerKey"/> for the model's lock sets, where any per-call object excludes nothing).
    /// </summary>
    internal static partial class LockFinder
    {
        private const int MaxKeyDepth = 4;

        /// <summary>
        /// The innermost <c>lock</c> statement around <paramref name="operation"/> in its own function whose object is
        /// looked up per key (see <see cref="KeyedLookup"/>): the lock, the lock object's text and the collection's name.
        /// </summary>
        public static (ILockOperation Lock, string LockObject, string Collection)? KeyedLockAround(IOperation operation)
        {
            var child = operation;
            for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return null; // Its body runs later, under whatever lock its caller holds.
                }

                if (parent is ILockOperation lockOperation && lockOperation.Body == child
                    && IsPerKey(lockOperation.LockedValue) && KeyedLookup(lockOperation.LockedValue, BodyOf(lockOperation)) is { } collection)
                {
                    return (lockOperation, lockOperation.LockedValue.Syntax.ToString(), collection.Name);
                }
            }

            return null;
        }

        /// <summary>
        /// The collection a lock object is looked up in by a key that differs between calls, when it is: an indexer or
        /// array element of a field or property of <c>this</c> (or a static one), <c>GetOrAdd</c>, <c>TryGetValue</c> or
        /// <c>GetValueOrDefault</c> on one; or a local every assignment of which is such a lookup or a new object (with at
        /// least one lookup). A key differs between calls when it reads a parameter, or a local assigned from one (see
        /// <see cref="VariesPerCall"/>); a constant, a field, <c>this</c> do not. <c>null</c> otherwise.
        /// </summary>
        private static ISymbol? KeyedLookup(IOperation value, IOperation body, bool helpers = true)
        {
            var stripped = value.WalkDownConversions();
            if (stripped is ILocalReferenceOperation local)
            {
                return KeyedLocal(local.Local, body, helpers);
            }

            return Lookup(stripped, body, helpers);
        }

        private static ISymbol? KeyedLocal(ILocalSymbol local, IOperation body, bool helpers = true)
        {
            ISymbol? collection = null;
            foreach (var assignment in Assignments(local, body))
            {
                switch (assignment is IArgumentOperation ? assignment : assignment.WalkDownConversions())
                {
                    case IObjectCreationOperation:
                        continue; // A new object: one per call, still not one lock.
                    case IArgumentOperation argument when argument.Parent is IInvocationOperation { TargetMethod.Name: "TryGetValue" } call
                        && Collection(call.Instance) is { } found && KeyArgumentVaries(call, argument, body):
                        collection ??= found;
                        continue;
                    case IArgumentOperation:
                        return null;
                    case var value:
                        var looked = Lookup(value, body, helpers);
                        if (looked == null)
                        {
                            return null;
                        }

                        collection ??= looked;
                        continue;
                }
            }

            return collection;
        }

        /// <summary>A per-key lookup expression's collection (<c>_locks[key]</c>, <c>_locks.GetOrAdd(key, ...)</c>); <c>null</c> otherwise.</summary>
        private static ISymbol? Lookup(IOperation? value, IOperation body, bool helpers = true)
        {
            switch (value)
            {
                case IArrayElementReferenceOperation element when Collection(element.ArrayReference) is { } array:
                    foreach (var index in element.Indices)
                    {
                        if (VariesPerCall(index, body, 0))
                        {
                            return array;
                        }
                    }

                    return null;
                case IPropertyReferenceOperation { Arguments.Length: > 0 } indexer when Collection(indexer.Instance) is { } indexed:
                    return VariesPerCall(indexer.Arguments[0].Value, body, 0) ? indexed : null;
                case IInvocationOperation call when helpers && StripeHelperCollection(call, body) is { } striped:
                    return striped;
                case IInvocationOperation call when call.TargetMethod.Name is "GetOrAdd" or "GetValueOrDefault":
                    var receiver = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    var keyAt = call.Instance != null ? 0 : 1;
                    return Collection(receiver) is { } found && call.Arguments.Length > keyAt && VariesPerCall(call.Arguments[keyAt].Value, body, 0) ? found : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Lock striping through a helper: a call, with an argument that varies per call, of a non-virtual method of the
        /// same type (on <c>this</c>, or static) declared in the same file, every value of which it returns is a per-key
        /// lookup in its own body (<c>return _stripes[Hash(key) % n];</c>, or a local holding such an element). The
        /// helper's collection; <c>null</c> otherwise, and for a helper that itself calls a helper for its result.
        /// </summary>
        private static ISymbol? StripeHelperCollection(IInvocationOperation call, IOperation body)
        {
            var method = call.TargetMethod;
            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtensionMethod || method.ReturnsVoid
                || !method.ReturnType.IsReferenceType || call.SemanticModel == null
                || (call.Instance != null && call.Instance.WalkDownConversions() is not IInstanceReferenceOperation)
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, ContainingTypeOf(call)?.OriginalDefinition)
                || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var varies = false;
            foreach (var argument in call.Arguments)
            {
                varies |= argument.Parameter?.RefKind == RefKind.None && VariesPerCall(argument.Value, body, 0);
            }

            var reference = method.DeclaringSyntaxReferences[0];
            if (!varies || reference.SyntaxTree != call.SemanticModel.SyntaxTree
                || call.SemanticModel.GetOperation(reference.GetSyntax()) is not { } helper)
            {
                return null;
            }

            ISymbol? collection = null;
            foreach (var operation in helper.Descendants())
            {
                if (operation is not IReturnOperation { ReturnedValue: { } returned })
                {
                    continue;
                }

                var found = returned.WalkDownConversions() is IInvocationOperation ? null : KeyedLookup(returned, helper, helpers: false);
                if (found == null)
                {
                    return null;
                }

                collection ??= found;
            }

            return collection;
        }

        private static INamedTypeSymbol? ContainingTypeOf(IInvocationOperation call)
            => call.SemanticModel?.GetEnclosingSymbol(call.Syntax.SpanStart)?.ContainingType;

        /// <summary>Whether a <c>TryGetValue(key, out x)</c> call's key (its arguments other than <paramref name="result"/>) varies per call.</summary>
        private static bool KeyArgumentVaries(IInvocationOperation call, IArgumentOperation result, IOperation body, int depth = 0)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument != result && argument.Parameter?.RefKind != RefKind.Out && VariesPerCall(argument.Value, body, depth))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A field or argument-less property of <c>this</c>, or a static one: a collection of the instance (or of all).</summary>
        internal static ISymbol? Collection(IOperation? receiver)
        {
            switch (receiver.WalkDownConversions())
            {
                case IFieldReferenceOperation field when field.Field.IsStatic || field.Instance.WalkDownConversions() is IInstanceReferenceOperation:
                    return field.Field;
                case IPropertyReferenceOperation { Arguments.Length: 0 } property when property.Property.IsStatic || property.Instance.WalkDownConversions() is IInstanceReferenceOperation:
                    return property.Property;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether <paramref name="key"/> may differ between two calls: it reads a parameter, a foreach variable, or a
        /// local assigned (also as an <c>out</c> argument of a call) from something that does. Constants, fields,
        /// properties and <c>this</c> alone do not: a lookup by them finds one object for every caller on the instance.
        /// </summary>
        private static bool VariesPerCall(IOperation key, IOperation body, int depth)
        {
            if (key.ConstantValue.HasValue || depth > MaxKeyDepth)
            {
                return false;
            }

            foreach (var part in Self(key))
            {
                switch (part)
                {
                    case IParameterReferenceOperation:
                        return true;
                    case ILocalReferenceOperation local when LocalVaries(local.Local, body, depth + 1):
                        return true;
                }
            }

            return false;
        }

        private static bool LocalVaries(ILocalSymbol local, IOperation body, int depth)
        {
            foreach (var assignment in Assignments(local, body))
            {
                if (assignment is IForEachLoopOperation)
                {
                    return true; // Each iteration its own key.
                }

                if (assignment is IArgumentOperation { Parent: IInvocationOperation call } argument)
                {
                    // An out argument: the call's receiver and other arguments decide what it gives back.
                    if ((call.Instance != null && VariesPerCall(call.Instance, body, depth)) || KeyArgumentVaries(call, argument, body, depth))
                    {
                        return true;
                    }
                }
                else if (VariesPerCall(assignment, body, depth))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Where <paramref name="local"/> gets its values in <paramref name="body"/>: an initializer's or assignment's
        /// value, the <c>out</c>/<c>ref</c> argument it is passed as, the foreach loop declaring it. Any other write
        /// (a deconstruction, a pattern, a compound assignment) yields the writing operation itself: never a lookup for a
        /// lock object, and a key that varies when it reads something that does.
        /// </summary>
        private static IEnumerable<IOperation> Assignments(ILocalSymbol local, IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        yield return initializer.Value;
                        break;
                    case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, local):
                        yield return assignment.Value;
                        break;
                    case IArgumentOperation argument when argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref && IsLocal(argument.Value, local):
                        yield return argument;
                        break;
                    case IForEachLoopOperation loop when loop.Locals.Contains(local):
                        yield return loop;
                        break;
                    case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local):
                        yield return pattern;
                        break;
                    case IDeconstructionAssignmentOperation deconstruction when Mentions(deconstruction.Target, local):
                    case ICompoundAssignmentOperation compound when IsLocal(compound.Target, local):
                    case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, local):
                        yield return operation;
                        break;
                }
            }
        }

        private static bool IsLocal(IOperation? operation, ILocalSymbol local)
        {
            var stripped = operation.WalkDownConversions();
            if (stripped is IDeclarationExpressionOperation declaration)
            {
                stripped = declaration.Expression;
            }

            return stripped is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        private static bool Mentions(IOperation operation, ILocalSymbol local)
        {
            foreach (var part in Self(operation))
            {
                if (part is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<IOperation> Self(IOperation operation)
        {
            yield return operation;
            foreach (var descendant in operation.Descendants())
            {
                yield return descendant;
            }
        }

        /// <summary>The body of the function holding <paramref name="operation"/> (a lambda's or local function's own body).</summary>
        private static IOperation BodyOf(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null && !(current.Parent is IAnonymousFunctionOperation || current.Parent is ILocalFunctionOperation))
            {
                current = current.Parent;
            }

            return current;
        }
    }
}
