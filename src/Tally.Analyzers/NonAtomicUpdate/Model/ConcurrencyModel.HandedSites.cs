namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A delegate handed to a constructor runs, through the per-site pseudo function (TreeSummarizer.HandedSites.cs),
    /// where the code that made the object runs; unless the constructor only stores the parameter in a field its type
    /// only invokes ("stored only"): then it runs where the field is invoked, and the making code's escape is dropped.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>Whether the key is a per-site pseudo function of a delegate handed to a constructor.</summary>
        private static bool IsHandedSite(string key) => key.StartsWith(TreeSummarizer.HandedKeyPrefix, System.StringComparison.Ordinal);

        /// <summary>
        /// Whether the key is a per-site function whose constructor only stores the parameter: the making code does not run
        /// the delegate, and the per-site function is no way in at all (not a caller without locks, not a root).
        /// </summary>
        private bool HandedIntoStore(string key)
            => TreeSummarizer.ParameterOfHanded(key) is { } parameterKey && DirectCallers(TreeSummarizer.StoredOnlyKeyOf(parameterKey)).Count > 0;
    }
}
