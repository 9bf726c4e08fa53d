namespace Tally.Analyzers
{
    /// <summary>The categories Tally's diagnostics belong to.</summary>
    internal static class DiagnosticCategories
    {
        public const string Concurrency = "Concurrency";

        public const string Configuration = "Configuration";
    }
}
