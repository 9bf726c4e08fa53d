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
            var newLine = DetectNewLine(text);

            var positions = plans.Select(p => p.Node.SpanStart)
                .Concat(plans.Where(p => p.HelperContainer is not null).Select(p => p.HelperContainer!.OpenBraceToken.Span.End))
                .ToList();
            var needsVolatile = plans.Any(p => p.Strategy == UpdateStrategy.InlineLoop && !p.TargetIsVolatile && p.UseVolatileRead);
            var names = FrameworkNames.Resolve(model, root!, api, positions, needsVolatile, cancellationToken);

            var helpers = ResolveHelpers(model, plans, names, newLine, cancellationToken);

            var editor = new SyntaxEditor(root!, document.Project.Solution.Services);
            foreach (var plan in plans.OrderByDescending(p => p.Node.SpanStart).ThenBy(p => p.Node.Span.Length))
            {
                if (plan.Strategy == UpdateStrategy.InlineLoop && plan.ExpressionBodyOwner is { } owner)
                {
                    PickLoopNames(model, plan, owner, cancellationToken);
                    var typeName = TypeName(model, plan.Type, plan.Node.SpanStart);
                    var operandTypeName = TypeName(model, plan.OperandType ?? plan.Type, plan.Node.SpanStart);
                    editor.ReplaceNode(owner, (current, _) => WithLoopBody(current, plan, names, typeName, operandTypeName, newLine));
                }
                else if (plan.Strategy == UpdateStrategy.InlineLoop)
                {
                    var statement = (ExpressionStatementSyntax)plan.Node.WalkUpParentheses().Parent!;
                    PickLoopNames(model, plan, statement, cancellationToken);
                    var typeName = TypeName(model, plan.Type, statement.SpanStart);
                    var operandTypeName = TypeName(model, plan.OperandType ?? plan.Type, statement.SpanStart);
                    editor.ReplaceNode(statement, (current, _) =>
                        UpdateSyntaxBuilder.BuildInlineLoop(plan, (ExpressionStatementSyntax)current, names, typeName, operandTypeName, newLine));
                }
                else
                {
                    var inStatement = plan.Node.WalkUpParentheses().Parent is ExpressionStatementSyntax;
                    editor.ReplaceNode(plan.Node, (current, _) => inStatement
                        ? UpdateSyntaxBuilder.BuildExpression(plan, (ExpressionSyntax)current, names).WithAdditionalAnnotations(ReadAfterFollowUp.Annotation)
                        : UpdateSyntaxBuilder.BuildExpression(plan, (ExpressionSyntax)current, names));
                }
            }

            foreach (var group in helpers.GroupBy(h => h.Container))
            {
                var members = group.Select(h => h.Declaration).ToArray();
                editor.ReplaceNode(group.Key, (current, _) => ((TypeDeclarationSyntax)current).AddMembers(members));
            }

            var newRoot = editor.GetChangedRoot();
            if (names.AddUsing)
            {
                newRoot = FrameworkNames.AddThreadingUsing(newRoot, newLine);
            }

            var rewritten = document.WithSyntaxRoot(newRoot);
            rewritten = await Formatter.FormatAsync(rewritten, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await ReadAfterFollowUp.ApplyAsync(rewritten, cancellationToken).ConfigureAwait(false);
        }

        private sealed class NewHelper
        {
            public NewHelper(TypeDeclarationSyntax container, MemberDeclarationSyntax declaration)
            {
                Container = container;
                Declaration = declaration;
            }

            public TypeDeclarationSyntax Container { get; }

            public MemberDeclarationSyntax Declaration { get; }
        }

        /// <summary>
        /// Names each plan's helper and lists the helpers to add. A name is used only if nothing else of that name is in scope
        /// at the update or in the type, except helpers Tally generated earlier: an identical one is reused, one for another
        /// type becomes an overload. Helpers shared by several plans of this pass are added once.
        /// </summary>
        private static List<NewHelper> ResolveHelpers(SemanticModel model, ImmutableArray<UpdatePlan> plans, FrameworkNames names, string newLine, CancellationToken cancellationToken)
        {
            var added = new List<NewHelper>();
            var addedKeys = new Dictionary<string, NewHelper>();
            foreach (var plan in plans)
            {
                if (plan.Strategy != UpdateStrategy.Helper || plan.Helper is null || plan.HelperContainer is null)
                {
                    continue;
                }

                var spec = plan.Helper;
                var container = plan.HelperContainer;
                var position = container.OpenBraceToken.Span.End;
                var typeName = TypeName(model, spec.Type, position);
                var operandTypeName = TypeName(model, spec.OperandType, position);

                for (var attempt = 1; ; attempt++)
                {
                    var name = attempt == 1 ? spec.BaseName : spec.BaseName + attempt;
                    var declaration = UpdateSyntaxBuilder.BuildHelper(spec, name, names, typeName, operandTypeName, newLine);
                    var key = container.SpanStart + "|" + declaration.NormalizeWhitespace().ToFullString();
                    if (addedKeys.ContainsKey(key))
                    {
                        plan.HelperName = name;
                        break;
                    }

                    var verdict = Check(model, name, declaration, spec, plan.Node.SpanStart, position, cancellationToken);
                    if (verdict == NameVerdict.Taken)
                    {
                        continue;
                    }

                    // A name given in this pass to a different helper of the same type is only fine as an overload.
                    var clashInPass = added.Any(h => h.Container == container
                        && h.Declaration is MethodDeclarationSyntax m && m.Identifier.ValueText == name
                        && m.ParameterList.Parameters[0].Type!.ToString() == ((MethodDeclarationSyntax)declaration).ParameterList.Parameters[0].Type!.ToString());
                    if (clashInPass)
                    {
                        continue;
                    }

                    plan.HelperName = name;
                    if (verdict == NameVerdict.Free)
                    {
                        var helper = new NewHelper(container, declaration);
                        added.Add(helper);
                        addedKeys[key] = helper;
                    }

                    break;
                }
            }

            return added;
        }

        private enum NameVerdict
        {
            Free,
            Reuse,
            Taken,
        }

        private static NameVerdict Check(SemanticModel model, string name, MemberDeclarationSyntax declaration, HelperSpec spec, int usePosition, int typePosition, CancellationToken cancellationToken)
        {
            var symbols = model.LookupSymbols(usePosition, name: name).AddRange(model.LookupSymbols(typePosition, name: name))
                .Distinct<ISymbol>(SymbolEqualityComparer.Default)
                .ToList();
            if (symbols.Count == 0)
            {
                return NameVerdict.Free;
            }

            var reuse = false;
            foreach (var symbol in symbols)
            {
                if (symbol is not IMethodSymbol method || method.DeclaringSyntaxReferences.Length != 1)
                {
                    return NameVerdict.Taken;
                }

                var existing = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) as MethodDeclarationSyntax;
                if (existing is null || !existing.GetLeadingTrivia().ToFullString().Contains("generated by Tally"))
                {
                    return NameVerdict.Taken;
                }

                if (existing.IsEquivalentTo(declaration, topLevel: false))
                {
                    reuse = true;
                }
                else if (method.Parameters.Length > 0 && AtomicApi.SameType(method.Parameters[0].Type, spec.Type))
                {
                    return NameVerdict.Taken; // a Tally helper of this name and type, but a different body
                }
            }

            return reuse ? NameVerdict.Reuse : NameVerdict.Free;
        }

        /// <summary>The owner of an expression-bodied update with a block body holding the loop instead.</summary>
        private static SyntaxNode WithLoopBody(SyntaxNode owner, UpdatePlan plan, FrameworkNames names, string typeName, string operandTypeName, string newLine)
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
            var loop = UpdateSyntaxBuilder.BuildInlineLoop(plan, statement, names, typeName, operandTypeName, newLine).WithoutTrivia();
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

        /// <summary>Local names for an inline loop that shadow nothing used in the statement and clash with no local in scope.</summary>
        private static void PickLoopNames(SemanticModel model, UpdatePlan plan, SyntaxNode statement, CancellationToken cancellationToken)
        {
            var used = new HashSet<string>(statement.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            plan.OldName = Unique(model, statement, used, "old");
            used.Add(plan.OldName);
            plan.OperandName = Unique(model, statement, used, "value");
        }

        private static string Unique(SemanticModel model, SyntaxNode statement, HashSet<string> used, string baseName)
        {
            var inScope = LocalsOfEnclosingScopes(statement);
            for (var i = 1; ; i++)
            {
                var name = i == 1 ? baseName : baseName + i;
                if (!used.Contains(name) && !inScope.Contains(name) && model.LookupSymbols(statement.SpanStart, name: name).IsEmpty)
                {
                    return name;
                }
            }
        }

        /// <summary>
        /// Names declared directly in the blocks (and switch sections) that enclose the statement, wherever in them: a
        /// local of the loop must not reuse them (CS0136). Declarations inside nested blocks, lambdas and local functions
        /// are in sibling scopes and do not count.
        /// </summary>
        private static HashSet<string> LocalsOfEnclosingScopes(SyntaxNode statement)
        {
            var names = new HashSet<string>();
            foreach (var ancestor in statement.Ancestors())
            {
                IEnumerable<SyntaxNode> scopeStatements = ancestor switch
                {
                    BlockSyntax block => block.Statements,
                    SwitchStatementSyntax @switch => @switch.Sections.SelectMany(s => s.Statements),
                    CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>(),
                    _ => Enumerable.Empty<SyntaxNode>(),
                };

                foreach (var scoped in scopeStatements)
                {
                    foreach (var node in scoped.DescendantNodesAndSelf(n => n == scoped || n is not (BlockSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    {
                        var name = node switch
                        {
                            VariableDeclaratorSyntax v => v.Identifier.ValueText,
                            SingleVariableDesignationSyntax d => d.Identifier.ValueText,
                            ForEachStatementSyntax f => f.Identifier.ValueText,
                            LocalFunctionStatementSyntax l => l.Identifier.ValueText,
                            _ => null,
                        };

                        if (name is not null)
                        {
                            names.Add(name);
                        }
                    }
                }

                if (ancestor is MemberDeclarationSyntax)
                {
                    break;
                }
            }

            return names;
        }

        /// <summary>
        /// The type as written at <paramref name="position"/>. A reference type (delegate) is written nullable where nullable
        /// annotations are enabled (its field may hold null, and the loop's locals hold its value), plain elsewhere.
        /// </summary>
        private static string TypeName(SemanticModel model, ITypeSymbol type, int position)
        {
            if (!type.IsReferenceType)
            {
                return type.ToMinimalDisplayString(model, position);
            }

            var bare = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToMinimalDisplayString(model, position);
            return (model.GetNullableContext(position) & NullableContext.AnnotationsEnabled) != 0 ? bare + "?" : bare;
        }

        private static string DetectNewLine(SourceText text)
        {
            foreach (var line in text.Lines)
            {
                var breakLength = line.EndIncludingLineBreak - line.End;
                if (breakLength > 0)
                {
                    return text.ToString(new TextSpan(line.End, breakLength));
                }
            }

            return "\n";
        }
    }
}
