using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Locals holding an element of a collection the object keeps (<see cref="ReceiverRoot.Element"/>):
    /// <c>if (!_byName.TryGetValue(name, out entry)) entry = new Entry(); entry.Count++;</c>. The element is reachable by
    /// every caller of the object as <c>this</c> is, so code running many at once updates objects every copy can reach.
    /// A local only ever assigned a new object or a call's result (a factory) stays <see cref="ReceiverRoot.Local"/>, and so
    /// does an element taken by a <c>for</c> loop's index or a <c>foreach</c> variable (a walk over every element).
    /// </summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>
        /// Whether some assignment of the local (of a reference type, declared in the writing function) takes an element
        /// of a collection field of <c>this</c> or a static: <c>TryGetValue</c>'s <c>out</c> argument, an indexer, or a
        /// fetch such as <c>GetOrAdd</c>, <c>First</c> or <c>Find</c> on the field.
        /// </summary>
        private bool IsSharedElement(ILocalSymbol local, FunctionBuilder function)
        {
            if (!local.Type.IsReferenceType || local.Type.SpecialType == SpecialType.System_String || local.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var declaration = local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
            if (declaration.SyntaxTree != _model.SyntaxTree)
            {
                return false;
            }

            if (declaration is VariableDeclaratorSyntax { Initializer.Value: { } initial } && IsFetchedElement(initial))
            {
                return true;
            }

            if (declaration is SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax outArgument } } && IsOutElement(outArgument))
            {
                return true;
            }

            var body = declaration;
            while (body.Parent != null && function.Span.Contains(body.Parent.Span))
            {
                body = body.Parent;
            }

            foreach (var node in body.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name
                    && ((identifier.Parent is ArgumentSyntax argument && IsOutElement(argument))
                        || (identifier.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                            && assignment.Left == identifier && IsFetchedElement(assignment.Right)))
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(identifier, _cancellationToken).Symbol, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>An <c>out</c> argument of <c>TryGetValue</c> called on a collection field.</summary>
        private bool IsOutElement(ArgumentSyntax argument)
            => argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)
                && argument.Parent?.Parent is InvocationExpressionSyntax call
                && _model.GetOperation(call, _cancellationToken) is IInvocationOperation { TargetMethod.Name: "TryGetValue" } invocation
                && IsCollectionField(invocation.Instance);

        /// <summary>An element read from a collection field: an indexer, an array element, or a fetching call (<c>?? fallback</c> allowed).</summary>
        private bool IsFetchedElement(ExpressionSyntax value)
        {
            var operation = _model.GetOperation(value, _cancellationToken).WalkDownConversions();
            if (operation is ICoalesceOperation coalesce)
            {
                operation = coalesce.Value.WalkDownConversions();
            }

            return operation switch
            {
                IPropertyReferenceOperation { Property.IsIndexer: true } indexer => IsCollectionField(indexer.Instance) && !(indexer.Arguments.Length == 1 && IsForLoopIndex(indexer.Arguments[0].Value)),
                IArrayElementReferenceOperation element => IsCollectionField(element.ArrayReference) && !(element.Indices.Length == 1 && IsForLoopIndex(element.Indices[0])),
                IInvocationOperation invocation when IsFetch(invocation.TargetMethod.Name) =>
                    IsCollectionField(invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)),
                _ => false,
            };
        }

        /// <summary>
        /// Whether the index is the variable of a <c>for</c> loop: a walk over every element in turn, as a <c>foreach</c>
        /// over the collection is (neither is followed: the code that walks the whole collection is its owner's upkeep,
        /// such as a poll loop over its sockets, not copies handed one key each).
        /// </summary>
        private static bool IsForLoopIndex(IOperation index)
            => index.WalkDownConversions() is ILocalReferenceOperation { Local.DeclaringSyntaxReferences: { Length: 1 } references }
                && references[0].GetSyntax() is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: ForStatementSyntax } };

        private static bool IsFetch(string name)
            => name is "GetOrAdd" or "GetValueOrDefault" or "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single"
                or "SingleOrDefault" or "ElementAt" or "ElementAtOrDefault" or "Find";

        /// <summary>A field or property of <c>this</c>, or a static one (the collections a per-key lock is looked up in).</summary>
        private static bool IsCollectionField(IOperation? collection) => LockFinder.Collection(collection) != null;
    }
}
