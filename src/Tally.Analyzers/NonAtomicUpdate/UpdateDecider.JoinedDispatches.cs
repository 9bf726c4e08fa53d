using Microsoft.CodeAnalysis;
using Tally.Analyzers.NonAtomicUpdate.Model;

namespace Tally.Analyzers.NonAtomicUpdate
{
    /// <summary>
    /// A plain write made just before a fork-join dispatch whose workers are the storage's atomic writers (family E,
    /// BepuPhysics' <c>PoseIntegrator.PrepareForMultithreadedExecution</c>): the workers start after it and end before the
    /// dispatching method goes on, so that atomic partner is no overlap of it (ConcurrencyModel.JoinedDispatches.cs).
    /// </summary>
    internal static partial class UpdateDecider
    {
        /// <summary>
        /// Whether <paramref name="write"/> is an atomic writer that runs only in workers of joined dispatches, and
        /// <paramref name="self"/>, a plain write in a method that runs straight through (not async, not an iterator),
        /// runs only before such a dispatch of those workers.
        /// </summary>
        private static bool PreparedBeforeJoinedWorkers(WriteFact self, WriteFact write, ConcurrencyModel model, ISymbol? member)
            => write.Kind == WriteKind.Atomic && self.Kind != WriteKind.Atomic
                && member is IMethodSymbol { IsAsync: false, MethodKind: MethodKind.Ordinary } method && !IsIterator(method)
                && model.PreparedBeforeJoinedWorkers(self, write);
    }
}
