using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.NonAtomicUpdate
{
    /// <summary>
    /// Rewrites every flagged update of one document in a single pass: plans are computed on the original semantic model,
    /// then applied innermost first through a <see cref="SyntaxEditor"/> whose callbacks see the current nodes, so several
    /// updates in one statement or one expression (<c>x = s_a++ + s_b++</c>, <c>s_a += s_b++</c>) all get rewritten.
    /// </summary>
    internal static class DocumentRewriter
    {
        /// <summary>The plans for the updates at the given spans (those with no correct rewrite are left out).</summary>
        public static async Task<ImmutableArray<UpdatePlan>> PlanAsync(Document document, IEnumerable<TextSpan> spans, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || AtomicApi.Create(model.Compilation) is not { } api)
            {
                return ImmutableArray<UpdatePlan>.Empty;
            }

            var plans = ImmutableArray.CreateBuilder<UpdatePlan>();
            var seen = new HashSet<SyntaxNode>();
            foreach (var span in spans)
            {
                var node = UpdatePlanner.FindUpdateNode(root, span);
                if (node is null || !seen.Add(node))
                {
                    continue;
                }

                var plan = UpdatePlanner.TryPlan(model, node, api, cancellationToken);
                if (plan is not null)
                {
                    plans.Add(plan);
                }
            }

            return plans.ToImmutable();
        }

        /// <summary>The document with every plannable update at the given spans rewritten.</summary>
        public static async Task<Document> RewriteAsync(Document document, IEnumerable<TextSpan> spans, CancellationToken cancellationToken)
        {
            var plans = await PlanAsync(document, spans, cancellationToken).ConfigureAwait(false);
            if (plans.IsEmpty)
            {
                return document;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var api = AtomicApi.Create(model!.Compilation)!;
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var newLine = SyntaxTemplate.NewLineOf(text);

            var positions = plans.Where(p => p is not LibraryUpdatePlan).Select(p => p.Node.SpanStart)
                .Concat(plans.OfType<HelperUpdatePlan>().Select(p => p.Container.OpenBraceToken.Span.End))
                .ToList();
            var libraryPositions = plans.OfType<LibraryUpdatePlan>().Select(p => p.Node.SpanStart).ToList();
            var needsVolatile = plans.OfType<InlineLoopUpdatePlan>().Any(p => !p.TargetIsVolatile && p.UseVolatileRead);
            var names = FrameworkNames.Resolve(model, root!, api, positions, needsVolatile, libraryPositions, cancellationToken);

            var helpers = HelperNaming.Resolve(model, plans.OfType<HelperUpdatePlan>(), names, newLine, cancellationToken);

            var editor = new SyntaxEditor(root!, document.Project.Solution.Services);
            foreach (var plan in plans.OrderByDescending(p => p.Node.SpanStart).ThenBy(p => p.Node.Span.Length))
            {
                switch (plan)
                {
                    case InlineLoopUpdatePlan loop:
                        ReplaceWithLoop(editor, model, loop, names, newLine);
                        break;
                    case LibraryUpdatePlan { ReplacedStatement: { } statement } library:
                        editor.ReplaceNode(statement, (current, _) => SyntaxFactory.ExpressionStatement(
                                UpdateSyntaxBuilder.BuildLibraryCall(library, UpdatePlanner.GuardedAssignmentOf((IfStatementSyntax)current)!, names).WithoutTrivia())
                            .WithTriviaFrom(current));
                        break;
                    case LibraryUpdatePlan library:
                        editor.ReplaceNode(plan.Node, (current, _) => UpdateSyntaxBuilder.BuildLibraryCall(library, (ExpressionSyntax)current, names));
                        break;
                    case HelperUpdatePlan helper:
                        var helperName = helpers.NameOf(helper);
                        editor.ReplaceNode(plan.Node, (current, _) => UpdateSyntaxBuilder.BuildHelperCall(helper, (ExpressionSyntax)current, helperName));
                        break;
                    case DirectUpdatePlan direct:
                        // A call in statement position is marked, so that reads of the field right after it can use its result.
                        var inStatement = plan.Node.WalkUpParentheses().Parent is ExpressionStatementSyntax;
                        editor.ReplaceNode(plan.Node, (current, _) => inStatement
                            ? UpdateSyntaxBuilder.BuildDirectCall(direct, (ExpressionSyntax)current, names).WithAdditionalAnnotations(ReadAfterFollowUp.Annotation)
                            : UpdateSyntaxBuilder.BuildDirectCall(direct, (ExpressionSyntax)current, names));
                        break;
                }
            }

            foreach (var group in helpers.Added.GroupBy(h => h.Container))
            {
                var members = group.Select(h => h.Declaration).ToArray();
                editor.ReplaceNode(group.Key, (current, _) => ((TypeDeclarationSyntax)current).AddMembers(members));
            }

            var newRoot = editor.GetChangedRoot();
            if (names.AddUsing)
            {
                newRoot = FrameworkNames.AddThreadingUsing(newRoot, newLine);
            }

            if (names.AddLibraryUsing)
            {
                newRoot = FrameworkNames.AddUsingDirective(newRoot, api.LibraryAtomic!.ContainingNamespace.ToDisplayString(), newLine);
            }

            var rewritten = document.WithSyntaxRoot(newRoot);
            rewritten = await Formatter.FormatAsync(rewritten, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await ReadAfterFollowUp.ApplyAsync(rewritten, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The loop replaces the update statement, or becomes the block body of the member or lambda whose expression body
        /// the update is. Its locals get names that shadow nothing used there and clash with no local in scope.
        /// </summary>
        private static void ReplaceWithLoop(SyntaxEditor editor, SemanticModel model, InlineLoopUpdatePlan plan, FrameworkNames names, string newLine)
        {
            SyntaxNode replaced = plan.ExpressionBodyOwner ?? plan.Node.WalkUpParentheses().Parent!;
            var position = plan.ExpressionBodyOwner is null ? replaced.SpanStart : plan.Node.SpanStart;
            var old = UniqueNames.LocalName(model, replaced, "old");
            var loopNames = new UpdateSyntaxBuilder.LoopNames(old, UniqueNames.LocalName(model, replaced, "value", old));
            var typeName = TypeName(model, plan.Update.Type, position);
            var operandTypeName = TypeName(model, plan.Update.OperandType, position);
            if (plan.ExpressionBodyOwner is not null)
            {
                editor.ReplaceNode(replaced, (current, _) => WithLoopBody(current, plan, names, loopNames, typeName, operandTypeName, newLine));
            }
            else
            {
                editor.ReplaceNode(replaced, (current, _) =>
                    UpdateSyntaxBuilder.BuildInlineLoop(plan, (ExpressionStatementSyntax)current, names, loopNames, typeName, operandTypeName, newLine));
            }
        }

        /// <summary>The owner of an expression-bodied update with a block body holding the loop instead.</summary>
        private static SyntaxNode WithLoopBody(SyntaxNode owner, InlineLoopUpdatePlan plan, FrameworkNames names, UpdateSyntaxBuilder.LoopNames loopNames, string typeName, string operandTypeName, string newLine)
        {
            ExpressionSyntax body = owner switch
            {
                MethodDeclarationSyntax m => m.ExpressionBody!.Expression,
                LocalFunctionStatementSyntax l => l.ExpressionBody!.Expression,
                AccessorDeclarationSyntax a => a.ExpressionBody!.Expression,
                ConstructorDeclarationSyntax c => c.ExpressionBody!.Expression,
                LambdaExpressionSyntax lambda => (ExpressionSyntax)lambda.ExpressionBody!,
                _ => throw new System.InvalidOperationException("Unexpected expression-body owner " + owner.Kind()),
            };

            var statement = SyntaxFactory.ExpressionStatement(body.WithoutTrivia());
            var loop = UpdateSyntaxBuilder.BuildInlineLoop(plan, statement, names, loopNames, typeName, operandTypeName, newLine).WithoutTrivia();
            var block = SyntaxFactory.Block(loop).WithAdditionalAnnotations(Formatter.Annotation);
            switch (owner)
            {
                case MethodDeclarationSyntax m:
                    return m.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(m.SemicolonToken.TrailingTrivia))
                        .WithParameterList(m.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticMarker));
                case LocalFunctionStatementSyntax l:
                    return l.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(l.SemicolonToken.TrailingTrivia))
                        .WithParameterList(l.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticMarker));
                case AccessorDeclarationSyntax a:
                    return a.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(a.SemicolonToken.TrailingTrivia))
                        .WithKeyword(a.Keyword.WithTrailingTrivia(SyntaxFactory.ElasticMarker));
                case ConstructorDeclarationSyntax c:
                    return c.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithTrailingTrivia(c.SemicolonToken.TrailingTrivia))
                        .WithParameterList(c.ParameterList.WithTrailingTrivia(SyntaxFactory.ElasticMarker));
                default:
                    var lambda = (LambdaExpressionSyntax)owner;
                    return lambda.WithExpressionBody(null).WithBlock(block.WithTrailingTrivia(lambda.ExpressionBody!.GetTrailingTrivia()))
                        .WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(SyntaxFactory.ElasticMarker));
            }
        }

        /// <summary>
        /// The type as written at <paramref name="position"/>. A reference type (delegate) is written nullable where nullable
        /// annotations are enabled (its field may hold null, and the loop's locals hold its value), plain elsewhere.
        /// </summary>
        internal static string TypeName(SemanticModel model, ITypeSymbol type, int position)
        {
            if (!type.IsReferenceType)
            {
                return type.ToMinimalDisplayString(model, position);
            }

            var bare = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToMinimalDisplayString(model, position);
            return (model.GetNullableContext(position) & NullableContext.AnnotationsEnabled) != 0 ? bare + "?" : bare;
        }
    }
}
