using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>Asks a code fix provider for its actions and applies them to a solution.</summary>
internal static class CodeActionRunner
{
    /// <summary>The actions (nested ones flattened) the provider registers for <paramref name="diagnostic"/>.</summary>
    public static async Task<ImmutableArray<CodeAction>> GetActionsAsync(
        Project project, CodeFixProvider provider, Diagnostic diagnostic, CancellationToken cancellationToken = default)
    {
        if (!diagnostic.Location.IsInSource || !provider.FixableDiagnosticIds.Contains(diagnostic.Id))
        {
            return ImmutableArray<CodeAction>.Empty;
        }

        Document document = project.GetDocument(diagnostic.Location.SourceTree)
            ?? throw new VerificationException($"Diagnostic {diagnostic} is not in a document of the test project.");
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        try
        {
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        }
        catch (System.Exception exception) when (exception is not VerificationException)
        {
            throw new VerificationException(
                $"{provider.GetType().Name}.RegisterCodeFixesAsync threw for {DiagnosticFormatter.Locate(diagnostic)}:\n{exception}");
        }

        return actions.SelectMany(Flatten).ToImmutableArray();
    }

    /// <summary>The solution after <paramref name="action"/>; fails unless it is a single <see cref="ApplyChangesOperation"/>.</summary>
    public static async Task<Solution> ApplyAsync(CodeAction action, CancellationToken cancellationToken = default)
    {
        ImmutableArray<CodeActionOperation> operations;
        try
        {
            operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Exception exception) when (exception is not VerificationException)
        {
            throw new VerificationException($"Code action '{action.Title}' threw while computing its changes:\n{exception}");
        }

        var changes = operations.OfType<ApplyChangesOperation>().ToList();
        if (changes.Count != 1)
        {
            throw new VerificationException(
                $"Code action '{action.Title}' produced {changes.Count} ApplyChangesOperation(s) (of {operations.Length} operations); expected exactly one.");
        }

        return changes[0].ChangedSolution;
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action) =>
        action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);
}
