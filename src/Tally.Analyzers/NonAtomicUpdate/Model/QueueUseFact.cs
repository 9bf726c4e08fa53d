namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A function that adds to, or takes from, a concurrent collection held in a field of its own object
    /// (<c>_work.Enqueue(x)</c>, <c>_jobs.GetConsumingEnumerable()</c>, <c>_events.Reader.ReadAllAsync()</c>):
    /// TreeSummarizer.Queues.cs. A producer and a started consumer of one such field run at once by the collection's
    /// purpose (UpdateDecider.Producers.cs).
    /// </summary>
    internal sealed class QueueUseFact
    {
        public QueueUseFact(string typeKey, string fieldKey, string functionKey, bool adds)
        {
            TypeKey = typeKey;
            FieldKey = fieldKey;
            FunctionKey = functionKey;
            Adds = adds;
        }

        /// <summary>The type of the function that adds or takes (the model finds the facts by it).</summary>
        public string TypeKey { get; }

        /// <summary>The field (or auto-property) holding the collection.</summary>
        public string FieldKey { get; }

        /// <summary>The function that adds or takes.</summary>
        public string FunctionKey { get; }

        /// <summary>Whether the function adds to the collection (else it takes from it).</summary>
        public bool Adds { get; }
    }
}
