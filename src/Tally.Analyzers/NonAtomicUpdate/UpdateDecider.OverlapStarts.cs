using Microsoft.CodeAnalysis;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The pairing of two writers' starts for <see cref="UpdateDecider"/>'s overlap search, and how the message names them.</summary>
    internal static partial class UpdateDecider
    {
        private sealed partial class Overlap
        {
            /// <summary>
            /// Two writers' reaches overlap when some entry of one runs at the same time as some context of the other: the
            /// entry named, and the other writer's start (none when it runs from ordinary calls); FromCalls when it is the
            /// update's own ordinary calls that overlap the other writer's start. With <paramref name="beyondPeriodicSelf"/>,
            /// a pair of one entry's runs that overlap undeclared (<see cref="UndeclaredSelfOverlap"/>) is passed over.
            /// </summary>
            private static (ReachedEntry Start, ReachedEntry? StartedWith, bool FromCalls)? OverlappingStart(Reach first, Reach second, (bool ThroughThis, string[]? Types) firstWrite, (bool ThroughThis, string[]? Types) secondWrite, CompilationFacts facts, bool beyondPeriodicSelf = false, bool beyondLazy = false)
            {
                var firstThroughThis = firstWrite.ThroughThis;
                var secondThroughThis = secondWrite.ThroughThis;
                foreach (var a in first.Entries)
                {
                    if (beyondLazy && a.ThroughLazyInitializer)
                    {
                        continue; // Asked for an overlap that passes no lazy initialiser.
                    }

                    var aTaken = Taken(a, firstThroughThis);
                    foreach (var b in second.Entries)
                    {
                        if (aTaken && Taken(b, secondThroughThis))
                        {
                            continue; // Two takers: the pool gives one object to one of them at a time.
                        }

                        if (Chained(a, b, firstThroughThis, secondThroughThis)
                            || OnOtherObject(a.ObjectTypes, firstThroughThis, secondWrite.Types, facts) || OnOtherObject(b.ObjectTypes, secondThroughThis, firstWrite.Types, facts))
                        {
                            continue; // One step of a completion chain before the completion it started, or two objects.
                        }

                        if (beyondLazy && b.ThroughLazyInitializer)
                        {
                            continue;
                        }

                        if (beyondPeriodicSelf && ReferenceEquals(a.Entry, b.Entry) && UndeclaredSelfOverlap(a))
                        {
                            continue; // Asked for another overlap than one periodic timer's (or one start's) runs with each other.
                        }

                        if (!a.Entry.SameContext(b.Entry) || (a.Many && !aTaken))
                        {
                            return (a, b, false);
                        }
                    }

                    if (second.FromCaller && !aTaken && !CallerChained(second, a, secondThroughThis, firstWrite.Types, facts))
                    {
                        return (a, null, false);
                    }
                }

                if (first.FromCaller)
                {
                    foreach (var b in second.Entries)
                    {
                        if (!Taken(b, secondThroughThis) && !(beyondLazy && b.ThroughLazyInitializer) && !CallerChained(first, b, firstThroughThis, secondWrite.Types, facts))
                        {
                            return (b, b, true);
                        }
                    }
                }

                return null;
            }

            /// <summary>
            /// Whether the entry writes the object through one its run took from a pool (ConcurrencyModel.Ownership.cs),
            /// for a write of the function's own object. Such a run holds the object alone until it hands it on: it
            /// overlaps neither itself, nor another taker, nor ordinary code (which gets the object from a holder or the
            /// pool, before or after); only a concurrent run that reaches the object another way, a holder that kept it
            /// after giving it back, may overlap it.
            /// </summary>
            private static bool Taken(ReachedEntry entry, bool throughThis) => throughThis && entry.ThroughTaken;

            /// <summary>
            /// Whether two runs of the entry overlap only in a way the code does not declare: one periodic timer's handler,
            /// started once where it is (not in a loop or per item), whose runs overlap only when one outlasts the period
            /// (<see cref="EntryFact.Periodic"/>); or a start of one run whose method ordinary code may call again, and
            /// nothing else makes it repeat (<see cref="ReachedEntry.AgainOnlyByCalls"/>: a loop started once after login).
            /// </summary>
            private static bool UndeclaredSelfOverlap(ReachedEntry entry) => (entry.Entry.Periodic && !entry.Entry.Repeated) || entry.AgainOnlyByCalls;

            /// <summary>How the other writer runs, for the message.</summary>
            private static string How(ReachedEntry? startedWith)
                => startedWith is { } b ? ", started with " + b.Entry.Description + " at " + Where(b.Entry.Location) : " from ordinary calls";

            private static bool HasOtherContext(Reach reach, ReachedEntry reached, bool throughThis, bool chainedThrough = false, bool besidesLazy = false)
            {
                var taken = Taken(reached, throughThis);
                foreach (var other in reach.Entries)
                {
                    if (!(besidesLazy && other.ThroughLazyInitializer) && !other.Entry.SameContext(reached.Entry) && !(taken && Taken(other, throughThis)) && !Chained(reached, other, chainedThrough, chainedThrough))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static string Where(Location location)
            {
                var span = location.GetLineSpan();
                return System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
