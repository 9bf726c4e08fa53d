using System.Threading;

namespace Tally
{
    /// <summary>
    /// Allocation-free atomic updates that <see cref="Interlocked"/> lacks: floating-point addition, min/max,
    /// multiplication, checked arithmetic, bitwise operations that return the original value on every target
    /// framework, unsigned arithmetic on netstandard2.0, and general compare-exchange loops.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Every method is atomic with respect to every other atomic operation on the same location (Interlocked,
    /// Volatile writes and these helpers); a plain write of the location from another thread is still a race.
    /// Each method is written so that it can stand in expression position in place of the racy update it replaces.
    /// </para>
    /// <para>
    /// Return values follow <see cref="Interlocked"/>: arithmetic (<c>Add</c>, <c>Subtract</c>, <c>Increment</c>,
    /// <c>Decrement</c>, <c>Multiply</c>, the <c>Checked</c> variants, <c>Max</c>, <c>Min</c>, <c>Update</c>) returns
    /// the NEW value, the value the location holds right after this operation, exactly what the expression
    /// <c>x += v</c> evaluates to. Bitwise operations (<c>And</c>, <c>Or</c>, <c>Xor</c>) and the <c>GetAnd...</c>
    /// methods return the ORIGINAL value, like <see cref="Interlocked.CompareExchange(ref int, int, int)"/>.
    /// </para>
    /// <para>
    /// Compare-exchange loops compare bit patterns, so they terminate for NaN and tell +0.0 from -0.0. A caller's
    /// update function may run more than once when other threads interfere: it must be free of side effects, and
    /// only the call whose result was stored counts.
    /// </para>
    /// </remarks>
    public static partial class Atomic
    {
    }
}
