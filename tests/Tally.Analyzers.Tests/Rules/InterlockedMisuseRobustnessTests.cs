using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Tests.Verification;
using Tally.CodeFixes;
using Xunit;
using Tally.Analyzers.InterlockedMisuse;
using Tally.CodeFixes.InterlockedMisuse;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>The misuse analyzer and its fix on incomplete code: no exception, whatever the compiler errors.</summary>
public class InterlockedMisuseRobustnessTests
{
    public static IEnumerable<object[]> BrokenBodies() => new[]
    {
        "Interlocked.Exchange(ref _x, );",
        "Interlocked.Exchange(ref _x, _x + );",
        "_x = Interlocked.Increment(ref this.);",
        "Interlocked.Increment(ref _x) return _x;",
        "Interlocked.Increment(ref _x); return _items[_x % ];",
        "Interlocked.CompareExchange(ref _x, _x + 1);",
        "Interlocked.Exchange(ref _missing, _missing + 1);",
        "Interlocked.Increment(ref _x); switch (_x) { case 1: return _x; }",
        "Interlocked.Exchange(ref _o, new object[] { _o, });",
        "Interlocked.Exchange(location1: ref _x, value: _x + 1);",
        "Interlocked.Exchange(value: _x - 1, location1: ref _x);",
        "Interlocked.Increment(ref _x); goto L; L: return _x;",
        "Interlocked.Increment(ref _x); return Unknown(_x);",
    }.Select(body => new object[] { body });

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task IncompleteOrOddCode_NeitherAnalyzerNorFixThrows(string body)
    {
        var source = $$"""
            using System.Threading;

            public class Broken
            {
                private int _x;
                private object _o = new object();
                private readonly string[] _items = new string[1];

                public object M()
                {
                    {{body}}
                    return 0;
                }
            }
            """;
        var project = TestWorkspace.CreateProject(new[] { source }, TestOptions.Default);
        var compilation = (await project.GetCompilationAsync())!;
        var failures = new ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new InterlockedMisuseAnalyzer()),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, _, _) => failures.Enqueue(exception.ToString()),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));

        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.Empty(failures);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var provider = new InterlockedMisuseCodeFixProvider();
        var document = project.Documents.Single();
        foreach (var diagnostic in diagnostics)
        {
            var actions = new List<CodeAction>();
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), default));
            foreach (var action in actions)
            {
                var operations = await action.GetOperationsAsync(default);
                Assert.NotEmpty(operations);
            }
        }
    }
}
