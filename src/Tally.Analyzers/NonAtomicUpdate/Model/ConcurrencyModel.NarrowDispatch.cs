namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Narrowed interface dispatch (TreeSummarizer.NarrowDispatch.cs): a call through a receiver typed as a derived
    /// source interface runs only the implementations that the types implementing that interface use.
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>The pair key of <see cref="TreeSummary.NarrowDispatch"/>: a derived interface and a method that runs for it.</summary>
        internal static string NarrowDispatchKey(string interfaceKey, string implementationKey) => interfaceKey + "\n" + implementationKey;

        /// <summary>
        /// Whether <paramref name="function"/>, an implementation of the callee, may run for the call: any may when the
        /// call's receiver is not typed as a narrower interface (<see cref="CallFact.ReceiverInterface"/>); otherwise
        /// only one that a type implementing that interface uses for the member.
        /// </summary>
        private bool MayRunThrough(FunctionFact function, CallFact call)
        {
            if (call.ReceiverInterface == null)
            {
                return true;
            }

            var pair = NarrowDispatchKey(call.ReceiverInterface, function.Key);
            return _facts.NarrowDispatch.Contains(pair) || (_overlay != null && _overlay.NarrowDispatch.Contains(pair));
        }
    }
}
