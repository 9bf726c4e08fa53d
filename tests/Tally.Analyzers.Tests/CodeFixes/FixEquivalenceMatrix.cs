using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>One compilation of the matrix: target, language version, overflow checking and the context cases are written in.</summary>
internal sealed record FixEquivalenceConfiguration(
    string Name,
    TestTargetFramework Target,
    LanguageVersion Language,
    bool CheckOverflow,
    FixEquivalenceContext Context,
    int ValuesPerOperator,
    int Seed,
    bool Library = false)
{
    public static readonly IReadOnlyList<FixEquivalenceConfiguration> All = new FixEquivalenceConfiguration[]
    {
        new("net-latest-unchecked", TestTargetFramework.Net, LanguageVersion.Latest, false, FixEquivalenceContext.Default, 6, 0),
        new("net-latest-checked-expression", TestTargetFramework.Net, LanguageVersion.Latest, false, FixEquivalenceContext.CheckedExpression, 2, 1),
        new("net-latest-checked-block", TestTargetFramework.Net, LanguageVersion.Latest, false, FixEquivalenceContext.CheckedBlock, 2, 2),
        new("net-latest-checkoverflow", TestTargetFramework.Net, LanguageVersion.Latest, true, FixEquivalenceContext.Default, 2, 3),
        new("net-latest-checkoverflow-unchecked-block", TestTargetFramework.Net, LanguageVersion.Latest, true, FixEquivalenceContext.UncheckedBlock, 2, 4),
        new("net-cs73-unchecked", TestTargetFramework.Net, LanguageVersion.CSharp7_3, false, FixEquivalenceContext.Default, 2, 5),
        new("net-cs73-checkoverflow", TestTargetFramework.Net, LanguageVersion.CSharp7_3, true, FixEquivalenceContext.Default, 2, 6),
        new("netstandard20-latest-unchecked", TestTargetFramework.NetStandard20, LanguageVersion.Latest, false, FixEquivalenceContext.Default, 2, 7),
        new("netstandard20-cs73-checked-block", TestTargetFramework.NetStandard20, LanguageVersion.CSharp7_3, false, FixEquivalenceContext.CheckedBlock, 2, 8),

        // The Tally library referenced: its Atomic methods replace generated helpers where they compute the same.
        new("net-latest-unchecked-tally", TestTargetFramework.Net, LanguageVersion.Latest, false, FixEquivalenceContext.Default, 4, 9, Library: true),
        new("net-latest-checkoverflow-tally", TestTargetFramework.Net, LanguageVersion.Latest, true, FixEquivalenceContext.Default, 2, 10, Library: true),
        new("net-latest-checked-block-tally", TestTargetFramework.Net, LanguageVersion.Latest, false, FixEquivalenceContext.CheckedBlock, 2, 11, Library: true),
        new("net-cs73-checked-expression-tally", TestTargetFramework.Net, LanguageVersion.CSharp7_3, false, FixEquivalenceContext.CheckedExpression, 2, 12, Library: true),
    };

    public bool IsLatest => Language == LanguageVersion.Latest;

    public bool Runs => Target == TestTargetFramework.Net;

    public TestOptions Options => Library
        ? TallyLibrary.With(new TestOptions { TargetFramework = Target, LanguageVersion = Language, CheckOverflow = CheckOverflow })
        : new() { TargetFramework = Target, LanguageVersion = Language, CheckOverflow = CheckOverflow };

    public override string ToString() => Name;
}

/// <summary>Generates the cases of one configuration and the program that holds them (one document per field type).</summary>
internal static class FixEquivalenceMatrix
{
    private const string Support = """
        using System;
        using System.Globalization;

        [Flags]
        public enum FlagsInt : int { A = 1, B = 2, C = 4, High = int.MinValue }

        public enum LongEnum : long { A = 1, B = 2, High = long.MinValue }

        public static class Log
        {
            private static System.Text.StringBuilder s_text = new System.Text.StringBuilder();

            public static int Zero => 0;

            public static string Text => s_text.ToString();

            public static void Reset() { s_text = new System.Text.StringBuilder(); }

            public static int Next() { s_text.Append("N "); return 1; }

            public static T Op<T>(T value) { s_text.Append("O "); return value; }

            public static T Nothing<T>() where T : class { return default(T); }

            public static void Add(object value) { s_text.Append(Format(value)).Append(' '); }

            private static string Format(object value)
            {
                if (value is double d) return "d:" + BitConverter.DoubleToInt64Bits(d).ToString("X", CultureInfo.InvariantCulture);
                if (value is float f) return "f:" + BitConverter.ToInt32(BitConverter.GetBytes(f), 0).ToString("X", CultureInfo.InvariantCulture);
                if (value is Enum) return value.GetType().Name + ":" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
                if (value is IFormattable x) return value.GetType().Name + ":" + x.ToString(null, CultureInfo.InvariantCulture);
                return value is null ? "null" : value.ToString();
            }
        }
        """;

    private static readonly FixEquivalencePosition[] s_positions =
    {
        FixEquivalencePosition.Statement, FixEquivalencePosition.ValueUsed, FixEquivalencePosition.Condition, FixEquivalencePosition.Argument,
        FixEquivalencePosition.Lambda, FixEquivalencePosition.ExpressionBody, FixEquivalencePosition.ForIterator, FixEquivalencePosition.SwitchArm,
    };

    private static readonly FixEquivalenceReceiver[] s_receivers =
    {
        FixEquivalenceReceiver.Static, FixEquivalenceReceiver.This, FixEquivalenceReceiver.ArrayWithSideEffect,
        FixEquivalenceReceiver.TypeQualified, FixEquivalenceReceiver.Other, FixEquivalenceReceiver.ThisLocked, FixEquivalenceReceiver.ArrayConstantIndex,
        FixEquivalenceReceiver.StaticVolatile, FixEquivalenceReceiver.VolatileArrayWithSideEffect, FixEquivalenceReceiver.CapturedLocal, FixEquivalenceReceiver.NullInstance,
    };

    private static readonly Dictionary<string, (string Type, string[] Values)> s_narrower = new()
    {
        ["int"] = ("short", new[] { "(short)0", "(short)1", "(short)(-1)", "short.MinValue", "short.MaxValue" }),
        ["long"] = ("int", new[] { "0", "1", "-1", "int.MinValue", "int.MaxValue" }),
        ["uint"] = ("ushort", new[] { "(ushort)0", "(ushort)1", "ushort.MaxValue" }),
        ["ulong"] = ("uint", new[] { "0U", "1U", "uint.MaxValue", "0x80000000U" }),
        ["nint"] = ("int", new[] { "0", "1", "-1", "int.MinValue", "int.MaxValue" }),
        ["nuint"] = ("uint", new[] { "0U", "1U", "uint.MaxValue" }),
        ["float"] = ("int", new[] { "0", "1", "-1", "int.MinValue", "int.MaxValue" }),
        ["double"] = ("float", new[] { "0f", "-0f", "float.NaN", "float.MaxValue", "float.NegativeInfinity", "1f" }),
        ["short"] = ("byte", new[] { "(byte)0", "(byte)1", "byte.MaxValue" }),
    };

    public static IReadOnlyList<FixEquivalenceCase> Cases(FixEquivalenceConfiguration configuration)
    {
        var cases = new List<FixEquivalenceCase>();
        var positions = s_positions.Where(p => configuration.IsLatest || p != FixEquivalencePosition.SwitchArm).ToArray();
        int s = configuration.Seed;
        for (int ti = 0; ti < FixEquivalenceType.All.Count; ti++)
        {
            FixEquivalenceType type = FixEquivalenceType.All[ti];
            if (type.NeedsCSharp9 && !configuration.IsLatest)
            {
                continue;
            }

            for (int oi = 0; oi < FixEquivalenceOperator.All.Count; oi++)
            {
                FixEquivalenceOperator op = FixEquivalenceOperator.All[oi];
                FixEquivalenceOperand? operand = op.OperandFor(type);
                if (operand is null || op.NeedsCSharp11 && !configuration.IsLatest)
                {
                    continue;
                }

                for (int k = 0; k < configuration.ValuesPerOperator; k++)
                {
                    IReadOnlyList<string> values = Values(type, configuration);
                    string initial = values[(oi + 3 * k + s) % values.Count];
                    IReadOnlyList<string>? operands = operand switch
                    {
                        FixEquivalenceOperand.Same => values,
                        FixEquivalenceOperand.Underlying => type.UnderlyingValues,
                        FixEquivalenceOperand.ShiftCount => FixEquivalenceType.ShiftCounts,
                        _ => null,
                    };
                    string? value = operands?[(oi * 5 + 2 * k + 1 + 2 * s) % operands.Count];
                    var position = positions[(oi + k + ti + s) % positions.Length];
                    var receiver = s_receivers[(oi * 2 + k + ti * 3 + s) % s_receivers.Length];
                    position = Compatible(position, receiver);
                    cases.Add(new FixEquivalenceCase(cases.Count, type, op, receiver, position, configuration.Context, initial, value, (FixEquivalenceOperandForm)((oi + k + s) % 3)));
                }
            }

            // operands of a narrower type than the field (long -= int, ulong -= uint, double += int...)
            if (s_narrower.TryGetValue(type.Name, out var narrow) && !(type.NeedsCSharp9 && !configuration.IsLatest))
            {
                for (int oi = 0; oi < FixEquivalenceOperator.All.Count; oi++)
                {
                    FixEquivalenceOperator op = FixEquivalenceOperator.All[oi];
                    if (op.OperandFor(type) != FixEquivalenceOperand.Same)
                    {
                        continue;
                    }

                    for (int k = 0; k < configuration.ValuesPerOperator; k++)
                    {
                        IReadOnlyList<string> values = Values(type, configuration);
                        string initial = values[(oi + 2 * k + s + 1) % values.Count];
                        string value = narrow.Values[(oi * 3 + k + s) % narrow.Values.Length];
                        var position = positions[(oi + 2 * k + ti + s + 1) % positions.Length];
                        var receiver = s_receivers[(oi + k * 2 + ti + s) % s_receivers.Length];
                        position = Compatible(position, receiver);
                        cases.Add(new FixEquivalenceCase(cases.Count, type, op, receiver, position, configuration.Context, initial, value,
                            (FixEquivalenceOperandForm)((oi + k + s + 1) % 3), narrow.Type));
                    }
                }
            }

            // edges every configuration keeps: division by zero and by -1, wrapping of the extremes
            if (type.IsIntegral && !(type.NeedsCSharp9 && !configuration.Runs))
            {
                string max = type.Values.First(v => v.Contains("MaxValue"));
                string? min = type.Values.FirstOrDefault(v => v.Contains("MinValue"));
                string zero = type.Values[0];
                string? minusOne = type.Values.FirstOrDefault(v => v.Contains("-1"));
                var op = FixEquivalenceOperator.All;
                void Add(string name, string initial, string? operand, FixEquivalencePosition position, FixEquivalenceReceiver receiver)
                {
                    if (op.Single(o => o.Name == name).OperandFor(type) is null)
                    {
                        return;
                    }

                    cases.Add(new FixEquivalenceCase(cases.Count, type, op.Single(o => o.Name == name), receiver, position, configuration.Context, initial, operand, (FixEquivalenceOperandForm)(cases.Count % 3)));
                }

                Add("/=", max, zero, FixEquivalencePosition.ValueUsed, FixEquivalenceReceiver.Static);
                Add("%=", max, zero, FixEquivalencePosition.Statement, FixEquivalenceReceiver.ArrayWithSideEffect);
                Add("x++", max, null, FixEquivalencePosition.ValueUsed, FixEquivalenceReceiver.Static);
                Add("++x", max, null, FixEquivalencePosition.Statement, FixEquivalenceReceiver.This);
                Add("+=", max, type.Values[1], FixEquivalencePosition.Argument, FixEquivalenceReceiver.Static);
                Add("*=", max, type.Values.Last(), FixEquivalencePosition.ValueUsed, FixEquivalenceReceiver.Static);
                Add("x--", zero, null, FixEquivalencePosition.Argument, FixEquivalenceReceiver.Other);
                Add("-=", zero, max, FixEquivalencePosition.ValueUsed, FixEquivalenceReceiver.Static);
                if (min is not null && minusOne is not null)
                {
                    Add("/=", min, minusOne, FixEquivalencePosition.Statement, FixEquivalenceReceiver.Static);
                    Add("%=", min, minusOne, FixEquivalencePosition.ValueUsed, FixEquivalenceReceiver.This);
                    Add("-=", zero, min, FixEquivalencePosition.ValueUsed, FixEquivalenceReceiver.Static);
                    Add("x=x-n", type.Values[1], min, FixEquivalencePosition.Argument, FixEquivalenceReceiver.Static);
                    Add("--x", min, null, FixEquivalencePosition.Condition, FixEquivalenceReceiver.Static);
                    Add("x=n-x", zero, min, FixEquivalencePosition.ValueUsed, FixEquivalenceReceiver.Static);
                }
            }
        }

        return cases;
    }

    /// <summary>A captured local is not in scope in another member: its expression-bodied case becomes an argument.</summary>
    private static FixEquivalencePosition Compatible(FixEquivalencePosition position, FixEquivalenceReceiver receiver) =>
        receiver is FixEquivalenceReceiver.CapturedLocal or FixEquivalenceReceiver.NullInstance && position == FixEquivalencePosition.ExpressionBody ? FixEquivalencePosition.Argument : position;

    /// <summary>The edge values; <c>nint.MinValue</c> and friends exist only on .NET 7 and later.</summary>
    private static IReadOnlyList<string> Values(FixEquivalenceType type, FixEquivalenceConfiguration configuration) =>
        configuration.Runs ? type.Values : type.Values.Where(v => !v.StartsWith("nint.", StringComparison.Ordinal) && !v.StartsWith("nuint.", StringComparison.Ordinal)).ToList();

    public static string ClassName(FixEquivalenceType type) => "Cases" + type.Key;

    /// <summary>The documents: support types, then one class per field type.</summary>
    public static List<string> Sources(IReadOnlyList<FixEquivalenceCase> cases)
    {
        var sources = new List<string> { Support };
        foreach (var group in cases.GroupBy(c => c.Type))
        {
            string className = ClassName(group.Key);
            var text = new StringBuilder();
            text.AppendLine("using System;");
            text.AppendLine();
            text.AppendLine($"public sealed class {className}");
            text.AppendLine("{");
            text.AppendLine("    private static readonly object s_gate = new object();");
            foreach (var c in group)
            {
                c.WriteFields(text);
            }

            text.AppendLine();
            foreach (var c in group)
            {
                c.WriteMethod(text, className);
            }

            text.AppendLine("}");
            sources.Add(text.ToString());
        }

        return sources;
    }
}
