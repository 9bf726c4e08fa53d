using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tally.Analyzers.Common;

namespace Tally.Analyzers.InterlockedMisuse
{
    /// <summary>
    /// A re-read after <c>Interlocked.Increment(ref f)</c> compared for equality with zero
    /// (<c>Interlocked.Increment(ref _pending); if (_pending == 0) ...</c>). The step's own result is zero only when the
    /// count was -1 before it, so the test most likely asks whether other threads have since brought the count back to
    /// zero (every pending operation, this one included, already completed), which the re-read answers and the
    /// returned value cannot. It may still be meant as this step's result (a count that starts at -1), so the finding is
    /// inferred, not dropped (docs/rules/TALLY007.md, "Certainty").
    /// </summary>
    internal static class ZeroAfterIncrement
    {
        /// <summary>
        /// Whether every re-read that would make the finding certain is an equality test with zero right after an
        /// <c>Increment</c> (and there is at least one).
        /// </summary>
        public static bool OnlyAsksForZero(IInvocationOperation call, IReadOnlyList<IOperation> reads, StorageReference location, KnownSymbols known)
        {
            if (InterlockedMethodKinds.KindOf(call.TargetMethod, known) != InterlockedMethodKind.Increment)
            {
                return false;
            }

            var any = false;
            foreach (var read in reads)
            {
                var use = ReReadUses.Classify(read, location);
                if (!use.IsCertain())
                {
                    continue;
                }

                if (use != ReReadUse.Decision || !ComparedWithZero(read))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        private static bool ComparedWithZero(IOperation read)
        {
            var current = read;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison)
            {
                return false;
            }

            var other = comparison.LeftOperand == current ? comparison.RightOperand : comparison.LeftOperand;
            return other.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: { } value } } && IsZero(value);
        }

        private static bool IsZero(object value)
            => value is sbyte or byte or short or ushort or int or uint or long or ulong
                && System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) == 0m;
    }
}
