using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>Applies a <see cref="FieldMigration"/>: the new declaration and every planned edit, document by document.</summary>
    internal static class MigrationRewriter
    {
        /// <summary>The solution with the field migrated to <paramref name="type"/>.</summary>
        public static async Task<Solution> ApplyAsync(Solution solution, FieldMigration migration, CounterType type, CancellationToken cancellationToken)
        {
            var documents = migration.Edits.Select(e => e.Document).Append(migration.DeclarationDocument).Distinct().ToList();
            foreach (var documentId in documents)
            {
                var document = solution.GetDocument(documentId);
                var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (document == null || root == null)
                {
                    continue;
                }

                var edits = migration.Edits.Where(e => e.Document == documentId).ToDictionary(e => e.Node);
                var declaration = documentId == migration.DeclarationDocument ? migration.Declarator.Parent!.Parent as FieldDeclarationSyntax : null;
                var nodes = edits.Keys.Concat(declaration == null ? Enumerable.Empty<SyntaxNode>() : new SyntaxNode[] { declaration });
                var parseOptions = (CSharpParseOptions)root.SyntaxTree.Options;
                var newRoot = root.ReplaceNodes(nodes, (original, rewritten) =>
                    original == declaration
                        ? Declaration(declaration!, migration, type, parseOptions.LanguageVersion)
                        : Expression(edits[original].TextFor(type)!, original));

                var changed = document.WithSyntaxRoot(newRoot);
                if (documentId == migration.DeclarationDocument)
                {
                    changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                changed = await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
                solution = changed.Project.Solution;
            }

            return solution;
        }

        private static SyntaxNode Expression(string text, SyntaxNode original)
        {
            var expression = SyntaxTemplate.Expression(text);
            if (expression is ParenthesizedExpressionSyntax)
            {
                expression = expression.WithAdditionalAnnotations(Simplifier.Annotation);
            }

            return expression.WithTriviaFrom(original);
        }

        /// <summary>
        /// <c>private int _hits;</c> → <c>private readonly AtomicCounter _hits = new();</c>: <c>volatile</c> goes (the
        /// counter orders its own accesses), <c>readonly</c> comes (the counter object never changes), an initial value
        /// is kept as the constructor argument, <c>new()</c> needs C# 9.
        /// </summary>
        private static FieldDeclarationSyntax Declaration(FieldDeclarationSyntax field, FieldMigration migration, CounterType type, LanguageVersion version)
        {
            var qualified = "global::" + type.MetadataName();
            var counterType = SyntaxFactory.ParseTypeName(qualified)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)
                .WithTriviaFrom(field.Declaration.Type);
            var arguments = migration.InitialValue ?? string.Empty;
            var creation = version >= LanguageVersion.CSharp9
                ? SyntaxFactory.ParseExpression($"new({arguments})")
                : SyntaxFactory.ParseExpression($"new {qualified}({arguments})").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            var declarator = migration.Declarator
                .WithIdentifier(migration.Declarator.Identifier.WithTrailingTrivia())
                .WithInitializer(SyntaxFactory.EqualsValueClause(creation.WithLeadingTrivia(SyntaxFactory.Space)).WithLeadingTrivia(SyntaxFactory.Space));

            var modifiers = field.Modifiers;
            var leading = field.Modifiers.Count > 0 ? field.Modifiers[0].LeadingTrivia : field.Declaration.Type.GetLeadingTrivia();
            var volatileIndex = modifiers.IndexOf(SyntaxKind.VolatileKeyword);
            if (volatileIndex >= 0)
            {
                modifiers = modifiers.RemoveAt(volatileIndex);
            }

            if (!modifiers.Any(SyntaxKind.ReadOnlyKeyword))
            {
                var at = 0;
                while (at < modifiers.Count && modifiers[at].Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword
                    or SyntaxKind.InternalKeyword or SyntaxKind.StaticKeyword or SyntaxKind.NewKeyword)
                {
                    at++;
                }

                modifiers = modifiers.Insert(at, SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(leading));
            if (field.Modifiers.Count == 0)
            {
                counterType = counterType.WithLeadingTrivia();
            }

            return field
                .WithModifiers(modifiers)
                .WithDeclaration(field.Declaration.WithType(counterType).WithVariables(SyntaxFactory.SingletonSeparatedList(declarator)));
        }
    }
}
