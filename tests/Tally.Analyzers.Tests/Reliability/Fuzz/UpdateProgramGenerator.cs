using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Tally.Analyzers.Tests.Reliability.Fuzz;

/// <summary>
/// Writes random programs full of field updates in every shape Tally looks at: every update operator and Interlocked
/// form, on instance, static, volatile and array storages, auto-properties and captured locals, inside plain methods,
/// locks, lambdas given to Task.Run, Parallel, threads and timers, async methods, local functions, checked blocks,
/// loops and switch sections; in classes, records, structs, classes with primary constructors, partial types split over
/// two files, nested types, and top-level statements. The same seed gives the same program, and every program compiles.
/// </summary>
internal sealed class UpdateProgramGenerator
{
    private static readonly string[] ConcurrentWrappers =
    {
        "Task.Run(() => {{ {0} }});",
        "Parallel.For(0, 4, i => {{ {0} }});",
        "ThreadPool.QueueUserWorkItem(_ => {{ {0} }});",
        "new Thread(() => {{ {0} }}).Start();",
        "_ = new Timer(_ => {{ {0} }}, null, 0, 100);",
        "Parallel.ForEach(new[] {{ 1, 2, 3 }}, item => {{ {0} }});",
    };

    private static readonly string[] PlainWrappers =
    {
        "{0}",
        "lock (_gate) {{ {0} }}",
        "checked {{ {0} }}",
        "if (v > 0) {{ {0} }}",
        "for (int j = 0; j < v; j++) {{ {0} }}",
        "try {{ {0} }} finally {{ v++; }}",
        "switch (v) {{ case 1: {0} break; default: break; }}",
        "void Local{1}() {{ {0} }} Local{1}();",
        "Action act{1} = () => {{ {0} }}; act{1}();",
    };

    private readonly Random _random;
    private int _nextName;

    public UpdateProgramGenerator(int seed) => _random = new Random(seed);

    /// <summary>A program of one to three files (two when a partial type is split, a console program for top-level statements).</summary>
    public SourceProgram Next(string name)
    {
        var files = new List<(string, string)>();
        bool topLevel = _random.Next(5) == 0;
        var types = new StringBuilder();
        string? partialSecondHalf = null;
        int typeCount = _random.Next(2, 5);
        for (int i = 0; i < typeCount; i++)
        {
            var (declaration, secondHalf) = Type();
            types.Append(declaration).Append('\n');
            partialSecondHalf ??= secondHalf;
        }

        const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\n\n";
        if (topLevel)
        {
            files.Add(("Program.cs", Usings + TopLevelStatements() + "\n" + types));
        }
        else
        {
            files.Add(("Types.cs", Usings + "namespace Fuzz.Generated\n{\n" + types + "}\n"));
        }

        if (partialSecondHalf is not null)
        {
            string ns = topLevel ? string.Empty : "namespace Fuzz.Generated\n{\n";
            files.Add(("Partial.cs", Usings + ns + partialSecondHalf + (topLevel ? string.Empty : "}\n")));
        }

        return new SourceProgram(name, files, topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary);
    }

    private string TopLevelStatements()
    {
        var text = new StringBuilder("int counter = 0;\nlong total = 0;\n");
        for (int i = 0; i < _random.Next(2, 6); i++)
        {
            string statement = Pick(new[]
            {
                "counter++;",
                "total += counter;",
                "await Task.Run(() => counter++);",
                "Parallel.For(0, 8, i => { total += i; });",
                "Interlocked.Increment(ref counter);",
                "await Task.WhenAll(Enumerable.Range(0, 4).Select(async x => { await Task.Yield(); counter += x; }));",
                $"var thread{i} = new Thread(() => {{ total--; }}); thread{i}.Start(); thread{i}.Join();",
                "Bump(ref counter);",
            });
            text.Append(statement).Append('\n');
        }

        text.Append("Console.WriteLine(counter + total);\nstatic void Bump(ref int x) => x++;\n");
        return text.ToString();
    }

    private (string Declaration, string? SecondHalf) Type()
    {
        string name = "T" + _nextName++;
        int shape = _random.Next(6);
        bool isStruct = shape == 2;
        var fields = Fields(isStruct);
        var members = new StringBuilder();
        int methodCount = _random.Next(1, 4);
        for (int m = 0; m < methodCount; m++)
        {
            members.Append(Method(name, fields, isStruct, m));
        }

        string body = string.Join("\n", fields.Select(f => f.Declaration)) + "\n" + members;
        switch (shape)
        {
            case 0:
                return ($"public sealed class {name}\n{{\n{body}\n{Nested()}}}\n", null);
            case 1:
                return ($"public record {name}(int Seed)\n{{\n{body}}}\n", null);
            case 2:
                return ($"public struct {name}\n{{\n{body}}}\n", null);
            case 3:
                return ($"public class {name}(int seed)\n{{\n    private int _seeded = seed;\n    public int Seeded => _seeded++;\n{body}}}\n", null);
            case 4:
                string fieldsOnly = string.Join("\n", fields.Select(f => f.Declaration));
                return ($"public partial class {name}\n{{\n{fieldsOnly}\n}}\n", $"public partial class {name}\n{{\n{members}}}\n");
            default:
                return ($"public static class {name}\n{{\n{string.Join("\n", fields.Where(f => f.IsStatic).Select(f => f.Declaration))}\n{StaticMethods(fields.Where(f => f.IsStatic).ToList())}}}\n", null);
        }
    }

    private string Nested()
        => _random.Next(3) == 0
            ? "    private sealed class Inner\n    {\n        private int _n;\n        public void Bump() => Task.Run(() => _n++);\n    }\n"
            : string.Empty;

    private sealed record Storage(string Declaration, string Access, string Type, bool IsStatic, bool CanRef, bool IsVolatile);

    private List<Storage> Fields(bool isStruct)
    {
        var list = new List<Storage>
        {
            new(isStruct ? "    private object _gate;" : "    private readonly object _gate = new object();", "_gate", "object", false, false, false),
            new("    private int _count;", Pick(new[] { "_count", "this._count" }), "int", false, true, false),
            new("    private static long s_total;", "s_total", "long", true, true, false),
            new("    private static int s_hits;", "s_hits", "int", true, true, false),
            new("    private double _ratio;", "_ratio", "double", false, false, false),
        };
        if (!isStruct)
        {
            list.Add(new("    private volatile int _state;", "_state", "int", false, false, true));
            list.Add(new("    private readonly long[] _slots = new long[8];", "_slots[v & 7]", "long", false, true, false));
            list.Add(new("    public int Pending { get; set; }", "Pending", "int", false, false, false));
        }

        return list;
    }

    private string StaticMethods(List<Storage> statics)
    {
        var text = new StringBuilder();
        for (int m = 0; m < _random.Next(1, 3); m++)
        {
            text.Append($"    public static void S{m}(int v)\n    {{\n");
            foreach (var _ in Enumerable.Range(0, _random.Next(1, 4)))
            {
                string statement = Update(Pick(statics), local: null);
                text.Append("        ").Append(_random.Next(2) == 0 ? string.Format(Pick(ConcurrentWrappers), statement) : statement).Append('\n');
            }

            text.Append("    }\n");
        }

        return text.ToString();
    }

    private string Method(string typeName, List<Storage> fields, bool isStruct, int index)
    {
        var storages = fields.Where(f => f.Type != "object").ToList();
        bool isAsync = _random.Next(4) == 0;
        bool expressionBodied = !isAsync && _random.Next(5) == 0;
        var candidate = Pick(storages);
        if (expressionBodied && candidate.Type != "double")
        {
            return $"    public {candidate.Type} E{index}(int v) => {candidate.Access} += v;\n";
        }

        var text = new StringBuilder();
        text.Append(isAsync ? $"    public async Task M{index}Async(int v)\n    {{\n        await Task.Yield();\n" : $"    public void M{index}(int v)\n    {{\n");
        text.Append("        int local = 0;\n");
        int statements = _random.Next(1, 5);
        for (int s = 0; s < statements; s++)
        {
            bool useLocal = _random.Next(5) == 0;
            var storage = useLocal ? new Storage(string.Empty, "local", "int", false, true, false) : Pick(storages);
            string statement = Update(storage, local: "local");
            string wrapper = isStruct || _random.Next(2) == 0 ? Pick(PlainWrappers) : Pick(ConcurrentWrappers);
            if (isStruct && (wrapper.Contains("=>", StringComparison.Ordinal) || wrapper.Contains("Local{1}()", StringComparison.Ordinal)))
            {
                wrapper = "{0}"; // A struct's 'this' cannot be captured by a lambda or local function.
            }

            text.Append("        ").Append(string.Format(wrapper, statement, _nextName++)).Append('\n');
        }

        text.Append("        Console.WriteLine(local);\n    }\n");
        return text.ToString();
    }

    private string Update(Storage storage, string? local)
    {
        string x = storage.Access;
        bool integral = storage.Type is "int" or "long";
        var shapes = new List<string>
        {
            $"{x}++;", $"++{x};", $"{x}--;", $"{x} += v;", $"{x} -= 2;", $"{x} = {x} + v;", $"{x} = v + {x};",
            $"{x} *= 2;", $"{x} = Math.Max({x}, v);", $"if (v > {x}) {x} = v;", $"Console.WriteLine({x} += 3);",
            $"var before{_nextName++} = {x}++;", $"{x} = {x} * 2 + 1;",
        };
        if (integral)
        {
            shapes.AddRange(new[] { $"{x} |= v;", $"{x} &= ~v;", $"{x} ^= 1;", $"{x} <<= 1;", $"{x} = {x} - 1;" });
        }

        if (integral && storage.CanRef)
        {
            string cast = storage.Type == "long" ? "(long)" : string.Empty;
            shapes.AddRange(new[]
            {
                $"Interlocked.Increment(ref {x});",
                $"Interlocked.Add(ref {x}, {cast}v);",
                $"Interlocked.Increment(ref {x}); Console.WriteLine({x});",
                $"Interlocked.Increment(ref {x}); v = (int)({x} % 7);",
                $"{x} = Interlocked.Increment(ref {x});",
                $"Interlocked.Exchange(ref {x}, {x} + 1);",
                $"Interlocked.CompareExchange(ref {x}, {x} + 1, {x});",
                $"_ = Interlocked.Decrement(ref {x}); if ({x} == 0) {{ v = 1; }}",
                $"Volatile.Write(ref {x}, Volatile.Read(ref {x}) + 1);",
            });
        }

        _ = local;
        return Pick(shapes);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
