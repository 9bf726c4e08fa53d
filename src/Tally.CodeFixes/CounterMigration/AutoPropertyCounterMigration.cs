using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tally.CodeFixes.Common;

namespace Tally.CodeFixes.CounterMigration
{
    /// <summary>
    /// The counter fix of a flagged auto-property: the property gets a backing field
    /// (<see cref="AutoPropertyBackingField"/>), and that field is migrated like a flagged field, so
    /// <c>public int Count { get; private set; }</c> becomes <c>public int Count =&gt; (int)_count.Value;</c> over a
    /// <c>Tally</c> counter, with every update rewritten.
    /// </summary>
    internal static class AutoPropertyCounterMigration
    {
        /// <summary>The solution with the backing field in place and the field's migration, or null when no counter can replace it exactly.</summary>
        public static async Task<(Solution Solution, FieldMigration Migration)?> PlanAsync(Solution solution, IPropertySymbol property, CancellationToken cancellationToken)
        {
            var converted = await AutoPropertyBackingField.ConvertAsync(solution, property, cancellationToken).ConfigureAwait(false);
            var document = converted?.Solution.GetDocument(converted.DeclarationDocument);
            var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = document == null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var declarator = root?.GetAnnotatedNodes(converted!.FieldAnnotation).OfType<VariableDeclaratorSyntax>().FirstOrDefault();
            if (converted == null || document == null || model == null || declarator == null
                || model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol field)
            {
                return null;
            }

            var migration = await MigrationPlanner.PlanAsync(converted.Solution, document.Project, field, cancellationToken).ConfigureAwait(false);
            return migration == null ? null : (converted.Solution, migration);
        }
    }
}
