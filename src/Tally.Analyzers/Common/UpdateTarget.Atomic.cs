using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Common
{
    internal sealed partial class UpdateTarget
    {
        /// <summary>
        /// The storage an atomic call (<c>Interlocked.Increment(ref x)</c>) updates, as the update rules see a write of it:
        /// <paramref name="call"/> is the update, <paramref name="reference"/> its <c>ref</c> argument.
        /// </summary>
        public static UpdateTarget? ForAtomicCall(IOperation call, IOperation reference) => Resolve(call, reference, reference, depth: 0);
    }
}
