using System.Collections.Generic;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>A concurrent entry that reaches a function, how many calls away, and whether it overlaps with itself.</summary>
    internal readonly struct ReachedEntry
    {
        public ReachedEntry(EntryFact entry, int distance, bool many, string viaName, bool throughOwned = false, bool throughTaken = false, string? chainStep = null, List<string>? objectTypes = null, bool sameObject = false, int libraryCalls = 0, bool oneCallback = false, bool throughLazyInitializer = false, bool againOnlyByCalls = false)
        {
            AgainOnlyByCalls = againOnlyByCalls;
            ThroughLazyInitializer = throughLazyInitializer;
            OneCallback = oneCallback;
            LibraryCalls = libraryCalls;
            SameObject = sameObject;
            ObjectTypes = objectTypes;
            ChainStep = chainStep;
            ThroughTaken = throughTaken;
            ThroughOwned = throughOwned;
            Entry = entry;
            Distance = distance;
            Many = many;
            ViaName = viaName;
        }

        public EntryFact Entry { get; }

        /// <summary>
        /// Whether every way from the entry to the function passes a lazy initialiser (ConcurrencyModel.LazyInitializers.cs):
        /// a call made only while a cached field is null, in a region that assigns it, of a function ordinary code runs
        /// too. The entry's runs write there only if nothing initialised the field before them.
        /// </summary>
        public bool ThroughLazyInitializer { get; }

        /// <summary>This entry, marked as reaching the function only through a lazy initialiser.</summary>
        public ReachedEntry WithLazyInitializer()
            => new ReachedEntry(Entry, Distance, Many, ViaName, ThroughOwned, ThroughTaken, ChainStep, ObjectTypes, SameObject, LibraryCalls, OneCallback, throughLazyInitializer: true, againOnlyByCalls: AgainOnlyByCalls);

        public int Distance { get; }

        /// <summary>
        /// The calls of <see cref="Distance"/> above the invocation of a stored callback, in the code that runs it
        /// (ConcurrencyModel.Reach.cs, <c>StoredCallbackCalls</c>): they do not count against <c>tally.call_depth</c>.
        /// </summary>
        public int LibraryCalls { get; }

        /// <summary>Whether the calls that count (<see cref="Distance"/> less <see cref="LibraryCalls"/>) are within <c>tally.call_depth</c>.</summary>
        public bool WithinDepth(int callDepth) => Distance - LibraryCalls <= callDepth;

        /// <summary>
        /// Whether every run of the entry invokes one stored callback value: made once on the handing code's object (a
        /// method group on <c>this</c>, a lambda), handed to a method that only passes it on, stored by a constructor in
        /// a field the command only invokes, and the entry started within that method's call (ConcurrencyModel.StoredCallbacks.cs).
        /// A write of the callback's own object is then a write of one object in every run.
        /// </summary>
        public bool OneCallback { get; }

        /// <summary>Whether runs of this entry overlap with each other.</summary>
        public bool Many { get; }

        /// <summary>
        /// Whether <see cref="Many"/> rests only on the start's method being one ordinary code may call again: a start of
        /// one run (<c>Task.Run</c>, a thread, an unawaited call), not in a loop or per item, not a fan-out, in a method
        /// that no concurrent code reaches. Nothing in the code declares a second run (a loop started once after login),
        /// so the entry's overlap with itself alone is inferred, as one periodic timer's is (UpdateDecider.OverlapStarts.cs).
        /// </summary>
        public bool AgainOnlyByCalls { get; }

        /// <summary>The function the entry starts, for messages (<c>Worker.Run</c>).</summary>
        public string ViaName { get; }

        /// <summary>Whether the path from the entry calls through an object it created: instance state is then its own.</summary>
        public bool ThroughOwned { get; }

        /// <summary>
        /// Whether the path from the entry calls the function's own object through an object the entry's run took from a
        /// pool (see <see cref="CallFact.Taken"/>): each run holds its own object while it writes it.
        /// </summary>
        public bool ThroughTaken { get; }

        /// <summary>
        /// Whether every call on the path from the entry's code to the function runs on the same object in every run of the
        /// entry (<see cref="CallFact.SameObject"/>): a write of the function's own object is then a write of one object.
        /// </summary>
        public bool SameObject { get; }

        /// <summary>
        /// The context of a completion chain (ConcurrencyModel.Chains.cs) when every path from the entry reaches the function
        /// through a call of one object's code that a start of an operation on the chain's event args follows: for a write
        /// of that object, the entry's run is the step before a completion of that chain and does not overlap it.
        /// </summary>
        public string? ChainStep { get; }

        /// <summary>
        /// In a reach with a completion chain (<see cref="Reach.Chain"/>), the classes of the functions the entry's path
        /// calls on the written object itself (the calls on <c>this</c> nearest the write): that object is of each of them.
        /// </summary>
        public List<string>? ObjectTypes { get; }
    }

    /// <summary>
    /// How a function can be running: the concurrent entries that reach it along calls, and whether it is reached from
    /// ordinary code (a root: a function nobody in the compilation calls, such as a public API or Main).
    /// </summary>
    internal sealed class Reach
    {
        public Reach(List<ReachedEntry> entries, bool fromCaller, bool mainOnly)
        {
            Entries = entries;
            FromCaller = fromCaller;
            MainOnly = mainOnly;
        }

        public List<ReachedEntry> Entries { get; }

        /// <summary>Whether ordinary (non-concurrent) code reaches the function: the caller's thread.</summary>
        public bool FromCaller { get; }

        /// <summary>Whether the only ordinary code reaching it is <c>Main</c> (or top-level statements): single-threaded start-up.</summary>
        public bool MainOnly { get; }

        /// <summary>As <see cref="ReachedEntry.ChainStep"/>, for the ordinary code reaching the function (all of it), or <c>null</c>.</summary>
        public string? CallerChain { get; set; }

        /// <summary>The completion chain whose steps are marked in this reach (ConcurrencyModel.Chains.cs), or <c>null</c>.</summary>
        public string? Chain { get; set; }

        /// <summary>
        /// For a reach with a <see cref="Chain"/>, the ordinary code reaching the function other than through the chain's
        /// steps: per root, the classes of the functions its path calls on the written object itself (the calls on
        /// <c>this</c> nearest the write: that object is of each of them), or <c>null</c> (any object).
        /// </summary>
        public List<List<string>?>? OtherRoots { get; set; }
    }
}
