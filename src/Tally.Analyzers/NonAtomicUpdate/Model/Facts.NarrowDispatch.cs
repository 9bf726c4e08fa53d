namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>The interface the receiver of an interface call is typed as (TreeSummarizer.NarrowDispatch.cs).</summary>
    internal sealed partial class CallFact
    {
        /// <summary>
        /// For a call of an interface member on a receiver typed as a source interface deriving from the member's own
        /// (<c>IStatus control; control.Refresh()</c>), that interface's key: only the implementations the types
        /// implementing it use may run. <c>null</c> for any other call.
        /// </summary>
        public string? ReceiverInterface { get; private set; }

        /// <summary>This fact, with <paramref name="receiverInterface"/> as its <see cref="ReceiverInterface"/>.</summary>
        internal CallFact WithReceiverInterface(string? receiverInterface)
        {
            ReceiverInterface = receiverInterface;
            return this;
        }
    }
}
