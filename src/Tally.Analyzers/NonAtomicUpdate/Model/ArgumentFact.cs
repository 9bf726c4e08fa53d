namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// An argument of a call that may be an object the caller just made: a <c>new</c> object (or a local initialised with
    /// one, or with a <c>Create*</c>-style factory), a local initialised by a call of a source method (fresh when that
    /// method returns only new objects), or one of the caller's own parameters (fresh when the caller's is).
    /// </summary>
    internal readonly struct ArgumentFact
    {
        public ArgumentFact(int ordinal, bool isNew, string? factoryKey, int callerParameter)
        {
            Ordinal = ordinal;
            IsNew = isNew;
            FactoryKey = factoryKey;
            CallerParameter = callerParameter;
        }

        /// <summary>The callee's parameter the argument is passed to.</summary>
        public int Ordinal { get; }

        public bool IsNew { get; }

        public string? FactoryKey { get; }

        public int CallerParameter { get; }
    }
}
