using Microsoft.CodeAnalysis;
using Model = Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Delegate-typed option properties that a library runs for every operation, from whichever thread runs it.</summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// An <c>On...</c> delegate property of an options type (<c>HedgingStrategyOptions.OnHedging</c>,
        /// <c>RetryOptions.OnRetry</c>), in source or in a referenced library: the component configured with the options
        /// invokes it for each operation, and operations (hedged attempts, concurrent calls through one shared pipeline)
        /// run at the same time, so the callback overlaps with itself.
        /// </summary>
        private static bool IsOptionsCallback(IPropertySymbol property)
        {
            var name = property.Name;
            var type = property.ContainingType;
            return property.Type.TypeKind == TypeKind.Delegate
                && name.Length > 2 && name.StartsWith("On", System.StringComparison.Ordinal) && char.IsUpper(name[2])
                && type != null && type.Name.EndsWith("Options", System.StringComparison.Ordinal);
        }

        /// <summary>
        /// Whether the start only makes state that outlives one operation concurrent (fields, statics), not locals captured
        /// from the method that configured it: an options callback overlaps with itself across the operations of a shared
        /// component, but within one operation a library may run it one call at a time (Polly awaits each
        /// <c>OnHedging</c> before the next hedged attempt), so a local of a method that runs one operation is not shared.
        /// </summary>
        public bool OnlySharedState { get; private set; }

        private static StartSite OptionsCallback(SyntaxNode assignment, IPropertySymbol property)
            => new StartSite(assignment, "the options callback " + property.ContainingType.Name + "." + property.Name, Model.Multiplicity.Many) { OnlySharedState = true };
    }
}
