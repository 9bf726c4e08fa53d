using System.Runtime.InteropServices;

namespace Tally.Internal
{
    /// <summary>
    /// One thread's share of one <see cref="PerThreadCounter"/>. Only the owning thread writes <see cref="Value"/>,
    /// with plain stores; other threads only read it (untorn) while summing, and the cell is folded into its
    /// registry's retired total once the owner has exited or moved on.
    /// </summary>
    /// <remarks>
    /// Explicit layout pads the object to 128 bytes of fields (144 bytes with the object header on x64) with the
    /// count in the middle: the 64-byte cache line holding <see cref="Value"/> never holds another object, so two
    /// threads' cells never share a line, even after the GC compacts them next to each other.
    /// </remarks>
    [StructLayout(LayoutKind.Explicit)]
    internal sealed class PerThreadCell
    {
        /// <summary>The placeholder for "no cell" in a thread's cell table: it belongs to no registry.</summary>
        internal static readonly PerThreadCell Empty = new PerThreadCell(null);

        /// <summary>The counter state this cell counts for; compared on every update to catch reused slots.</summary>
        [FieldOffset(0)]
        internal readonly CellRegistry? Registry;

        /// <summary>Where the cell sits in its registry's list; -1 once retired. Guarded by the registry's lock.</summary>
        [FieldOffset(8)]
        internal int Index;

        /// <summary>The owning thread's count. Written only by the owner (plain stores on 64-bit processes).</summary>
        [FieldOffset(56)]
        internal long Value;

        /// <summary>Ends the padding at 128 bytes of fields; never read or written.</summary>
        [FieldOffset(120)]
        internal long Padding;

        internal PerThreadCell(CellRegistry? registry)
        {
            Registry = registry;
            Index = -1;
        }
    }
}
