using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// Overlaps through a lazy initialiser (ConcurrencyModel.LazyInitializers.cs, docs/detection-model.md "A lazy
    /// initialiser reached from a timer"): an entry that reaches a writer only through a region that runs while a cached
    /// field is null, which ordinary code runs too, writes there only if nothing loaded the field before it ran. Such an
    /// overlap is inferred, not certain; another overlap of the same writers keeps the finding certain.
    /// </summary>
    internal static partial class UpdateDecider
    {
        private sealed partial class Overlap
        {
            /// <summary>Whether either side of a pair of writers' starts reaches its writer only through a lazy initialiser.</summary>
            private static bool ThroughLazyInitializer((ReachedEntry Start, ReachedEntry? StartedWith, bool FromCalls) pair)
                => pair.Start.ThroughLazyInitializer || (pair.StartedWith is { } with && with.ThroughLazyInitializer);

            /// <summary>
            /// When the first pair of the two writers' starts found (<paramref name="found"/>) passed a lazy initialiser: the
            /// pair searched again past such entries, so an overlap of the pair that passes none (the same writer also
            /// stepped from a started loop) stays as certain as before.
            /// </summary>
            private void BeyondLazyInitializers((ReachedEntry Start, ReachedEntry? StartedWith, bool FromCalls) found, WriteFact self, WriteFact write, Reach other, (bool ThroughThis, string[]? Types) selfWrite, (bool ThroughThis, string[]? Types) otherWrite, CompilationFacts facts)
            {
                if (ThroughLazyInitializer(found) && OverlappingStart(Reach, other, selfWrite, otherWrite, facts, beyondLazy: true) is { } beyond)
                {
                    var periodicSelf = !beyond.FromCalls && beyond.StartedWith is { } with && ReferenceEquals(with.Entry, beyond.Start.Entry) && UndeclaredSelfOverlap(with);
                    Started(beyond.Start, null, Certainties.StartedTogether(beyond.Start, beyond.StartedWith), oneObject: !ThroughAnotherStaticHolder(self, write), periodicSelf);
                }
            }
        }
    }
}
