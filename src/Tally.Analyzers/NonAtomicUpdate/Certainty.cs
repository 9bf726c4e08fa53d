using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// How certain a finding's overlap is. <see cref="Certain"/>: the code itself declares that two writers run at once
    /// (the storage is written atomically elsewhere, a read lock admits many holders, a fan-out runs copies at once, the
    /// storage is static, the type is declared shared). <see cref="Inferred"/>: the analyzer concluded it (an instance
    /// assumed shared because it locks other state, handlers assumed to overlap for one instance, a thread paired with
    /// ordinary calls). On real code the inferred findings carry nearly every false alarm (docs/real-code-evidence.md),
    /// so they are reported at <c>tally.inferred_severity</c> (hidden, <c>silent</c>, by default), certain ones at the rule's own.
    /// </summary>
    internal enum Certainty
    {
        Certain,
        Inferred,
    }

    /// <summary>Where a finding's certainty is decided, and how it becomes the diagnostic's severity and property.</summary>
    internal static class Certainties
    {
        /// <summary>The diagnostic property that carries the certainty (<c>Certain</c> or <c>Inferred</c>), for fixes and tools.</summary>
        public const string PropertyName = "Certainty";

        public static Certainty Of(bool certain) => certain ? Certainty.Certain : Certainty.Inferred;

        /// <summary>
        /// The severity a finding is reported at: the descriptor's for a certain one, <c>tally.inferred_severity</c>'s for
        /// an inferred one; <c>null</c> when that option says <c>none</c> (not reported). A configured
        /// <c>dotnet_diagnostic.ID.severity</c> still overrides either, as Roslyn applies it after the analyzer.
        /// </summary>
        public static DiagnosticSeverity? SeverityOf(DiagnosticDescriptor descriptor, Certainty certainty, TallyOptions options)
        {
            if (certainty == Certainty.Certain)
            {
                return descriptor.DefaultSeverity;
            }

            return options.InferredSeverity.ToSeverity(descriptor.DefaultSeverity);
        }

        /// <summary>
        /// The diagnostic for a finding of <paramref name="certainty"/> at its severity (see <see cref="SeverityOf"/>),
        /// with the certainty added to <paramref name="properties"/>; <c>null</c> when inferred findings are off.
        /// </summary>
        public static Diagnostic? Create(DiagnosticDescriptor descriptor, Certainty certainty, TallyOptions options, Location location, IEnumerable<Location>? additionalLocations, ImmutableDictionary<string, string?> properties, params object?[] messageArguments)
        {
            var severity = SeverityOf(descriptor, certainty, options);
            return severity.HasValue
                ? Diagnostic.Create(descriptor, location, severity.Value, additionalLocations, properties.SetItem(PropertyName, certainty.ToString()), messageArguments)
                : null;
        }

        /// <summary>
        /// Whether <paramref name="reached"/> overlaps with itself by construction: its runs are copies started together
        /// (<see cref="EntryFact.FansOut"/>), or another entry reaching the same code was started by the same
        /// <c>Task.WhenAll(A(), B())</c> on the same object, and the update is in the started code itself, so every copy
        /// writes the storage of one object (the started code's <c>this</c> when it is one in every start, see
        /// <see cref="EntryFact.SameThis"/>; a static; a captured variable). Not for handlers and timers that may fire
        /// again while running, nor for a start paired with ordinary calls, nor for copies started on an object each
        /// (<c>Task.Run(item.Drain)</c> per item), nor for code the copies reach through calls, whose objects may be their
        /// own unless every call is on one object: those overlaps are inferred.
        /// </summary>
        public static bool ByConstruction(ReachedEntry reached, List<ReachedEntry> all, bool throughThis)
        {
            if (throughThis && reached.OneCallback && reached.Many && reached.Entry.FansOut)
            {
                return true; // Every copy invokes one stored callback value, on the handing code's object (ConcurrencyModel.StoredCallbacks.cs).
            }

            if (reached.Distance > 0)
            {
                // Reached through calls: the copies may each work on an object of their own (a request each), unless every
                // call on the way runs on one object in every copy and the update is of that object.
                return throughThis && reached.SameObject && reached.Many && reached.Entry.FansOut && reached.Entry.SameThis;
            }

            if (reached.Many && reached.Entry.FansOut && reached.Entry.SameThis)
            {
                // In the started code itself: every copy writes one object only if the copies' own object is one (a
                // lambda's, or a method group's or unawaited call's receiver that is this, a static or a readonly field);
                // Task.Run(item.Drain) or item.RunAsync() per loop item writes each item's own state.
                return true;
            }

            foreach (var other in all)
            {
                if (StartedTogether(reached, other))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether two different entries were started by one <c>Task.WhenAll(A(), B())</c> call.</summary>
        public static bool StartedTogether(ReachedEntry first, ReachedEntry? second)
            => second is { } other && !ReferenceEquals(first.Entry, other.Entry) && first.Distance == 0 && other.Distance == 0
                && first.Entry.FanOutGroup != null && first.Entry.FanOutGroup == other.Entry.FanOutGroup;
    }
}
