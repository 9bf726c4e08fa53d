using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tally.Analyzers.Tests.Harness.Toys;

/// <summary>
/// Base of the toy fixes for TOY001: finds the increment expression at the diagnostic and replaces it with what
/// <see cref="Rewrite"/> returns. The correct toy turns <c>x++</c> into <c>x += 1</c> (second action: <c>x = x + 1</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public class IncrementToCompoundFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TOY001");

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
        if (root.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax increment ||
            increment is not (PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax))
        {
            return;
        }

        ExpressionSyntax operand = increment is PostfixUnaryExpressionSyntax post ? post.Operand : ((PrefixUnaryExpressionSyntax)increment).Operand;
        for (int variant = 0; variant < Variants; variant++)
        {
            int chosen = variant;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Rewrite '{increment}' ({chosen})",
                    ct => ReplaceAsync(context.Document, root, increment, Rewrite(increment, operand, chosen), ct),
                    equivalenceKey: $"{GetType().Name}.{chosen}"),
                context.Diagnostics);
        }
    }

    /// <summary>How many actions the fix offers.</summary>
    protected virtual int Variants => 2;

    /// <summary>The replacement of <paramref name="increment"/> for action <paramref name="variant"/>.</summary>
    protected virtual ExpressionSyntax Rewrite(ExpressionSyntax increment, ExpressionSyntax operand, int variant) =>
        variant == 0
            ? SyntaxFactory.ParseExpression($"{operand} += 1")
            : SyntaxFactory.ParseExpression($"{operand} = {operand} + 1");

    private static Task<Document> ReplaceAsync(Document document, SyntaxNode root, ExpressionSyntax old, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(old, replacement.WithTriviaFrom(old))));
    }
}

/// <summary>Known bad: <c>x++</c> becomes <c>x += "one"</c>, which does not compile for numbers.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NonCompilingFix : IncrementToCompoundFix
{
    /// <inheritdoc/>
    protected override int Variants => 1;

    /// <inheritdoc/>
    protected override ExpressionSyntax Rewrite(ExpressionSyntax increment, ExpressionSyntax operand, int variant) =>
        SyntaxFactory.ParseExpression($"{operand} += \"one\"");
}

/// <summary>Known bad: the action returns the expression unchanged.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NoChangeFix : IncrementToCompoundFix
{
    /// <inheritdoc/>
    protected override int Variants => 1;

    /// <inheritdoc/>
    protected override ExpressionSyntax Rewrite(ExpressionSyntax increment, ExpressionSyntax operand, int variant) => increment;
}

/// <summary>Known bad: <c>x++</c> becomes <c>++x</c> and back, forever.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class LoopingFix : IncrementToCompoundFix
{
    /// <inheritdoc/>
    protected override int Variants => 1;

    /// <inheritdoc/>
    protected override ExpressionSyntax Rewrite(ExpressionSyntax increment, ExpressionSyntax operand, int variant) =>
        increment is PostfixUnaryExpressionSyntax
            ? SyntaxFactory.PrefixUnaryExpression(SyntaxKind.PreIncrementExpression, operand)
            : SyntaxFactory.PostfixUnaryExpression(SyntaxKind.PostIncrementExpression, operand);
}

/// <summary>Registers no action: for <c>VerifyNoFixAsync</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NoActionFix : IncrementToCompoundFix
{
    /// <inheritdoc/>
    protected override int Variants => 0;
}

/// <summary>Known bad for Fix All: the correct single fix, but no Fix All provider.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NoFixAllFix : IncrementToCompoundFix
{
    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;
}

/// <summary>Known bad: throws while registering its fix.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class ThrowingFix : IncrementToCompoundFix
{
    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => throw new System.InvalidOperationException("toy fix failure");
}

/// <summary>Known bad: the correct toy fix, but without [ExportCodeFixProvider], so no host would offer it.</summary>
public sealed class UnexportedFix : CodeFixProvider
{
    private readonly IncrementToCompoundFix _inner = new();

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => _inner.FixableDiagnosticIds;

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => _inner.GetFixAllProvider();

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context) => _inner.RegisterCodeFixesAsync(context);
}

/// <summary>Known bad: single fixes write <c>x += 1</c>, but its Fix All writes <c>x = x + 1</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class InconsistentFixAllFix : IncrementToCompoundFix
{
    /// <inheritdoc/>
    protected override int Variants => 1;

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
        var nodes = new System.Collections.Generic.List<ExpressionSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            nodes.Add((ExpressionSyntax)root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(nodes, (old, _) =>
        {
            ExpressionSyntax operand = old is PostfixUnaryExpressionSyntax post ? post.Operand : ((PrefixUnaryExpressionSyntax)old).Operand;
            return SyntaxFactory.ParseExpression($"{operand} = {operand} + 1").WithTriviaFrom(old);
        }));
    });
}
