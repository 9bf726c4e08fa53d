namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>How many objects of a class the compilation makes (TreeSummarizer.Creations.cs).</summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>Whether a tree of the compilation declares a static <c>Main</c> or top-level statements: an application.</summary>
        public bool DeclaresMain => _facts.DeclaresMain || (_overlay?.DeclaresMain ?? false);

        /// <summary>
        /// Whether the compilation makes objects of the class <paramref name="typeKey"/> (or of its subclasses) at one site
        /// only, and that site stores the one object for all in a static from a static function, outside loops and lambdas.
        /// </summary>
        public bool MadeOnceForAll(string typeKey)
            => Count(_facts.Creations, _overlay?.Creations, typeKey) == 1 && Count(_facts.OnceCreations, _overlay?.OnceCreations, typeKey) == 1;

        private static int Count(System.Collections.Generic.Dictionary<string, int> facts, System.Collections.Generic.Dictionary<string, int>? overlay, string key)
            => (facts.TryGetValue(key, out var sites) ? sites : 0) + (overlay != null && overlay.TryGetValue(key, out var more) ? more : 0);
    }
}
