using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Reliability.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// Every code action Tally offers on the unmutated fuzz inputs (corpus, sample, generated update programs, benchmark
/// slice), one diagnostic at a time and as Fix All in document: the result parses, and where the program compiled, it
/// still compiles.
/// </summary>
public sealed class CodeActionTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Inputs()
        => FuzzInputs.All(FuzzSettings.Ci.GeneratedPrograms, FuzzSettings.Ci.Seed).Select(p => new object[] { p.Name });

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task EveryOfferedCodeAction_ParsesAndKeepsTheProgramCompiling(string name)
    {
        var program = FuzzInputs.All(FuzzSettings.Ci.GeneratedPrograms, FuzzSettings.Ci.Seed).Single(p => p.Name == name);

        var report = await CodeActionCheck.RunAsync(program);

        output.WriteLine($"{name}: {report.Actions} actions and {report.FixAllActions} Fix All in document actions applied");
        Assert.True(report.Failures.IsEmpty, string.Join("\n\n", report.Failures.Take(3)));

        // Every provider has a Fix All provider: where single fixes were offered, Fix All in document ran too.
        Assert.True(report.Actions == 0 || report.FixAllActions > 0, $"{report.Actions} single actions but no Fix All action");
    }

    [Fact]
    public void EveryCodeFixProviderOfTheFixAssembly_IsFound()
    {
        var names = CodeActionCheck.Providers().Select(p => p.GetType().Name).ToList();

        Assert.Contains("NonAtomicUpdateCodeFixProvider", names);
        Assert.Contains("InterlockedMisuseCodeFixProvider", names);
    }
}
