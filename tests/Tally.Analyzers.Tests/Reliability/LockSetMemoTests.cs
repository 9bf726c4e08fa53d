using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate.Model;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The locks of a function are memoised inside their recursion over callers. Cycles of private methods make an
/// answer depend on the path the walk came by, so a memoised answer must only be reused where a fresh walk would give
/// the same: the answers may not depend on the order the analyzer's callbacks ask them in.
/// </summary>
public sealed class LockSetMemoTests
{
    private const string Source = """
        public sealed class Tree
        {
            private readonly object _outer = new object();
            private readonly object _inner = new object();
            private int _nodes;
            private int _depth;

            public void Add()
            {
                lock (_outer)
                {
                    Insert(3);
                }
            }

            public void Rebalance()
            {
                lock (_outer)
                {
                    lock (_inner)
                    {
                        Rotate(2);
                    }
                }
            }

            public void Trim() { lock (_inner) { Prune(1); } }

            private void Insert(int n) { _nodes++; if (n > 0) Rotate(n - 1); }

            private void Rotate(int n) { _depth++; if (n > 0) Insert(n - 1); if (n > 1) Prune(n - 2); }

            private void Prune(int n) { _nodes--; if (n > 0) Step1(n); }

            private void Step1(int n) => Step2(n);

            private void Step2(int n) => Step3(n);

            private void Step3(int n) { _depth--; if (n > 2) Prune(n - 3); }
        }
        """;

    [Fact]
    public void LocksOfEveryFunction_AreTheSameWhateverOrderTheyAreAskedIn()
    {
        var forward = AnswersInOrders(Source, out var others);
        Assert.True(forward.Contains("Insert(System.Int32): _outer", StringComparison.Ordinal), forward);
        Assert.All(others, answer => Assert.Equal(forward, answer));
    }

    /// <summary>Generated classes of private methods calling each other in cycles, under nested locks of three objects.</summary>
    [Fact]
    public void LocksOfEveryFunctionOfGeneratedCallCycles_AreTheSameWhateverOrderTheyAreAskedIn()
    {
        var random = new Random(2026);
        for (var program = 0; program < 40; program++)
        {
            var source = Generate(random);
            var forward = AnswersInOrders(source, out var others);
            Assert.All(others, answer => Assert.True(forward == answer, source + "\n---\n" + forward + "\n---\n" + answer));
        }
    }

    private static string Generate(Random random)
    {
        const int Methods = 7;
        var text = new System.Text.StringBuilder("public sealed class Graph\n{\n");
        text.Append("    private readonly object _a = new object();\n    private readonly object _b = new object();\n    private readonly object _c = new object();\n    private int _n;\n");
        for (var i = 0; i < 3; i++)
        {
            text.Append($"    public void P{i}() {{ {Locked(random, $"M{random.Next(Methods)}();")} }}\n");
        }

        for (var i = 0; i < Methods; i++)
        {
            text.Append($"    private void M{i}() {{ _n++; ");
            for (var call = 0; call < 2; call++)
            {
                text.Append(Locked(random, $"M{random.Next(Methods)}();")).Append(' ');
            }

            text.Append("}\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>A statement under none, one or two nested locks.</summary>
    private static string Locked(Random random, string statement)
    {
        var locks = new[] { "_a", "_b", "_c" };
        var depth = random.Next(3);
        for (var i = 0; i < depth; i++)
        {
            statement = $"lock ({locks[random.Next(3)]}) {{ {statement} }}";
        }

        return statement;
    }

    /// <summary>The answers asked in ordinal order, and in reverse and shuffled orders of fresh models.</summary>
    private static string AnswersInOrders(string source, out List<string> others)
    {
        var compilation = ProgramCompiler.Compile(new[] { CSharpSyntaxTree.ParseText(source, ProgramCompiler.ParseOptions, "Graph.cs") }, OutputKind.DynamicallyLinkedLibrary);
        var options = new TallyOptionsCache(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty).AnalyzerConfigOptionsProvider);
        var known = KnownSymbols.Create(compilation);
        var summaries = compilation.SyntaxTrees.Select(t => TreeSummaryCache.Get(compilation, t, known, options.Get(t), CancellationToken.None)).ToList();
        var functions = summaries.SelectMany(s => s.Functions.Select(f => f.Key)).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var writes = summaries.SelectMany(s => s.Writes).ToList();
        var forward = Answers(new ConcurrencyModel(summaries), functions, writes);
        others = new List<string> { Answers(new ConcurrencyModel(summaries), Enumerable.Reverse(functions).ToList(), writes) };
        var random = new Random(9);
        for (var i = 0; i < 8; i++)
        {
            others.Add(Answers(new ConcurrencyModel(summaries), functions.OrderBy(_ => random.Next()).ToList(), writes));
        }

        return forward;
    }

    /// <summary>Asks the model in the given order; answers in a fixed order.</summary>
    private static string Answers(ConcurrencyModel model, IReadOnlyList<string> order, IReadOnlyList<WriteFact> writes)
    {
        var answers = new Dictionary<string, string>();
        foreach (var function in order)
        {
            answers[function] = string.Join(",", model.LocksOf(function).Select(l => Name(l.Key)));
        }

        var lines = answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => Name(a.Key) + ": " + a.Value).ToList();
        lines.AddRange(writes.Select(w => w.Location.SourceSpan + " " + string.Join(",", model.HeldLocks(w).Select(l => Name(l.Key)))));
        return string.Join("\n", lines);
    }

    private static string Name(string? key)
    {
        if (key == null)
        {
            return "?";
        }

        var end = key.IndexOf('(', StringComparison.Ordinal);
        var head = end < 0 ? key : key.Substring(0, end);
        return key.Substring(head.LastIndexOf('.') + 1);
    }
}
