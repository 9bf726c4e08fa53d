using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    /// inferred, not dropped (docs/rules/TALLY007.md, "Certainty"). The same goes for a zero test after a step down that
    /// only raises an idempotent signal (<see cref="OnlySignalsAtZero"/>, XDM's countdown latch, fresh23).
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

        /// <summary>
        /// Whether every re-read that would make the finding certain, after a <c>Decrement</c> (or an <c>Add</c> of a
        /// negative constant), is an equality test with zero that is the whole condition of an <c>if</c> with no
        /// <c>else</c>, whose branch only raises idempotent signals (<see cref="IsIdempotentSignal"/>), and the field is
        /// private and only ever stepped down after construction (<see cref="SingleStoredValue.EveryLaterWrite"/>):
        /// <code>
        /// Interlocked.Decrement(ref _remaining);
        /// if (_remaining == 0) _done.Set();
        /// </code>
        /// Nothing lifts the count again, so the last decrementer reads zero (unless the count goes below zero: more
        /// steps than it was made for, which the analyzer cannot see) and any other thread that reads zero only raises
        /// the signal a second time, which the signal ignores. Inferred, not dropped, for that one caveat (a relational
        /// <c>&lt;= 0</c> test is a threshold check, InterlockedMisuseThresholdChecks.cs, and is not reported at all).
        /// </summary>
        public static bool OnlySignalsAtZero(IInvocationOperation call, IReadOnlyList<IOperation> reads, StorageReference location, KnownSymbols known, CancellationToken cancellationToken)
        {
            if (!StepsDown(call, known)
                || location.Symbol is not IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field
                || call.SemanticModel is not { } model)
            {
                return false;
            }

            var any = false;
            foreach (var read in reads)
            {
                if (!ReReadUses.Classify(read, location).IsCertain())
                {
                    continue;
                }

                if (!ComparedWithZero(read, BinaryOperatorKind.Equals, out var comparison)
                    || comparison.Parent is not IConditionalOperation { WhenFalse: null } branch
                    || branch.Condition != comparison
                    || !OnlySignals(branch.WhenTrue, location))
                {
                    return false;
                }

                any = true;
            }

            return any && SingleStoredValue.EveryLaterWrite(call, field, model, cancellationToken, write =>
                write is ArgumentSyntax
                && model.GetOperation(write.Parent?.Parent ?? write, cancellationToken) is IInvocationOperation other
                && InterlockedMisuseFacts.GetArgument(other, 0)?.Syntax == write
                && StepsDown(other, known));
        }

        /// <summary>Whether the call is <c>Interlocked.Decrement</c> or an <c>Interlocked.Add</c> of a negative constant.</summary>
        private static bool StepsDown(IInvocationOperation call, KnownSymbols known)
            => InterlockedMethodKinds.KindOf(call.TargetMethod, known) switch
            {
                InterlockedMethodKind.Decrement => true,
                InterlockedMethodKind.Add => InterlockedMisuseFacts.GetArgument(call, 1)?.Value.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: { } value } }
                    && IsInteger(value) && NumericConstant.IsNegative(value),
                _ => false,
            };

        /// <summary>Whether the branch is one or more statements, each an idempotent signal (<c>?.</c> allowed) whose arguments do not read the field and call nothing.</summary>
        private static bool OnlySignals(IOperation branch, StorageReference location)
        {
            var statements = branch is IBlockOperation block ? block.Operations : ImmutableArray.Create(branch);
            if (statements.IsEmpty)
            {
                return false;
            }

            foreach (var statement in statements)
            {
                var expression = (statement as IExpressionStatementOperation)?.Operation;
                if (expression is IConditionalAccessOperation access)
                {
                    expression = access.WhenNotNull;
                }

                if (expression is not IInvocationOperation signal
                    || !IsIdempotentSignal(signal)
                    || signal.Arguments.Any(argument => InterlockedMisuseReadAfterScanner.MentionsAnywhere(argument, location)
                        || argument.Descendants().Any(operation => operation is IInvocationOperation)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A call a second time changes nothing: <c>Set()</c> of a <c>ManualResetEvent</c>/<c>ManualResetEventSlim</c>,
        /// <c>Cancel</c> of a <c>CancellationTokenSource</c>, <c>TrySetResult/TrySetCanceled/TrySetException</c> of a
        /// <c>TaskCompletionSource</c> (the first wins). Not an <c>AutoResetEvent</c> (a wait between the two sets takes
        /// one), an <c>EventWaitHandle</c> (its reset mode is not in its type), <c>SetResult</c> (throws the second time)
        /// or a <c>CountdownEvent</c>'s <c>Signal</c>.
        /// </summary>
        private static bool IsIdempotentSignal(IInvocationOperation call)
        {
            var type = (call.Instance?.Type as INamedTypeSymbol)?.OriginalDefinition;
            var space = type?.ContainingNamespace?.ToDisplayString();
            return (space, type?.Name, call.TargetMethod.Name) switch
            {
                ("System.Threading", "ManualResetEvent" or "ManualResetEventSlim", "Set") => true,
                ("System.Threading", "CancellationTokenSource", "Cancel") => true,
                ("System.Threading.Tasks", "TaskCompletionSource", "TrySetResult" or "TrySetCanceled" or "TrySetException") => true,
                _ => false,
            };
        }

        private static bool ComparedWithZero(IOperation read) => ComparedWithZero(read, BinaryOperatorKind.NotEquals, out _) || ComparedWithZero(read, BinaryOperatorKind.Equals, out _);

        /// <summary>Whether the read is one side of <paramref name="kind"/> (<c>==</c> or <c>!=</c>) with the constant zero; <paramref name="comparison"/> is the comparison.</summary>
        private static bool ComparedWithZero(IOperation read, BinaryOperatorKind kind, out IOperation comparison)
        {
            var current = read;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            comparison = current;
            if (current.Parent is not IBinaryOperation binary || binary.OperatorKind != kind)
            {
                return false;
            }

            comparison = binary;
            while (comparison.Parent is IParenthesizedOperation)
            {
                comparison = comparison.Parent;
            }

            var other = binary.LeftOperand == current ? binary.RightOperand : binary.LeftOperand;
            return other.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: { } value } } && IsZero(value);
        }

        private static bool IsZero(object value)
            => IsInteger(value) && NumericConstant.IsNumber(value, 0);

        private static bool IsInteger(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong;
    }
}
