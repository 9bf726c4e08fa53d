namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A call or write that runs only while a cached static field is still null, in its own function: the branch of
    /// <c>if (_items == null)</c>, the rest after <c>if (_conf != null) return _conf;</c>, the right side of
    /// <c>_items ?? Load()</c> or <c>_items ??= Load()</c> (TreeSummarizer.LazyInitializers.cs). Not an instance field: an
    /// object's first use may come at any time. A lazy initialiser is such a region that assigns the field, itself or,
    /// for a call, in the function it calls (ConcurrencyModel.LazyInitializers.cs).
    /// </summary>
    internal sealed class LazyGuard
    {
        public LazyGuard(string fieldKey, bool assignedInRegion)
        {
            FieldKey = fieldKey;
            AssignedInRegion = assignedInRegion;
        }

        /// <summary>The storage key of the field tested for null.</summary>
        public string FieldKey { get; }

        /// <summary>Whether the region assigns the field itself (outside lambdas and local functions).</summary>
        public bool AssignedInRegion { get; }
    }
}
