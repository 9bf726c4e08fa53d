using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.CodeFixes.Common
{
    /// <summary>
    /// The first step of both auto-property fixes: <c>public int Count { get; private set; }</c> becomes a private field
    /// <c>_count</c> and <c>public int Count =&gt; _count;</c>, and every write of the property in the solution (all inside
    /// its type) writes the field instead, so that the updates can be made atomic: with <c>Interlocked</c> (the field is
    /// a variable that can be passed by <c>ref</c>) or by migrating the field to a Tally counter. Reads keep using the
    /// property. Refused (null) where the property's shape or its users could not follow.
    /// </summary>
    internal static class AutoPropertyBackingField
    {
        /// <summary>The solution after the first step, and where the field and the rewritten writes are.</summary>
        internal sealed class Result
        {
            public Result(Solution solution, DocumentId declarationDocument, ImmutableArray<DocumentId> writeDocuments, SyntaxAnnotation writeAnnotation, SyntaxAnnotation fieldAnnotation)
            {
                Solution = solution;
                DeclarationDocument = declarationDocument;
                WriteDocuments = writeDocuments;
                WriteAnnotation = writeAnnotation;
                FieldAnnotation = fieldAnnotation;
            }

            /// <summary>Marks the updates and writes that now target the field (the second step rewrites them); new for each conversion.</summary>
            public SyntaxAnnotation WriteAnnotation { get; }

            /// <summary>Marks the new field's declarator.</summary>
            public SyntaxAnnotation FieldAnnotation { get; }

            public Solution Solution { get; }

            public DocumentId DeclarationDocument { get; }

            /// <summary>The documents holding writes marked with <see cref="WriteAnnotation"/>.</summary>
            public ImmutableArray<DocumentId> WriteDocuments { get; }
        }

        /// <summary>The auto-property an update flagged at <paramref name="span"/> targets, or null.</summary>
        public static async Task<IPropertySymbol?> FlaggedPropertyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null || !root.FullSpan.Contains(span))
            {
                return null;
            }

            var target = model.GetOperation(root.FindNode(span, getInnermostNodeForTie: true), cancellationToken) switch
            {
                IIncrementOrDecrementOperation increment => increment.Target,
                ICompoundAssignmentOperation compound => compound.Target,
                ISimpleAssignmentOperation assignment => assignment.Target,
                _ => null,
            };
            return target is IPropertyReferenceOperation reference && reference.Property.OriginalDefinition is { } property && property.IsAutoProperty() ? property : null;
        }

        /// <summary>The first step applied to <paramref name="property"/>, or null when it cannot be done exactly.</summary>
        public static async Task<Result?> ConvertAsync(Solution solution, IPropertySymbol property, CancellationToken cancellationToken)
        {
            var project = solution.GetProject(property.ContainingAssembly, cancellationToken);
            var compilation = project == null ? null : await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null
                || !IsEligible(property, compilation, solution)
                || await property.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not PropertyDeclarationSyntax declaration
                || solution.GetDocument(declaration.SyntaxTree) is not { } declarationDocument)
            {
                return null;
            }

            var name = FieldName(property);
            var writeAnnotation = new SyntaxAnnotation("Tally.BackingFieldWrite");
            var fieldAnnotation = new SyntaxAnnotation("Tally.BackingField");
            var declarationAnnotation = new SyntaxAnnotation("Tally.AutoPropertyDeclaration");
            var writes = await FindWritesAsync(solution, property, name, cancellationToken).ConfigureAwait(false);
            if (writes == null)
            {
                return null;
            }

            foreach (var documentId in writes.Keys.Append(declarationDocument.Id).Distinct().ToList())
            {
                var document = solution.GetDocument(documentId)!;
                var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
                var renamed = new HashSet<SyntaxNode>(writes.TryGetValue(documentId, out var list) ? list : new List<SimpleNameSyntax>());
                var written = new HashSet<SyntaxNode>(renamed.Select(n => WriteNode((SimpleNameSyntax)n)));
                var ownDeclaration = documentId == declarationDocument.Id ? declaration : null;
                root = root.ReplaceNodes(
                    renamed.Concat(written).Concat(ownDeclaration == null ? Enumerable.Empty<SyntaxNode>() : new SyntaxNode[] { ownDeclaration }).Distinct(),
                    (original, current) =>
                    {
                        if (original == ownDeclaration)
                        {
                            return current.WithAdditionalAnnotations(declarationAnnotation);
                        }

                        if (renamed.Contains(original))
                        {
                            var simple = (SimpleNameSyntax)current;
                            current = simple.WithIdentifier(SyntaxFactory.Identifier(name).WithTriviaFrom(simple.Identifier));
                        }

                        return written.Contains(original) ? current.WithAdditionalAnnotations(writeAnnotation) : current;
                    });
                if (ownDeclaration != null)
                {
                    var annotated = root.GetAnnotatedNodes(declarationAnnotation).OfType<PropertyDeclarationSyntax>().Single();
                    root = ReplaceDeclaration(root, annotated.WithoutAnnotations(declarationAnnotation), annotated, property, name, fieldAnnotation);
                }

                solution = solution.WithDocumentSyntaxRoot(documentId, root);
            }

            return new Result(solution, declarationDocument.Id, writes.Keys.ToImmutableArray(), writeAnnotation, fieldAnnotation);
        }

        /// <summary>
        /// The references that write the property, by document; null when a reference could not follow the storage to the
        /// field (a write outside the type, a write where a local named like the field hides it, a use through <c>?.</c>).
        /// </summary>
        private static async Task<Dictionary<DocumentId, List<SimpleNameSyntax>>?> FindWritesAsync(Solution solution, IPropertySymbol property, string name, CancellationToken cancellationToken)
        {
            var writes = new Dictionary<DocumentId, List<SimpleNameSyntax>>();
            var references = await SymbolFinder.FindReferencesAsync(property, solution, cancellationToken).ConfigureAwait(false);
            foreach (var location in references.Where(r => SymbolEqualityComparer.Default.Equals(r.Definition.OriginalDefinition, property)).SelectMany(r => r.Locations))
            {
                if (location.IsImplicit || location.IsCandidateLocation)
                {
                    return null;
                }

                var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null || root.FindToken(location.Location.SourceSpan.Start).Parent is not SimpleNameSyntax reference)
                {
                    return null;
                }

                var isWrite = IsWrite(reference, model, cancellationToken);
                if (isWrite == null)
                {
                    return null;
                }

                if (isWrite.Value)
                {
                    // The field is private: every write must be inside the type, where no local or parameter hides it.
                    if (!IsInside(reference, property.ContainingType, model, cancellationToken)
                        || (reference.Parent is not MemberAccessExpressionSyntax && !model.LookupSymbols(reference.SpanStart, name: name).IsEmpty))
                    {
                        return null;
                    }

                    if (!writes.TryGetValue(location.Document.Id, out var list))
                    {
                        writes[location.Document.Id] = list = new List<SimpleNameSyntax>();
                    }

                    list.Add(reference);
                }
            }


            return writes;
        }

        /// <summary>The update or assignment that writes through <paramref name="name"/> (or the reference itself, e.g. in a deconstruction).</summary>
        private static SyntaxNode WriteNode(SimpleNameSyntax name)
        {
            ExpressionSyntax reference = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            var outer = reference.WalkUpParentheses();
            return outer.Parent switch
            {
                AssignmentExpressionSyntax assignment when assignment.Left == outer => assignment,
                PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => outer.Parent,
                _ => reference,
            };
        }

        /// <summary>
        /// Whether the reference writes the property (an update, an assignment, a deconstruction); null when it is used in
        /// a way the field could not take over (an object initializer outside the type is refused later, as a write
        /// outside the type).
        /// </summary>
        private static bool? IsWrite(SimpleNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
        {
            if (name.FirstAncestorOrSelf<CrefSyntax>() != null || name.Parent is MemberBindingExpressionSyntax)
            {
                return name.Parent is MemberBindingExpressionSyntax ? null : false;
            }

            ExpressionSyntax reference = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
            return model.GetOperation(reference, cancellationToken) switch
            {
                IPropertyReferenceOperation operation => StorageReference.IsWrite(operation),
                INameOfOperation => false,
                null => false,
                _ => null,
            };
        }

        private static bool IsInside(SyntaxNode node, INamedTypeSymbol type, SemanticModel model, CancellationToken cancellationToken)
        {
            var declaration = node.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            return declaration != null && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declaration, cancellationToken), type);
        }

        /// <summary>
        /// Only a plain auto-property (get and set, no init, not virtual, abstract, an override or an interface
        /// implementation, whose setter no code outside the solution can call) can become a field and a getter.
        /// </summary>
        private static bool IsEligible(IPropertySymbol property, Compilation compilation, Solution solution)
        {
            if (!property.IsAutoProperty()
                || property.IsVirtual || property.IsOverride || property.IsAbstract || property.IsExtern
                || property.ReturnsByRef || property.ReturnsByRefReadonly || property.IsRequired
                || property.SetMethod is not { IsInitOnly: false } setter
                || !property.ExplicitInterfaceImplementations.IsEmpty
                || property.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } type
                || property.GetAttributes().Any()
                || type.AllInterfaces.SelectMany(i => i.GetMembers()).Any(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), property)))
            {
                return false;
            }

            return !SolutionVisibility.IsVisibleOutside(setter, compilation, solution);
        }

        /// <summary><c>Count</c> → <c>_count</c> (<c>_count2</c>... when the type already uses the name).</summary>
        private static string FieldName(IPropertySymbol property)
        {
            var baseName = "_" + char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);
            var used = new HashSet<string>(property.ContainingType.DeclaringSyntaxReferences
                .SelectMany(r => r.GetSyntax().DescendantTokens())
                .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
                .Select(t => t.ValueText));
            for (var type = property.ContainingType; type != null; type = type.BaseType)
            {
                used.UnionWith(type.MemberNames);
            }

            return UniqueNames.Pick(baseName, used.Contains);
        }

        /// <summary>
        /// The field goes right before the property, after the same blank lines; the property (with its doc comment and
        /// attributes) becomes a getter of the field, one blank line below it.
        /// </summary>
        private static SyntaxNode ReplaceDeclaration(
            SyntaxNode root, PropertyDeclarationSyntax declaration, PropertyDeclarationSyntax replaced, IPropertySymbol property, string name, SyntaxAnnotation fieldAnnotation)
        {
            var modifiers = SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            if (property.IsStatic)
            {
                modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            var declarator = SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name)).WithAdditionalAnnotations(fieldAnnotation);
            if (declaration.Initializer != null)
            {
                declarator = declarator.WithInitializer(declaration.Initializer.WithoutTrivia().WithLeadingTrivia(SyntaxFactory.Space));
            }

            var leading = declaration.GetLeadingTrivia();
            var spacing = leading.TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
            var newLine = declaration.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is var eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
                ? eol
                : SyntaxFactory.EndOfLine("\n");
            var field = SyntaxFactory.FieldDeclaration(
                    SyntaxFactory.VariableDeclaration(declaration.Type.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.SingletonSeparatedList(declarator)))
                .WithModifiers(modifiers)
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(newLine))
                .WithLeadingTrivia(spacing);

            var getterLeading = leading.FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia) ? leading : leading.Insert(0, newLine);
            var getter = declaration
                .WithAccessorList(null)
                .WithInitializer(null)
                .WithIdentifier(declaration.Identifier.WithTrailingTrivia(SyntaxFactory.Space))
                .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(
                    SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithTrailingTrivia(SyntaxFactory.Space), SyntaxFactory.IdentifierName(name)))
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(declaration.GetTrailingTrivia()))
                .WithLeadingTrivia(getterLeading);
            return root.ReplaceNode(replaced, new SyntaxNode[] { field, getter });
        }
    }
}
