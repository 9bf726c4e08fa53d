namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Whether a call's task is awaited right there (ConcurrencyModel.HostedStart.cs).</summary>
    internal sealed partial class CallFact
    {
        /// <summary>
        /// Whether the call is the operand of an <c>await</c> (<c>await StepAsync()</c>, also through
        /// <c>ConfigureAwait</c>): the caller goes on only when the callee has finished, so an async callee's body does not
        /// run beside the rest of its caller.
        /// </summary>
        public bool Awaited { get; private set; }

        /// <summary>This fact, with <paramref name="awaited"/> as its <see cref="Awaited"/>.</summary>
        internal CallFact WithAwaited(bool awaited)
        {
            Awaited = awaited;
            return this;
        }
    }
}
