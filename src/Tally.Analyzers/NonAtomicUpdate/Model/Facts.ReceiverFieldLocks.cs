using System.Collections.Immutable;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>The locks a call holds on its receiver's own readonly fields (TreeSummarizer.ReceiverFieldLocks.cs).</summary>
    internal sealed partial class CallFact
    {
        /// <summary>
        /// The lock keys of the readonly fields of the call's receiver that the caller locks around the call
        /// (<c>lock (services.BreakpointsLock) { services.NextId(); }</c>): in the callee, locks on its own object.
        /// </summary>
        public ImmutableArray<string> ReceiverFieldLocks { get; }
    }
}
