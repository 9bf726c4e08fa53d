using System.Collections.Generic;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The completion-chain pairs the overlap search leaves out (Model/ConcurrencyModel.Chains.cs).</summary>
    internal static partial class UpdateDecider
    {
        private sealed partial class Overlap
        {
            /// <summary>The class of a write's function, the type of the object it writes through <c>this</c>, when a completion chain is in play.</summary>
            private string[]? TypesOf(WriteFact write, Reach other, ConcurrencyModel model)
                => (Reach.Chain != null || other.Chain != null) && model.Function(write.FunctionKey)?.TypeKey is { } type ? new[] { type } : null;

            /// <summary>
            /// Whether one of two entries writes the object as the step before the other's completion chain: it reaches the
            /// write only through that object's code that then starts an operation on the chain's event args
            /// (<see cref="ReachedEntry.ChainStep"/>), and the other is a completion of that chain. For writes through
            /// <c>this</c> only: a step orders the writes of its own object.
            /// </summary>
            private static bool Chained(ReachedEntry a, ReachedEntry b, bool aThroughThis, bool bThroughThis)
                => (aThroughThis && a.ChainStep != null && a.ChainStep == b.Entry.ContextKey)
                    || (bThroughThis && b.ChainStep != null && b.ChainStep == a.Entry.ContextKey);

            /// <summary>
            /// As <see cref="Chained"/>, for the ordinary code reaching <paramref name="reach"/>'s function and a completion
            /// of the chain: all of it is the chain's step, or the rest reaches the write only through calls on <c>this</c>
            /// from a class whose objects cannot be the object the other run writes (<paramref name="otherTypes"/>: the other
            /// writer's class, or the classes the entry's path calls on the object; a synchronous command's code beside an
            /// asynchronous command's completion).
            /// </summary>
            private static bool CallerChained(Reach reach, ReachedEntry entry, bool throughThis, IReadOnlyList<string>? otherTypes, CompilationFacts facts)
            {
                if (!throughThis || reach.Chain == null || reach.Chain != entry.Entry.ContextKey)
                {
                    return false;
                }

                if (reach.CallerChain == reach.Chain)
                {
                    return true;
                }

                if (otherTypes == null || reach.OtherRoots == null)
                {
                    return false;
                }

                foreach (var root in reach.OtherRoots)
                {
                    if (!OnOtherObject(root, throughThis, otherTypes, facts))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>
            /// Whether a path whose calls on the written object run code of <paramref name="objectTypes"/> writes an object the
            /// other run, whose object is of <paramref name="otherTypes"/>, never writes (in a reach with a completion chain).
            /// </summary>
            private static bool OnOtherObject(List<string>? objectTypes, bool throughThis, IReadOnlyList<string>? otherTypes, CompilationFacts facts)
            {
                if (!throughThis || objectTypes == null || otherTypes == null)
                {
                    return false;
                }

                foreach (var other in otherTypes)
                {
                    if (objectTypes.Exists(type => !facts.CanBeOneObject(type, other)))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
