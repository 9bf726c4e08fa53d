using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// Everything the concurrency model needs from one syntax tree, in compilation-independent keys: its functions, the
    /// writes, calls and concurrent entries in them, DI registrations, semaphore capacities, and which of its types
    /// synchronise their own instance state. Built once per tree object and cached across compilations.
    /// </summary>
    internal sealed class TreeSummary
    {
        public List<FunctionFact> Functions { get; } = new List<FunctionFact>();

        public List<WriteFact> Writes { get; } = new List<WriteFact>();

        public List<CallFact> Calls { get; } = new List<CallFact>();

        public List<EntryFact> Entries { get; } = new List<EntryFact>();

        public List<RegistrationFact> Registrations { get; } = new List<RegistrationFact>();

        /// <summary>Adds to and takes from concurrent collections in fields of <c>this</c> (TreeSummarizer.Queues.cs).</summary>
        public List<QueueUseFact> QueueUses { get; } = new List<QueueUseFact>();

        /// <summary>Types whose start sites run delegates handed to them, by type key.</summary>
        public Dictionary<string, DelegateStartFact> DelegateStarts { get; } = new Dictionary<string, DelegateStartFact>();

        public List<HandoffFact> Handoffs { get; } = new List<HandoffFact>();

        /// <summary>Delegates handed to fork-join dispatches (TreeSummarizer.JoinedDispatches.cs).</summary>
        public List<JoinedHandFact> JoinedHands { get; } = new List<JoinedHandFact>();

        /// <summary>Delegates a constructor keeps in a field that is only passed to calls.</summary>
        public List<HeldWorkerFact> HeldWorkers { get; } = new List<HeldWorkerFact>();

        /// <summary>Whether each implementation of a method waits for the delegate it is given.</summary>
        public List<DispatchJoinFact> DispatchJoins { get; } = new List<DispatchJoinFact>();

        /// <summary>Semaphore fields and properties by key, with their initial count (1 excludes; more does not).</summary>
        public Dictionary<string, int> SemaphoreCounts { get; } = new Dictionary<string, int>();

        /// <summary>
        /// Types that lock, or use Interlocked, for their own instance state, by type key: the functions that do it
        /// (one fact per function, the first place in it), in tree order.
        /// </summary>
        public Dictionary<string, List<SynchronizationFact>> TypeSynchronization { get; } = new Dictionary<string, List<SynchronizationFact>>();

        /// <summary>
        /// Types hidden from other assemblies whose objects are converted to another type here (an interface, a base type,
        /// <c>object</c>), with their base types, by key: only such objects can be called through an interface.
        /// </summary>
        public HashSet<string> ConvertedTypes { get; } = new HashSet<string>();

        /// <summary>
        /// Pairs of a derived source interface and a method that runs one of its inherited members for a type declared
        /// here that implements it (<see cref="ConcurrencyModel.NarrowDispatchKey"/>; TreeSummarizer.NarrowDispatch.cs).
        /// </summary>
        public HashSet<string> NarrowDispatch { get; } = new HashSet<string>();

        /// <summary>Object creations (<c>new T(...)</c>) by the key of each source class the object is an instance of.</summary>
        public Dictionary<string, int> Creations { get; } = new Dictionary<string, int>();

        /// <summary>The creations of <see cref="Creations"/> that store one object for all in a static (TreeSummarizer.Creations.cs).</summary>
        public Dictionary<string, int> OnceCreations { get; } = new Dictionary<string, int>();

        /// <summary>Busy-flag sections of the tree's methods (TreeSummarizer.BusyFlags.cs).</summary>
        public List<BusyFlagFact> BusyFlags { get; } = new List<BusyFlagFact>();

        /// <summary>Whether the tree declares a static <c>Main</c> or top-level statements.</summary>
        public bool DeclaresMain { get; set; }
    }
}
