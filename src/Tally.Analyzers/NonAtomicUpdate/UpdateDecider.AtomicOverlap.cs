using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>The overlap question of the update rules, asked of an atomic step (TALLY007's certainty).</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether the concurrency model sees <paramref name="call"/>, an <c>Interlocked</c> step of the storage that
        /// <paramref name="reference"/> (its <c>ref</c> argument) names, overlap with itself or with another writer of
        /// that storage through concurrent code: the start-made overlap (<see cref="Overlap.StartRace"/>) that TALLY003
        /// reports, found with the same search (locks, callers' locks, one-caller contracts and constructors as there).
        /// Ordinary public callers alone are not such evidence, nor a public function whose every call in the compilation
        /// holds a lock of the receiver that every other writer holds too (ConcurrencyModel.ReceiverFieldLocks.cs: only
        /// outside callers can overlap). <c>null</c> when the model has no write for the call.
        /// </summary>
        public static bool? AtomicStepOverlaps(IInvocationOperation call, IOperation reference, CompilationFacts facts)
        {
            var target = UpdateTarget.ForAtomicCall(call, reference);
            var storageKey = target == null ? null : facts.KeyOf(target.Storage);
            if (target == null || storageKey == null)
            {
                return null;
            }

            var model = facts.Model.Value;
            var write = model.WriteAt(storageKey, call.Syntax);
            return write == null
                ? null
                : !write.Excluded && !model.ExcludedByCallersOfPublicFunction(write) && Overlap.Find(target, HolderOf(target), write, model, facts, facts.Options.Get(call.Syntax.SyntaxTree)).StartRace;
        }
    }
}
