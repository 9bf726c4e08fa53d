using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// A function that synchronises its type's own instance state (a <c>lock</c> on <c>this</c> or an instance field, a
    /// lock method on an instance field, <c>Interlocked</c>/<c>Volatile</c> on an instance field). It is evidence that
    /// the function runs at the same time as the other functions that synchronise on the same objects (or, when no other
    /// function does, as another run of itself), and so does what it calls outside the lock; it says nothing about the
    /// type's other methods (a one-off lazy initialisation under <c>lock (this)</c>, a reference count, a close flag).
    /// </summary>
    internal sealed class SynchronizationFact
    {
        private readonly List<string> _objects = new List<string>(1);

        public SynchronizationFact(string typeKey, string functionKey, Evidence evidence, bool semaphoreWait = false)
        {
            SemaphoreWait = semaphoreWait;
            TypeKey = typeKey;
            FunctionKey = functionKey;
            Evidence = evidence;
        }

        /// <summary>The type whose instance state is synchronised.</summary>
        public string TypeKey { get; }

        /// <summary>The function that synchronises it.</summary>
        public string FunctionKey { get; }

        /// <summary>Where and how, for messages (<c>uses 'lock'</c>), from the first place in the function.</summary>
        public Evidence Evidence { get; }

        /// <summary>
        /// Whether that first place is a blocking wait on a <c>SemaphoreSlim</c> (<c>Wait</c> or <c>WaitAsync</c>): the
        /// function is entered while another caller may hold the semaphore (UpdateDecider.WaitsInTheUpdate).
        /// </summary>
        public bool SemaphoreWait { get; }

        /// <summary>
        /// What the function synchronises on, by key: the locked field or property (<c>this</c> for <c>lock (this)</c>),
        /// the field updated with <c>Interlocked</c>, the lock object or concurrent collection used. Filled while the
        /// function's tree is summarised, read-only afterwards.
        /// </summary>
        public IReadOnlyList<string> Objects => _objects;

        /// <summary>Records one more object the function synchronises on (while summarising).</summary>
        internal void AddObject(string objectKey)
        {
            if (!_objects.Contains(objectKey))
            {
                _objects.Add(objectKey);
            }
        }
    }
}
