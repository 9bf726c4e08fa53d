using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// TALLY007's certainty for a re-read the object keeps (<see cref="ReReadUse.Stored"/>) or decides on
    /// (<see cref="ReReadUse.Decision"/>): certain only when the concurrency model sees the step overlap, with itself or
    /// with another writer of the field, through concurrent code (the overlap TALLY003 reports); otherwise inferred.
    /// A returned value, an index or a key is the step's result handed to the caller (an id, a slot): the member exists
    /// to serve concurrent callers, and the <c>Interlocked</c> call says so. A value kept or decided on inside the object
    /// says no more than that the author wrote <c>Interlocked</c>, which real code also does for an object one thread
    /// at a time uses: linq2db's stack guard counts hops with <c>Interlocked</c> for visibility while one visitor's
    /// recursion moves from thread to thread (fresh15), ACE's player steps a move counter defensively on the world
    /// thread (fresh11), Cachalot's lock takes a debug id in its constructor (fresh7). Every true and latent TALLY007
    /// warning of the real-code samples was a returned value (docs/real-code-evidence.md).
    /// </summary>
    internal static class KeptReReads
    {
        /// <summary>Whether a certain use also needs the model's overlap to stay certain.</summary>
        public static bool NeedsSeenOverlap(this ReReadUse use) => use is ReReadUse.Stored or ReReadUse.Decision;

        /// <summary>
        /// Whether the model sees <paramref name="call"/>'s step overlap; true when it cannot say (a private helper's
        /// step, a write it did not summarise), so a finding it cannot judge keeps the certainty its use gives.
        /// </summary>
        public static bool OverlapSeen(IInvocationOperation call, KnownSymbols known, CompilationFacts facts)
            => !KnownSymbols.Is(call.TargetMethod.ContainingType, known.Interlocked)
               || InterlockedMisuseFacts.GetArgument(call, 0)?.Value is not { } reference
               || UpdateDecider.AtomicStepOverlaps(call, reference, facts) != false;
    }
}
