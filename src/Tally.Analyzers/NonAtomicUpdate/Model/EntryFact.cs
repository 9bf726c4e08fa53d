using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>A place where code starts to run concurrently with the code that started it.</summary>
    internal sealed class EntryFact
    {
        public EntryFact(string functionKey, string? enclosingKey, string description, Location location, Multiplicity multiplicity, bool repeated, bool guarded = false, string? contextKey = null, bool inheritsScheduler = false, bool fansOut = false, string? fanOutGroup = null, bool sameThis = false, string? staticEventKey = null, bool periodic = false, StatementPlace? place = null)
        {
            Place = place;
            Periodic = periodic;
            StaticEventKey = staticEventKey;
            SameThis = sameThis;
            FansOut = fansOut;
            FanOutGroup = fanOutGroup;
            InheritsScheduler = inheritsScheduler;
            ContextKey = contextKey;
            Guarded = guarded;
            FunctionKey = functionKey;
            EnclosingKey = enclosingKey;
            Description = description;
            Location = location;
            Multiplicity = multiplicity;
            Repeated = repeated;
        }

        /// <summary>The function that starts running (a lambda, method group, local function, override).</summary>
        public string FunctionKey { get; }

        /// <summary>The function holding the start site; <c>null</c> for entries the runtime calls (overrides, contracts).</summary>
        public string? EnclosingKey { get; }

        public string Description { get; }

        public Location Location { get; }

        public Multiplicity Multiplicity { get; }

        /// <summary>Whether the start site itself runs repeatedly: in a loop, or in a lambda that runs per item.</summary>
        public bool Repeated { get; }

        /// <summary>Entries with one context key run in one serial context (an exclusive scheduler): they never overlap each other.</summary>
        public string? ContextKey { get; }

        /// <summary>Whether this and <paramref name="other"/> are one context.</summary>
        public bool SameContext(EntryFact other) => ReferenceEquals(this, other) || (ContextKey != null && ContextKey == other.ContextKey);

        /// <summary>
        /// Whether the started code runs on the starter's current task scheduler (<c>ContinueWith</c> without a scheduler):
        /// started from code confined to a single-threaded executor, it runs on that executor too.
        /// </summary>
        public bool InheritsScheduler { get; }

        /// <summary>Whether the start site is guarded (inside an <c>if</c>, after an early return, a <c>??=</c>): it starts once.</summary>
        public bool Guarded { get; }

        /// <summary>
        /// Whether runs of this entry overlap with each other by construction, not by inference: a fan-out
        /// (<c>Parallel</c>, PLINQ, <c>Task.WhenAll</c> over a projection) or a thread start in a loop. The certainty of a
        /// finding rests on it (NonAtomicUpdate/Certainty.cs).
        /// </summary>
        public bool FansOut { get; }

        /// <summary>
        /// Whether the started code's own object is the same in every run (a lambda's is the enclosing code's; a method
        /// group's or an unawaited call's is its receiver: <c>this</c>, a static, a readonly field of either), so that a
        /// fan-out reaching a write through calls on that object writes one object (NonAtomicUpdate/Certainty.cs).
        /// </summary>
        public bool SameThis { get; }

        /// <summary>
        /// For a call whose task goes straight into <c>Task.WhenAll(A(), B())</c>: that <c>WhenAll</c> call, as a key. Two
        /// entries of one group run at once by construction.
        /// </summary>
        public string? FanOutGroup { get; }

        /// <summary>
        /// For a handler of a static event declared in source, the event's pseudo function (<see cref="TreeSummarizer.EventKeyPrefix"/>):
        /// the entry stands only while nothing in the compilation raises the event. A raise calls the handler where it
        /// runs (TreeSummarizer.Events.cs), so the model drops the entry when the pseudo function has a caller.
        /// </summary>
        public string? StaticEventKey { get; }

        /// <summary>
        /// Whether the entry is one periodic timer's handler (<see cref="StartSite.Periodic"/>): its runs overlap each
        /// other only when a run outlasts the period, so an overlap of it with itself alone is inferred, not certain.
        /// </summary>
        public bool Periodic { get; }

        /// <summary>
        /// Where the start's delegate is made in <see cref="EnclosingKey"/>'s body, block by block (see <see cref="StatementPlace"/>),
        /// or <c>null</c>: orders a start made in <c>Main</c> after its set-up calls (ConcurrencyModel.StartOrder.cs).
        /// </summary>
        public StatementPlace? Place { get; }
    }
}
