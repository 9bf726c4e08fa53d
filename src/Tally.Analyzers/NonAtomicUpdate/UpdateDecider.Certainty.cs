using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The certainty of a finding (see <see cref="Certainty"/>), whichever rule names it.</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether a certain reason holds for the update beyond the evidence of the rule that reports it: the rules are
        /// ordered by strength of evidence, not by certainty, so a locked partner (TALLY001, inferred) may be named where
        /// the update also runs in a fan-out, holds only a read lock, or is a field of a type declared shared. Asked only
        /// for a finding whose own evidence is not certain, so the search for declared sharing runs for few updates.
        /// </summary>
        private static bool IsCertain(UpdateTarget target, WriteFact self, CertaintyInputs inputs)
        {
            var overlap = inputs.Overlap;
            if (overlap.ByConstruction || overlap.ProducerOfStartedConsumer || (overlap.IsStatic && overlap.OneObjectRace))
            {
                // Copies started together, a producer and the started consumer of one collection of this, or static storage
                // that concurrent code writes through the same storage.
                return true;
            }

            if (overlap.IsStatic && (overlap.FromCaller || overlap.StartRace) && DeclaresStaticOverlap(target, inputs.Member, inputs.Model, inputs.Facts))
            {
                return true; // The update's own function says its callers overlap, without excluding them from the static.
            }

            var options = inputs.Options;
            if (!overlap.SelfLock.HasValue && options.IsOn(EvidenceKinds.Concurrent) && inputs.Model.ReadLockOnly(self).HasValue)
            {
                return true; // Only a read lock: its holders run together by design.
            }

            if (overlap.IsStatic || !(overlap.FromCaller || overlap.StartRace) || !options.IsOn(EvidenceKinds.SharedInstance) || target.Storage.ContainingType == null)
            {
                return false;
            }

            var shared = SharedEvidence(target, inputs.Holder, inputs.Member, self.FunctionKey, inputs.Model, inputs.Facts, options);
            return shared.HasValue && shared.Value.Evidence.Declared;
        }

        /// <summary>
        /// Whether the update is of an array element at an index that is not a constant (<c>counters[slot] += step</c>):
        /// writers that reach the same array may each step an element of their own (a slot per device thread), so
        /// static storage written by concurrent code is no overlap by construction there; a fan-out's copies still are.
        /// </summary>
        private static bool AtVaryingIndex(UpdateTarget target)
            => target.Reference.WalkDownConversions() is IArrayElementReferenceOperation element
                && element.Indices.Any(index => !index.ConstantValue.HasValue);

        /// <summary>What <see cref="IsCertain"/> needs beyond the update, kept with its <see cref="Finding"/>.</summary>
        private sealed class CertaintyInputs
        {
            public CertaintyInputs(Overlap overlap, ISymbol? holder, ISymbol? member, ConcurrencyModel model, CompilationFacts facts, TallyOptions options)
            {
                Overlap = overlap;
                Holder = holder;
                Member = member;
                Model = model;
                Facts = facts;
                Options = options;
            }

            public Overlap Overlap { get; }

            public ISymbol? Holder { get; }

            public ISymbol? Member { get; }

            public ConcurrencyModel Model { get; }

            public CompilationFacts Facts { get; }

            public TallyOptions Options { get; }
        }
    }
}
