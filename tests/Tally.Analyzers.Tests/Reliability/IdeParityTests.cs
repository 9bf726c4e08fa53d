using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Reliability.Fuzz;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// What the IDE shows for an open file (per-document analysis on a fresh CompilationWithAnalyzers) must be what the
/// build reports (the whole-compilation run): a squiggle the build disagrees with, or a build error the editor never
/// showed, makes users remove the package.
/// </summary>
public sealed class IdeParityTests
{
    private const string RoundRobin = """
        using System.Threading;

        public sealed class RoundRobin
        {
            private readonly string[] _members = { "a", "b", "c" };
            private int _next;

            public string Next()
            {
                Interlocked.Increment(ref _next);
                return _members[_next % _members.Length];
            }
        }
        """;

    public static IEnumerable<object[]> Inputs() => CodeActionTests.Inputs();

    private const string Mixed = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Mixed
        {
            private readonly object _gate = new object();
            private int _hits;
            private int _fast;
            private int _crawled;

            public void Locked() { lock (_gate) { _hits++; } }
            public void Unlocked() { _hits++; }
            public void Fast() => Interlocked.Increment(ref _fast);
            public void Slow() { _fast++; }
            public void Crawl(int n) { Parallel.For(0, n, i => { _crawled++; }); }
        }
        """;

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task PerDocumentAnalysis_ReportsExactlyWhatTheBuildReports(string name)
    {
        var program = FuzzInputs.All(FuzzSettings.Ci.GeneratedPrograms, FuzzSettings.Ci.Seed).Single(p => p.Name == name);
        var compilation = ProgramCompiler.Compile(program);

        var build = await TallyAnalysis.WholeCompilationAsync(compilation);
        var ide = await TallyAnalysis.PerDocumentAsync(compilation);

        Assert.Empty(build.Crashes);
        Assert.Empty(ide.Crashes);
        Assert.Equal(string.Join("\n", TallyAnalysis.Lines(build.Diagnostics)), string.Join("\n", TallyAnalysis.Lines(ide.Diagnostics)));
    }

    [Fact]
    public async Task CertainAndInferredFindings_HaveTheSameSeverities_PerDocumentAsInTheBuild()
    {
        var compilation = ProgramCompiler.Compile(new SourceProgram("mixed", new[] { ("Mixed.cs", Mixed) }));

        var build = await TallyAnalysis.WholeCompilationAsync(compilation);
        var ide = await TallyAnalysis.PerDocumentAsync(compilation);

        // The lines carry the severity: an inferred finding (the locked partner) is hidden by default, the certain ones warnings.
        Assert.Contains(build.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden);
        Assert.Contains(build.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
        Assert.Equal(string.Join("\n", TallyAnalysis.Lines(build.Diagnostics)), string.Join("\n", TallyAnalysis.Lines(ide.Diagnostics)));
    }

    [Fact]
    public async Task RoundRobinReadAfterInterlocked_IsReportedByPerDocumentAnalysisAsByTheBuild()
    {
        var compilation = ProgramCompiler.Compile(new SourceProgram("round robin", new[] { ("RoundRobin.cs", RoundRobin) }));

        var build = await TallyAnalysis.WholeCompilationAsync(compilation);
        var ide = await TallyAnalysis.PerDocumentAsync(compilation);

        Assert.Contains(build.Diagnostics, d => d.Id == "TALLY007");
        Assert.Equal(string.Join("\n", TallyAnalysis.Lines(build.Diagnostics)), string.Join("\n", TallyAnalysis.Lines(ide.Diagnostics)));
    }
}
