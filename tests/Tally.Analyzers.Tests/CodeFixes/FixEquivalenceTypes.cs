using System.Collections.Generic;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>What the operand of an update is: a value of the field's type, of the enum's underlying type, or a shift count.</summary>
internal enum FixEquivalenceOperand { None, Same, Underlying, ShiftCount }

/// <summary>One field type of the differential matrix, with edge values written as C# expressions of that type.</summary>
internal sealed record FixEquivalenceType(
    string Name,
    string Key,
    bool CanBeVolatile,
    bool NeedsCSharp9,
    bool IsFloatingPoint,
    bool IsSmall,
    bool IsEnum,
    IReadOnlyList<string> Values,
    IReadOnlyList<string> UnderlyingValues)
{
    public static readonly IReadOnlyList<string> ShiftCounts = new[] { "0", "1", "7", "31", "32", "33", "63", "64", "65", "-1" };

    public static readonly IReadOnlyList<FixEquivalenceType> All = new FixEquivalenceType[]
    {
        Integral("int", "Int", true, false, "0", "1", "-1", "int.MinValue", "int.MaxValue", "7"),
        Integral("long", "Long", false, false, "0L", "1L", "-1L", "long.MinValue", "long.MaxValue", "7L", "0x80000000L"),
        Integral("uint", "UInt", true, false, "0U", "1U", "uint.MaxValue", "0x80000000U", "7U"),
        Integral("ulong", "ULong", false, false, "0UL", "1UL", "ulong.MaxValue", "0x8000000000000000UL", "7UL"),
        Integral("nint", "NInt", true, true, "(nint)0", "(nint)1", "(nint)(-1)", "nint.MinValue", "nint.MaxValue", "(nint)7"),
        Integral("nuint", "NUInt", true, true, "(nuint)0", "(nuint)1", "nuint.MaxValue", "(nuint)7"),
        new("float", "Float", true, false, true, false, false,
            new[] { "0f", "1f", "-1f", "-0f", "float.NaN", "float.PositiveInfinity", "float.NegativeInfinity", "float.MaxValue", "float.Epsilon", "3.5f" },
            new string[0]),
        new("double", "Double", false, false, true, false, false,
            new[] { "0d", "1d", "-1d", "-0d", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "double.MaxValue", "double.Epsilon", "3.5d" },
            new string[0]),
        new("short", "Short", true, false, false, true, false,
            new[] { "(short)0", "(short)1", "(short)(-1)", "short.MinValue", "short.MaxValue", "(short)7" }, new string[0]),
        new("byte", "Byte", true, false, false, true, false,
            new[] { "(byte)0", "(byte)1", "byte.MaxValue", "(byte)128", "(byte)7" }, new string[0]),
        new("FlagsInt", "FlagsInt", true, false, false, false, true,
            new[] { "FlagsInt.A", "FlagsInt.B | FlagsInt.C", "(FlagsInt)(-1)", "(FlagsInt)0", "FlagsInt.High", "(FlagsInt)int.MaxValue" },
            new[] { "1", "-1", "int.MaxValue", "int.MinValue", "0" }),
        new("LongEnum", "LongEnum", false, false, false, false, true,
            new[] { "LongEnum.A", "LongEnum.B", "(LongEnum)(-1L)", "(LongEnum)0L", "LongEnum.High", "(LongEnum)long.MaxValue" },
            new[] { "1L", "-1L", "long.MaxValue", "long.MinValue", "0L" }),
    };

    public bool IsIntegral => !IsFloatingPoint && !IsEnum;

    private static FixEquivalenceType Integral(string name, string key, bool canBeVolatile, bool needsCSharp9, params string[] values) =>
        new(name, key, canBeVolatile, needsCSharp9, false, false, false, values, new string[0]);
}

/// <summary>One update operator of the matrix: how it is written and which operand it takes.</summary>
internal sealed record FixEquivalenceOperator(string Name, string Format, FixEquivalenceOperand Operand, bool NeedsCSharp11 = false)
{
    public static readonly IReadOnlyList<FixEquivalenceOperator> All = new FixEquivalenceOperator[]
    {
        new("x++", "{0}++", FixEquivalenceOperand.None),
        new("++x", "++{0}", FixEquivalenceOperand.None),
        new("x--", "{0}--", FixEquivalenceOperand.None),
        new("--x", "--{0}", FixEquivalenceOperand.None),
        new("+=", "{0} += {1}", FixEquivalenceOperand.Same),
        new("-=", "{0} -= {1}", FixEquivalenceOperand.Same),
        new("*=", "{0} *= {1}", FixEquivalenceOperand.Same),
        new("/=", "{0} /= {1}", FixEquivalenceOperand.Same),
        new("%=", "{0} %= {1}", FixEquivalenceOperand.Same),
        new("&=", "{0} &= {1}", FixEquivalenceOperand.Same),
        new("|=", "{0} |= {1}", FixEquivalenceOperand.Same),
        new("^=", "{0} ^= {1}", FixEquivalenceOperand.Same),
        new("<<=", "{0} <<= {1}", FixEquivalenceOperand.ShiftCount),
        new(">>=", "{0} >>= {1}", FixEquivalenceOperand.ShiftCount),
        new(">>>=", "{0} >>>= {1}", FixEquivalenceOperand.ShiftCount, NeedsCSharp11: true),
        new("x=x+n", "{0} = {0} + {1}", FixEquivalenceOperand.Same),
        new("x=n+x", "{0} = {1} + {0}", FixEquivalenceOperand.Same),
        new("x=x-n", "{0} = {0} - {1}", FixEquivalenceOperand.Same),
        new("x=n-x", "{0} = {1} - {0}", FixEquivalenceOperand.Same),
        new("x=max(x,n)", "{0} = Math.Max({0}, {1})", FixEquivalenceOperand.Same),
        new("x=min(n,x)", "{0} = Math.Min({1}, {0})", FixEquivalenceOperand.Same),
    };

    public bool IsAssignmentForm => Name.StartsWith("x=", System.StringComparison.Ordinal);

    /// <summary>The operand this operator takes on <paramref name="type"/>, or null when it does not apply to it.</summary>
    public FixEquivalenceOperand? OperandFor(FixEquivalenceType type)
    {
        if (Name.StartsWith("x=max", System.StringComparison.Ordinal) || Name.StartsWith("x=min", System.StringComparison.Ordinal))
        {
            return type.Name is "int" or "long" or "uint" or "ulong" or "float" or "double" ? Operand : null; // Math.Max overloads on every target
        }

        bool bitwise = Name is "&=" or "|=" or "^=";
        bool shift = Operand == FixEquivalenceOperand.ShiftCount;
        if (type.IsFloatingPoint)
        {
            return bitwise || shift ? null : Operand;
        }

        if (type.IsSmall && IsAssignmentForm)
        {
            return null; // short = short + n does not compile
        }

        if (type.IsEnum)
        {
            if (Name is "*=" or "/=" or "%=" or "x=n-x" || shift)
            {
                return null;
            }

            return bitwise || Operand == FixEquivalenceOperand.None ? Operand : FixEquivalenceOperand.Underlying;
        }

        return Operand;
    }
}
