namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Handlers of a static event declared in source run where the compilation raises the event, not on threads of their
    /// own (docs/detection-model.md, "Static events raised in the compilation").
    /// </summary>
    internal sealed partial class ConcurrencyModel
    {
        /// <summary>
        /// Drops the <see cref="Multiplicity.Many"/> entry of every handler of a static event that some function of the
        /// compilation raises: the raise calls the event's pseudo function, which calls the handler (TreeSummarizer.Events.cs),
        /// so the handler runs in the raising code, concurrently only where that code is. The entry of a handler of an
        /// event nobody in the compilation raises (raised by reflection, by generated code) stays.
        /// </summary>
        private void DropRaisedStaticEvents()
        {
            DropRaisedStaticEvents(_facts);
            if (_overlay != null)
            {
                DropRaisedStaticEvents(_overlay);
            }
        }

        private void DropRaisedStaticEvents(ModelFacts source)
        {
            foreach (var handlerKey in source.StaticEventHandlers)
            {
                var entries = EntriesOf(handlerKey);
                if (entries.Exists(Raised))
                {
                    Own(_entries, handlerKey, entries).RemoveAll(Raised);
                }
            }
        }

        /// <summary>Whether <paramref name="entry"/> is a static event handler's entry and some function of the compilation raises that event.</summary>
        private bool Raised(EntryFact entry) => entry.StaticEventKey != null && DirectCallers(entry.StaticEventKey).Count > 0;
    }
}
