namespace Tally.Analyzers.Common
{
    /// <summary>
    /// Compares a constant's value with a number in the constant's own numeric type, without <c>System.Convert</c> (which
    /// throws on a <c>char</c>, a <c>string</c>, or a <c>float</c>/<c>double</c> outside <c>decimal</c>'s range).
    /// </summary>
    internal static class NumericConstant
    {
        /// <summary>Whether <paramref name="value"/> is a constant of a numeric type (not <c>char</c>, <c>bool</c> or a string) equal to <paramref name="number"/>.</summary>
        public static bool IsNumber(object? value, int number) => value switch
        {
            sbyte v => v == number,
            byte v => v == number,
            short v => v == number,
            ushort v => v == number,
            int v => v == number,
            uint v => number >= 0 && v == (uint)number,
            long v => v == number,
            ulong v => number >= 0 && v == (ulong)number,
            float v => v == number,
            double v => v == number,
            decimal v => v == number,
            _ => false,
        };

        /// <summary>Whether <paramref name="value"/> is a constant of a signed numeric type below zero (an unsigned one never is).</summary>
        public static bool IsNegative(object? value) => value switch
        {
            sbyte v => v < 0,
            short v => v < 0,
            int v => v < 0,
            long v => v < 0,
            float v => v < 0,
            double v => v < 0,
            decimal v => v < 0,
            _ => false,
        };

        /// <summary>Whether <paramref name="value"/> is a <c>float</c> or <c>double</c> NaN.</summary>
        public static bool IsNaN(object? value) => value is float f ? float.IsNaN(f) : value is double d && double.IsNaN(d);
    }
}
