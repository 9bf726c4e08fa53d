using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>Whether a call's task is awaited where it is made (<see cref="CallFact.Awaited"/>, ConcurrencyModel.HostedStart.cs).</summary>
    internal sealed partial class TreeSummarizer
    {
        /// <summary>Whether the call's task is awaited right there: <c>await M()</c>, <c>await M().ConfigureAwait(false)</c>.</summary>
        private static bool IsAwaited(IInvocationOperation invocation)
        {
            IOperation current = invocation;
            while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                current = conversion;
            }

            if (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance == current)
            {
                current = configured;
            }

            return current.Parent is IAwaitOperation;
        }
    }
}
