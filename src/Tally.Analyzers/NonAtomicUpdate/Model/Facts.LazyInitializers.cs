namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>The lazy-initialiser guard of a call (see <see cref="Model.LazyGuard"/>), set where the call fact is made.</summary>
    internal sealed partial class CallFact
    {
        /// <summary>The null test of a cached field the call runs under in its function, or <c>null</c>.</summary>
        public LazyGuard? LazyGuard { get; private set; }

        /// <summary>This fact, with <paramref name="guard"/> as its <see cref="LazyGuard"/>.</summary>
        internal CallFact WithLazyGuard(LazyGuard? guard)
        {
            LazyGuard = guard;
            return this;
        }
    }

    /// <summary>The lazy-initialiser guard of a write (see <see cref="Model.LazyGuard"/>), set where the write fact is made.</summary>
    internal sealed partial class WriteFact
    {
        /// <summary>
        /// The null test of a cached field the write runs under in its function, kept only when that region assigns the
        /// field itself (a lazy initialiser's own write, <c>if (_conf.FeatureSet &lt; 1) _conf.FeatureSet = 1;</c> after
        /// <c>_conf = Load();</c>), or <c>null</c>.
        /// </summary>
        public LazyGuard? LazyGuard { get; private set; }

        /// <summary>This fact, with <paramref name="guard"/> as its <see cref="LazyGuard"/> when the region assigns the field.</summary>
        internal WriteFact WithLazyGuard(LazyGuard? guard)
        {
            LazyGuard = guard is { AssignedInRegion: true } ? guard : null;
            return this;
        }
    }
}
