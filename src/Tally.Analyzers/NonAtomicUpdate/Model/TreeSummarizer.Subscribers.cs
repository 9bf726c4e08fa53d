using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Subscriber lists: a field or auto-property of the compilation that holds delegates (<c>List&lt;Action&lt;T&gt;&gt;</c>,
    /// <c>HashSet&lt;...&gt;</c>, <c>ConcurrentBag&lt;...&gt;</c>, an array of delegates) is a delegate storage like a delegate
    /// field (TreeSummarizer.StoredDelegates.cs), with the same pseudo function (<see cref="DelegateFieldKeyPrefix"/>):
    /// <list type="bullet">
    /// <item>an add (<c>_subs.Add(d)</c>, <c>TryAdd</c>, <c>Insert</c>, <c>Push</c>, <c>Enqueue</c>, <c>AddFirst</c>,
    /// <c>AddLast</c>) of a delegate, or of a method's delegate parameter, is a call from the storage to it;</item>
    /// <item>an invocation of an element (<c>foreach (var s in _subs) s(x)</c>, also over <c>_subs.ToArray()</c> or a local
    /// copied from it, <c>_subs.ForEach(s =&gt; s(x))</c>, <c>_subs[i](x)</c>) is a call of the storage;</item>
    /// <item>a copy into another such storage (<c>_snapshot = _subs.ToArray();</c>) makes the copy call the original.</item>
    /// </list>
    /// A method whose delegate parameter is only stored that way (added to such a list that does not leak, <c>+=</c>'d to or
    /// assigned to a delegate field or event of the compilation, removed, looked up) gets the "stored only" marker the
    /// stored-callback rule gives a method that only passes the parameter on (TreeSummarizer.StoredCallbacks.cs): the code
    /// that hands it a delegate does not run it (ConcurrencyModel.StoredCallbacks.cs).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>The key of a delegate collection of the compilation that the operation reads or copies, if it does.</summary>
        private string? DelegateCollectionKey(IOperation? operation, int depth = 0)
        {
            operation = operation.WalkDownConversions();
            if (depth > 3 || operation == null)
            {
                return null;
            }

            switch (operation)
            {
                case IFieldReferenceOperation field:
                    return DelegateCollectionKey(field.Field);
                case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                    return DelegateCollectionKey(property.Property);
                case IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" or "ToImmutableArray" or "ToImmutableList" or "ToHashSet" or "AsEnumerable" or "Read" } invocation:
                    return DelegateCollectionKey(invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null), depth + 1);
                case IObjectCreationOperation { Arguments.Length: 1 } creation:
                    return DelegateCollectionKey(creation.Arguments[0].Value, depth + 1); // new List<Action<T>>(_subs)
                case ILocalReferenceOperation local when local.Local.DeclaringSyntaxReferences.Length == 1
                    && local.Local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is VariableDeclaratorSyntax declarator:
                    return declarator.Initializer?.Value is { } value
                        ? DelegateCollectionKey(_model.GetOperation(value, _cancellationToken), depth + 1)
                        : AssignedCollectionKey(local.Local, declarator, depth);
                default:
                    return null;
            }
        }

        /// <summary>
        /// For a local declared without a value (<c>Action&lt;T&gt;[] copy; lock (_gate) copy = _subs.ToArray();</c>): the
        /// collection every assignment of it in its function copies, if they all copy one.
        /// </summary>
        private string? AssignedCollectionKey(ILocalSymbol local, VariableDeclaratorSyntax declarator, int depth)
        {
            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(node => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
            string? found = null;
            foreach (var node in scope?.DescendantNodes() ?? System.Linq.Enumerable.Empty<SyntaxNode>())
            {
                if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { } left } assignment && left.Identifier.ValueText == local.Name)
                {
                    var key = assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                        ? DelegateCollectionKey(_model.GetOperation(assignment.Right, _cancellationToken), depth + 1)
                        : null;
                    if (key == null || (found != null && found != key))
                    {
                        return null;
                    }

                    found = key;
                }
            }

            return found;
        }

        /// <summary>The key of a field or auto-property declared in source whose type holds delegates (its elements are delegates).</summary>
        private string? DelegateCollectionKey(ISymbol storage)
        {
            var definition = storage.OriginalDefinition;
            var type = definition switch
            {
                IFieldSymbol { IsConst: false, AssociatedSymbol: null } field => field.Type,
                IPropertySymbol { IsIndexer: false, IsAbstract: false } property => property.Type,
                _ => null,
            };
            return type != null && ElementType(type)?.TypeKind == TypeKind.Delegate && definition.IsDeclaredInSource()
                && (definition is not IPropertySymbol auto || IsAutoDeclared(auto)) // TreeSummarizer.StoredDelegates.cs
                    ? Key(definition)
                    : null;
        }

        /// <summary>The element type of an array or of a type that implements <c>IEnumerable&lt;T&gt;</c>.</summary>
        private static ITypeSymbol? ElementType(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } enumerable)
            {
                return enumerable.TypeArguments[0];
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (contract.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return contract.TypeArguments[0];
                }
            }

            return null;
        }

        /// <summary>
        /// The key of the delegate collection a value is added to (<c>_subs.Add(value)</c> and the like: an argument of an
        /// adding method of the collection taken as its element type), if it is.
        /// </summary>
        private string? AddedToDelegateCollection(IOperation value)
        {
            var current = value;
            while (current.Parent is IDelegateCreationOperation or IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IArgumentOperation { Parameter.OriginalDefinition.Type: ITypeParameterSymbol, Parent: IInvocationOperation invocation }
                && invocation.TargetMethod.Name is "Add" or "TryAdd" or "Insert" or "Push" or "Enqueue" or "AddFirst" or "AddLast"
                && invocation.Instance != null
                    ? DelegateCollectionKey(invocation.Instance.WalkDownConversions() is IFieldReferenceOperation or IPropertyReferenceOperation ? invocation.Instance : null)
                    : null;
        }

        /// <summary><c>_subs.Add(OnData)</c> or <c>_subs.Add(x =&gt; ...)</c>: the list's pseudo function calls the delegate (its escape stays).</summary>
        private void AddedDelegate(string functionKey, IOperation delegateOperation)
        {
            if (AddedToDelegateCollection(delegateOperation) is { } key)
            {
                _summary.Calls.Add(new CallFact(DelegateFieldKeyPrefix + key, functionKey, null, escapes: false));
            }
        }

        /// <summary><c>_snapshot = _subs.ToArray();</c> between two delegate collections of the compilation: invoking the copy runs what the original holds.</summary>
        private void CopiedDelegateCollection(ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target.WalkDownConversions() is not (IFieldReferenceOperation or IPropertyReferenceOperation)
                || DelegateCollectionKey(assignment.Target) is not { } targetKey
                || DelegateCollectionKey(assignment.Value) is not { } sourceKey
                || sourceKey == targetKey)
            {
                return;
            }

            _summary.Calls.Add(new CallFact(DelegateFieldKeyPrefix + targetKey, DelegateFieldKeyPrefix + sourceKey, null, escapes: false));
        }

        /// <summary>
        /// The key of the delegate collection whose element a delegate invocation calls: the variable of a <c>foreach</c>
        /// over the collection (or a copy of it), the parameter of a lambda handed to its <c>ForEach</c>, or an element
        /// read by index.
        /// </summary>
        private string? InvokedElementOf(IOperation? invoked)
        {
            switch (invoked)
            {
                case ILocalReferenceOperation local when local.Local.DeclaringSyntaxReferences.Length == 1
                    && local.Local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is ForEachStatementSyntax loop:
                    return DelegateCollectionKey(_model.GetOperation(loop.Expression, _cancellationToken));
                case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda } parameter
                    when lambda.DeclaringSyntaxReferences.Length == 1 && lambda.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is { } syntax
                    && _model.GetOperation(syntax, _cancellationToken) is { } function:
                    var current = function;
                    while (current.Parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        current = current.Parent;
                    }

                    return current.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ForEach" } forEach } && parameter.Parameter.Ordinal == 0
                        ? DelegateCollectionKey(forEach.Instance ?? (forEach.Arguments.Length > 1 ? forEach.Arguments[0].Value : null))
                        : null;
                case IArrayElementReferenceOperation element:
                    return DelegateCollectionKey(element.ArrayReference);
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    return DelegateCollectionKey(indexer.Instance);
                default:
                    return null;
            }
        }
    }
}
