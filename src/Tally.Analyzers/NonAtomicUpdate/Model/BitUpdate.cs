namespace Tally.Analyzers.NonAtomicUpdate.Model
{
    /// <summary>
    /// An update that sets or clears fixed bits (<c>x |= mask</c>, <c>x &amp;= ~mask</c>): it writes <c>x</c> with the
    /// mask's bits forced and every other bit as read. Two such updates of one mask at once lose nothing (whichever
    /// writes last leaves what one of them, run alone after the other, would have left). The mask is a constant, or a
    /// parameter of the writing function whose value its callers pass.
    /// </summary>
    internal readonly struct BitUpdate
    {
        public BitUpdate(long bits, int parameter, bool complement, bool sets)
        {
            Sets = sets;
            Bits = bits;
            Parameter = parameter;
            Complement = complement;
        }

        /// <summary>The bits forced, when the mask is a constant (<see cref="Parameter"/> is then -1).</summary>
        public long Bits { get; }

        /// <summary>The ordinal of the function's parameter the mask is made from, or -1.</summary>
        public int Parameter { get; }

        /// <summary>Whether the bits forced are the complement of the parameter's value (<c>x &amp;= mask</c> clears <c>~mask</c>).</summary>
        public bool Complement { get; }

        /// <summary>
        /// Whether the update ORs (<c>x |= C</c>: the bits are set) rather than ANDs (<c>x &amp;= C</c>: they are cleared).
        /// <see cref="Bits"/> alone does not say which: <c>x |= F</c> and <c>x &amp;= ~F</c> both force <c>F</c>.
        /// </summary>
        public bool Sets { get; }

        /// <summary>
        /// Whether <paramref name="other"/> is the same update with the same constant (<c>x |= C</c> beside <c>x |= C</c>,
        /// <c>x &amp;= C</c> beside <c>x &amp;= C</c>): every such write leaves the value it read with the same bits forced
        /// the same way, so of two at once whichever lands last leaves what both wanted (docs/detection-model.md,
        /// "The same constant flag update from every writer").
        /// </summary>
        public bool SameConstantUpdate(BitUpdate other)
            => Parameter < 0 && other.Parameter < 0 && Bits == other.Bits && Sets == other.Sets;

        /// <summary>The bits forced when the parameter receives <paramref name="argument"/>.</summary>
        public long BitsFor(long argument) => Complement ? ~argument : argument;
    }

    /// <summary>A constant integral or enum argument of a call (<c>Set(Flags.A | Flags.B, false)</c>).</summary>
    internal readonly struct ConstantArgument
    {
        public ConstantArgument(int ordinal, long value)
        {
            Ordinal = ordinal;
            Value = value;
        }

        public int Ordinal { get; }

        public long Value { get; }
    }
}
