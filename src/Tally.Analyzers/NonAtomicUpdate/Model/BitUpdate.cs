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
        public BitUpdate(long bits, int parameter, bool complement)
        {
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
