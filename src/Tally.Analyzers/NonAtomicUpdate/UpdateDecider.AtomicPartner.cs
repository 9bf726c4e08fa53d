using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>When an atomic partner makes a TALLY001 finding certain (docs/detection-model.md, "An atomic counter beside a bulk adjustment").</summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether the storage's atomic writers declare that the plain update overlaps them. An exchange, a compare-exchange
        /// or a <c>Volatile.Write</c> hands the storage over against other writers: always. An atomic counter step
        /// (<c>Interlocked.Increment</c>, <c>Decrement</c>, <c>Add</c>) says that its own runs overlap each other (many
        /// completions counting at once); beside a plain unit step (<c>x++</c>, <c>x -= 1</c>) both count the same events,
        /// one at a time, so the plain one runs where the atomic ones do. Beside a bulk adjustment (adding a computed
        /// amount, taking a maximum: a restore, an initial count, a serial fallback of a parallel loop) counter steps say
        /// nothing about the adjustment's phase, so the finding is certain only when the model also sees the plain update
        /// overlap: a concurrent entry reaches it, it holds an exclusive lock of its own (it is written to run beside
        /// others), or an atomic step of the storage is in its own function; otherwise (and unless another certain reason
        /// holds, <see cref="IsCertain"/>) it is inferred. Every atomic writer of the storage counts, not only the one the
        /// message names. Real cases: BuildXL's scheduler adding pruned processes to its completion counts during
        /// initialisation, FASTER's recovery taking the largest session id, FFME's serial decode beside its parallel one
        /// (fresh18, fresh5: docs/real-code-evidence.md, "TALLY001 beside an atomic partner").
        /// </summary>
        private static bool AtomicPartnerDeclaresOverlap(Overlap overlap, UpdateTarget target, WriteFact self, ConcurrencyModel model)
        {
            if (IsUnitStep(target.Update) || overlap.Reach.Entries.Count > 0 || overlap.SelfLock.HasValue)
            {
                return true;
            }

            foreach (var write in model.WritesOf(self.StorageKey))
            {
                if (write.Kind == WriteKind.Atomic && !write.Excluded && (!IsCounterStep(write.Description) || write.FunctionKey == self.FunctionKey))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCounterStep(string description)
            => description == "Interlocked.Increment" || description == "Interlocked.Decrement" || description == "Interlocked.Add";

        /// <summary>Whether the update adds or subtracts one: <c>x++</c>, <c>--x</c>, <c>x += 1</c>, <c>x = x - 1</c>.</summary>
        private static bool IsUnitStep(IOperation update)
        {
            switch (update)
            {
                case IIncrementOrDecrementOperation:
                    return true;
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } compound:
                    return IsOne(compound.Value);
                case ISimpleAssignmentOperation { Value: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary }:
                    return IsOne(binary.RightOperand) || (binary.OperatorKind == BinaryOperatorKind.Add && IsOne(binary.LeftOperand));
                default:
                    return false;
            }
        }

        private static bool IsOne(IOperation value)
        {
            var constant = (value.WalkDownConversions() ?? value).ConstantValue;
            return constant.HasValue && NumericConstant.IsNumber(constant.Value, 1);
        }
    }
}
