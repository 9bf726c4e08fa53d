using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Where the update sits.</summary>
internal enum FixEquivalencePosition { Statement, ValueUsed, Condition, Argument, Lambda, ExpressionBody, ForIterator, SwitchArm }

/// <summary>Which location is updated.</summary>
internal enum FixEquivalenceReceiver { Static, TypeQualified, This, Other, ArrayWithSideEffect, ThisLocked, ArrayConstantIndex, StaticVolatile, VolatileArrayWithSideEffect, CapturedLocal, NullInstance }

/// <summary>How the operand is written: a literal, a local, or a call with a side effect (recorded).</summary>
internal enum FixEquivalenceOperandForm { Literal, Local, Call }

/// <summary>The overflow context the update is written in (the compilation's own setting comes from the configuration).</summary>
internal enum FixEquivalenceContext { Default, CheckedExpression, CheckedBlock, UncheckedBlock }

/// <summary>One cell of the differential matrix: a generated method <c>C{Id}</c> that runs one update and records it.</summary>
internal sealed record FixEquivalenceCase(
    int Id,
    FixEquivalenceType Type,
    FixEquivalenceOperator Operator,
    FixEquivalenceReceiver Receiver,
    FixEquivalencePosition Position,
    FixEquivalenceContext Context,
    string Initial,
    string? Operand,
    FixEquivalenceOperandForm Form,
    string? NarrowOperandType = null)
{
    private bool OperandIsLocal => Operand is not null && Form != FixEquivalenceOperandForm.Literal;

    public string Method => "C" + Id;

    public string Describe() =>
        $"{Method}: {Type.Name} {Operator.Name} init={Initial}" + (Operand is null ? "" : $" n={Operand}{(Form == FixEquivalenceOperandForm.Literal ? "" : $" ({Form})") + (NarrowOperandType is null ? "" : $" as {NarrowOperandType}")}") +
        $" {Receiver} {Position} {Context}";

    private string OperandType => NarrowOperandType ?? Operator.OperandFor(Type) switch
    {
        FixEquivalenceOperand.ShiftCount => "int",
        FixEquivalenceOperand.Underlying => Type.Name == "FlagsInt" ? "int" : "long",
        _ => Type.Name,
    };

    private string Location => Receiver switch
    {
        FixEquivalenceReceiver.Static => $"s_f{Id}",
        FixEquivalenceReceiver.TypeQualified => $"Cases{Type.Key}.s_f{Id}",
        FixEquivalenceReceiver.This => $"this._f{Id}",
        FixEquivalenceReceiver.Other => $"other._g{Id}",
        FixEquivalenceReceiver.ThisLocked => $"_h{Id}",
        FixEquivalenceReceiver.ArrayConstantIndex => $"s_a{Id}[1]",
        FixEquivalenceReceiver.StaticVolatile => $"s_v{Id}",
        FixEquivalenceReceiver.VolatileArrayWithSideEffect => $"s_va{Id}[Log.Next()]",
        FixEquivalenceReceiver.CapturedLocal => "local",
        FixEquivalenceReceiver.NullInstance => $"nothing._g{Id}",
        _ => $"s_a{Id}[Log.Next()]",
    };

    private string Update()
    {
        string operand = Operand is null ? "" : Form == FixEquivalenceOperandForm.Call ? "Log.Op(n)" : OperandIsLocal ? "n" : Operand.StartsWith('-') ? "(" + Operand + ")" : Operand;
        return string.Format(Operator.Format, Location, operand);
    }

    private string Wrapped(bool needsParentheses)
    {
        string update = Update();
        if (Context == FixEquivalenceContext.CheckedExpression)
        {
            return "checked(" + update + ")";
        }

        return needsParentheses && Operator.Name.Contains('=') ? "(" + update + ")" : update;
    }

    /// <summary>The fields this case needs in its class.</summary>
    public void WriteFields(StringBuilder text)
    {
        string t = Type.Name;
        switch (Receiver)
        {
            case FixEquivalenceReceiver.Static:
            case FixEquivalenceReceiver.TypeQualified:
                text.AppendLine($"    internal static {t} s_f{Id};");
                break;
            case FixEquivalenceReceiver.This:
                if (Type.CanBeVolatile)
                {
                    text.AppendLine($"    internal volatile {t} _f{Id};");
                }
                else
                {
                    text.AppendLine($"    internal {t} _f{Id};");
                    text.AppendLine($"    internal void Sync{Id}() {{ lock (s_gate) {{ _f{Id} = default({t}); }} }}");
                }

                break;
            case FixEquivalenceReceiver.StaticVolatile:
                text.AppendLine($"    internal static {(Type.CanBeVolatile ? "volatile " : "")}{t} s_v{Id};");
                break;
            case FixEquivalenceReceiver.VolatileArrayWithSideEffect:
                text.AppendLine($"    internal static volatile {t}[] s_va{Id} = new {t}[3];");
                break;
            case FixEquivalenceReceiver.CapturedLocal:
                break;
            case FixEquivalenceReceiver.ThisLocked:
                text.AppendLine($"    internal {t} _h{Id};");
                text.AppendLine($"    internal void Sync{Id}() {{ lock (s_gate) {{ _h{Id} = default({t}); }} }}");
                break;
            case FixEquivalenceReceiver.Other:
            case FixEquivalenceReceiver.NullInstance:
                text.AppendLine($"    internal {(Type.CanBeVolatile && Id % 2 == 0 ? "volatile " : "")}{t} _g{Id};");
                text.AppendLine($"    internal void Sync{Id}() {{ lock (s_gate) {{ _g{Id} = default({t}); }} }}");
                break;
            default:
                text.AppendLine($"    internal static {t}[] s_a{Id} = new {t}[3];");
                break;
        }
    }

    /// <summary>The case method (and its expression-bodied helper).</summary>
    public void WriteMethod(StringBuilder text, string className)
    {
        string t = Type.Name;
        var body = new List<string>();
        string update;
        switch (Position)
        {
            case FixEquivalencePosition.Statement:
                body.Add(Context == FixEquivalenceContext.CheckedExpression ? $"_ = {Wrapped(false)};" : Update() + ";");
                break;
            case FixEquivalencePosition.ValueUsed:
                body.Add($"var r = {Wrapped(false)};");
                body.Add("Log.Add(r);");
                break;
            case FixEquivalencePosition.Condition:
                update = Wrapped(true);
                body.Add($"if ({update} == ({Initial})) {{ Log.Add(\"T\"); }} else {{ Log.Add(\"F\"); }}");
                break;
            case FixEquivalencePosition.Argument:
                body.Add($"Log.Add({Wrapped(false)});");
                break;
            case FixEquivalencePosition.Lambda:
                body.Add($"Func<{t}> f = () => {Wrapped(false)};");
                body.Add("Log.Add(f());");
                body.Add("Log.Add(f());");
                break;
            case FixEquivalencePosition.ExpressionBody:
                body.Add($"Log.Add({Method}_eb(other{(OperandIsLocal ? ", n" : "")}));");
                break;
            case FixEquivalencePosition.ForIterator:
                body.Add(Context == FixEquivalenceContext.CheckedExpression
                    ? $"for (int i = 0; i < 2; i++) {{ _ = {Wrapped(false)}; }}"
                    : $"for (int i = 0; i < 2; i++, {Update()}) {{ Log.Add(i); }}");
                break;
            default:
                body.Add("int sel = Log.Zero;");
                body.Add($"var r = sel switch {{ 0 => {Wrapped(false)}, _ => default({t}) }};");
                body.Add("Log.Add(r);");
                break;
        }

        if (Receiver == FixEquivalenceReceiver.CapturedLocal)
        {
            body = new[] { "System.Threading.Tasks.Parallel.For(0, 1, iteration =>", "{" }.Concat(body.Select(l => "    " + l)).Concat(new[] { "});" }).ToList();
        }

        if (Context == FixEquivalenceContext.CheckedBlock)
        {
            body = new[] { "checked", "{" }.Concat(body.Select(l => "    " + l)).Concat(new[] { "}" }).ToList();
        }
        else if (Context == FixEquivalenceContext.UncheckedBlock)
        {
            body = new[] { "unchecked", "{" }.Concat(body.Select(l => "    " + l)).Concat(new[] { "}" }).ToList();
        }

        text.AppendLine($"    // {Describe()}");
        text.AppendLine($"    public string {Method}({className} other)");
        text.AppendLine("    {");
        text.AppendLine("        Log.Reset();");
        switch (Receiver)
        {
            case FixEquivalenceReceiver.Static:
            case FixEquivalenceReceiver.TypeQualified:
                text.AppendLine($"        s_f{Id} = {Initial};");
                break;
            case FixEquivalenceReceiver.This:
                text.AppendLine($"        _f{Id} = {Initial};");
                break;
            case FixEquivalenceReceiver.ThisLocked:
                text.AppendLine($"        _h{Id} = {Initial};");
                break;
            case FixEquivalenceReceiver.StaticVolatile:
                text.AppendLine($"        s_v{Id} = {Initial};");
                break;
            case FixEquivalenceReceiver.VolatileArrayWithSideEffect:
                text.AppendLine($"        s_va{Id} = new {t}[3];");
                text.AppendLine($"        s_va{Id}[1] = {Initial};");
                break;
            case FixEquivalenceReceiver.CapturedLocal:
                text.AppendLine($"        {t} local = {Initial};");
                break;
            case FixEquivalenceReceiver.NullInstance:
                text.AppendLine($"        {className} nothing = Log.Nothing<{className}>();");
                break;
            case FixEquivalenceReceiver.Other:
                text.AppendLine($"        other._g{Id} = {Initial};");
                text.AppendLine($"        this._g{Id} = default({t});");
                break;
            default:
                text.AppendLine($"        s_a{Id} = new {t}[3];");
                text.AppendLine($"        s_a{Id}[1] = {Initial};");
                break;
        }

        if (OperandIsLocal)
        {
            text.AppendLine($"        {OperandType} n = {Operand};");
        }

        text.AppendLine("        try");
        text.AppendLine("        {");
        foreach (string line in body)
        {
            text.AppendLine("            " + line);
        }

        text.AppendLine("        }");
        text.AppendLine("        catch (Exception e)");
        text.AppendLine("        {");
        text.AppendLine("            Log.Add(\"!\" + e.GetType().Name + \"/\" + e.GetBaseException().GetType().Name);");
        text.AppendLine("        }");
        text.AppendLine();
        switch (Receiver)
        {
            case FixEquivalenceReceiver.Static:
            case FixEquivalenceReceiver.TypeQualified:
                text.AppendLine($"        Log.Add(s_f{Id});");
                break;
            case FixEquivalenceReceiver.This:
                text.AppendLine($"        Log.Add(_f{Id});");
                break;
            case FixEquivalenceReceiver.ThisLocked:
                text.AppendLine($"        Log.Add(_h{Id});");
                break;
            case FixEquivalenceReceiver.StaticVolatile:
                text.AppendLine($"        Log.Add(s_v{Id});");
                break;
            case FixEquivalenceReceiver.VolatileArrayWithSideEffect:
                text.AppendLine($"        Log.Add(s_va{Id}[0]);");
                text.AppendLine($"        Log.Add(s_va{Id}[1]);");
                text.AppendLine($"        Log.Add(s_va{Id}[2]);");
                break;
            case FixEquivalenceReceiver.CapturedLocal:
                text.AppendLine("        Log.Add(local);");
                break;
            case FixEquivalenceReceiver.NullInstance:
                break;
            case FixEquivalenceReceiver.Other:
                text.AppendLine($"        Log.Add(other._g{Id});");
                text.AppendLine($"        Log.Add(this._g{Id});");
                break;
            default:
                text.AppendLine($"        Log.Add(s_a{Id}[0]);");
                text.AppendLine($"        Log.Add(s_a{Id}[1]);");
                text.AppendLine($"        Log.Add(s_a{Id}[2]);");
                break;
        }

        text.AppendLine("        return Log.Text;");
        text.AppendLine("    }");
        if (Position == FixEquivalencePosition.ExpressionBody)
        {
            string expression = Context switch
            {
                FixEquivalenceContext.CheckedBlock => "checked(" + Update() + ")",
                FixEquivalenceContext.UncheckedBlock => "unchecked(" + Update() + ")",
                _ => Wrapped(false),
            };
            text.AppendLine($"    private {t} {Method}_eb({className} other{(OperandIsLocal ? $", {OperandType} n" : "")}) => {expression};");
        }

        text.AppendLine();
    }
}
