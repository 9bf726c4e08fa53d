using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>
    /// Plans the migration of the field a flagged update targets: checks that a counter can replace it exactly, finds
    /// every reference in the solution and decides each one's rewrite. Every refusal is listed in
    /// docs/rules/counter-fix.md.
    /// </summary>
    internal static class MigrationPlanner
    {
        /// <summary>The field whose update is flagged at <paramref name="span"/>, or null.</summary>
        public static async Task<IFieldSymbol?> FlaggedFieldAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null || !root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            var operation = model.GetOperation(node, cancellationToken);
            var target = operation switch
            {
                IIncrementOrDecrementOperation increment => increment.Target,
                ICompoundAssignmentOperation compound => compound.Target,
                // x = x + e (a binary value); not a compare-then-assign (if (v > x) x = v) nor x = Math.Max(x, v), which no
                // counter computes: migrating would hide the race behind a plain Set.
                ISimpleAssignmentOperation assignment when assignment.Value.WalkDownConversions() is IBinaryOperation => assignment.Target,
                _ => null,
            };
            return target is IFieldReferenceOperation reference ? reference.Field.OriginalDefinition : null;
        }

        /// <summary>The migration of <paramref name="field"/>, or null (with the reason) when no counter can replace it exactly.</summary>
        public static async Task<FieldMigration?> PlanAsync(Solution solution, Project project, IFieldSymbol field, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation == null || compilation.GetTypeByMetadataName(CounterTypes.AtomicMetadataName) == null || !IsEligible(field, compilation, solution))
            {
                return null;
            }

            if (field.DeclaringSyntaxReferences.Length != 1
                || await field.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not VariableDeclaratorSyntax declarator
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax }
                || solution.GetDocument(declarator.SyntaxTree) is not { } declarationDocument)
            {
                return null;
            }

            string? initialValue = null;
            if (declarator.Initializer != null)
            {
                var model = await declarationDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var constant = model?.GetConstantValue(declarator.Initializer.Value, cancellationToken);
                if (constant is not { HasValue: true, Value: int or long } || System.Convert.ToInt64(constant.Value.Value, System.Globalization.CultureInfo.InvariantCulture) != 0)
                {
                    initialValue = declarator.Initializer.Value.WithoutTrivia().ToString();
                }
            }

            var edits = ImmutableArray.CreateBuilder<ReferenceEdit>();
            var references = await SymbolFinder.FindReferencesAsync(field, solution, cancellationToken).ConfigureAwait(false);
            foreach (var location in references.SelectMany(r => r.Locations))
            {
                if (location.IsImplicit || location.IsCandidateLocation || location.Document.SourceCodeKind != SourceCodeKind.Regular)
                {
                    return null;
                }

                var document = location.Document;
                var referencingCompilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                if (referencingCompilation?.GetTypeByMetadataName(CounterTypes.AtomicMetadataName) == null)
                {
                    // The project cannot call the counter's methods: it does not reference the Tally library.
                    return null;
                }

                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root == null || model == null || root.FindToken(location.Location.SourceSpan.Start).Parent is not SimpleNameSyntax name)
                {
                    return null;
                }

                var edit = ReferenceRewrites.Classify(document.Id, name, model, field, out var refusal);
                if (refusal != null)
                {
                    return null;
                }

                if (edit != null)
                {
                    edits.Add(edit);
                }
            }

            return new FieldMigration(field, declarationDocument.Id, declarator, initialValue, WithoutNested(edits.ToImmutable()));
        }

        /// <summary>
        /// Whether a counter can stand in for the field at all: an <c>int</c> or <c>long</c> field of a class (or a static
        /// field of a struct: a copied struct would split an instance counter in two), not <c>const</c>, not visible to code outside the solution.
        /// </summary>
        private static bool IsEligible(IFieldSymbol field, Compilation compilation, Solution solution)
        {
            if (field.IsConst
                || field.IsImplicitlyDeclared
                || field.AssociatedSymbol != null
                || field.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)
                || field.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct }
                || (!field.IsStatic && field.ContainingType.TypeKind != TypeKind.Class)
                || field.RefKind != RefKind.None)
            {
                return false;
            }

            return !SolutionVisibility.IsVisibleOutside(field, compilation, solution);
        }

        /// <summary>Drops edits inside another edit's node (the read of <c>x</c> in <c>x = x + 1</c>, rewritten as a whole).</summary>
        private static ImmutableArray<ReferenceEdit> WithoutNested(ImmutableArray<ReferenceEdit> edits)
        {
            var kept = new List<ReferenceEdit>();
            foreach (var edit in edits)
            {
                var nested = edits.Any(other => other != edit
                    && other.Document == edit.Document
                    && other.Node.SyntaxTree == edit.Node.SyntaxTree
                    && other.Node.Span.Contains(edit.Node.Span)
                    && other.Node.Span != edit.Node.Span);
                if (!nested)
                {
                    kept.Add(edit);
                }
            }

            return kept.ToImmutableArray();
        }
    }
}
