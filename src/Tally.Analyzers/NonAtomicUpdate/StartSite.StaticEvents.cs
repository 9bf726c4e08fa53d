using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>Handlers of a static event declared in source (docs/detection-model.md, "Static events raised in the compilation").</summary>
    internal sealed partial class StartSite
    {
        /// <summary>
        /// For a handler added to a static event declared in source, that event. The handler is a <see cref="Multiplicity.Many"/>
        /// entry only while nothing in the compilation raises the event: where the compilation raises it, the handler runs
        /// there (TreeSummarizer.Events.cs), and the model drops the entry (ConcurrencyModel.StaticEvents.cs).
        /// </summary>
        public IEventSymbol? StaticEvent { get; private set; }
    }
}
