using System;

namespace Tally.Internal
{
    /// <summary>
    /// The current thread's probe, which picks its cell in every <see cref="StripedCounter"/>. Kept in a class of
    /// its own with no other statics, so reading it needs no class-initialisation check on the hot path.
    /// </summary>
    internal static class StripeProbe
    {
        /// <summary>0 until the thread first meets contention; then non-zero, rehashed on each collision.</summary>
        [ThreadStatic]
        internal static int Current;
    }
}
