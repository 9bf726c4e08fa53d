using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Reliability.Fuzz;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The analyzers enable concurrent execution, so the order in which their callbacks run changes from run to run; the
/// diagnostics (IDs, locations, messages, additional locations) must not.
/// </summary>
public sealed class DeterminismTests
{
    private const int ConcurrentRuns = 6;
    private const int Rounds = 3;

    public static IEnumerable<object[]> Inputs()
        => new[] { "benchmark slice", "sample RacySample", "corpus CallChain", "corpus InterlockedMisuse" }
            .Concat(FuzzInputs.Generated(4, FuzzSettings.Ci.Seed).Select(p => p.Name))
            .Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task ConcurrentRunsOverOneCompilation_ReportIdenticalDiagnostics(string name)
    {
        var program = FuzzInputs.All(FuzzSettings.Ci.GeneratedPrograms, FuzzSettings.Ci.Seed).Single(p => p.Name == name);
        var compilation = ProgramCompiler.Compile(program);
        var first = TallyAnalysis.Lines((await TallyAnalysis.WholeCompilationAsync(compilation)).Diagnostics);

        for (int round = 0; round < Rounds; round++)
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, ConcurrentRuns).Select(_ => Task.Run(() => TallyAnalysis.WholeCompilationAsync(compilation))));
            foreach (var run in runs)
            {
                Assert.Empty(run.Crashes);
                Assert.Equal(string.Join("\n", first), string.Join("\n", TallyAnalysis.Lines(run.Diagnostics)));
            }
        }
    }
}
