namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A function that synchronises its type's own instance state (a <c>lock</c> on <c>this</c> or an instance field, a
    /// lock method on an instance field, <c>Interlocked</c>/<c>Volatile</c> on an instance field). It is evidence that
    /// the function runs on many threads, and so does what it calls outside the lock; it says nothing about the type's
    /// other methods (a one-off lazy initialisation under <c>lock (this)</c>, a reference count, a close flag).
    /// </summary>
    internal sealed class SynchronizationFact
    {
        public SynchronizationFact(string typeKey, string functionKey, Evidence evidence)
        {
            TypeKey = typeKey;
            FunctionKey = functionKey;
            Evidence = evidence;
        }

        /// <summary>The type whose instance state is synchronised.</summary>
        public string TypeKey { get; }

        /// <summary>The function that synchronises it.</summary>
        public string FunctionKey { get; }

        /// <summary>Where and how, for messages (<c>uses 'lock'</c>).</summary>
        public Evidence Evidence { get; }
    }
}
