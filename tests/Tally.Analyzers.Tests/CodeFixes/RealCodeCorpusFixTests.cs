using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Corpus;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// One Fix All over each case of the real-code corpora (old and issue 9, every file of a case in one project), as one
/// <c>dotnet format analyzers</c> run would apply it: the result compiles (the harness checks) and nothing is left that
/// the fix could still change, so a second run would be a no-op.
/// </summary>
public sealed class RealCodeCorpusFixTests
{
    public static IEnumerable<object[]> Cases =>
        CorpusCases.All.Concat(NewCorpusCases.All).Where(c => !c.Clean).Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OneFixAllOverACorpusCase_LeavesNothingFixable(string name)
    {
        CorpusCase corpusCase = CorpusCases.All.Concat(NewCorpusCases.All).First(c => c.Name == name);
        var sources = corpusCase.Files.Select((f, i) => MarkupParser.Parse(f, $"{name} file {i}").Text).ToList();
        var options = new TestOptions { AspNetCore = corpusCase.AspNetCore };

        var (texts, fixableLeft) = await Verify.ApplyFixAllOnceAsync(sources, options);

        Assert.True(fixableLeft == 0, $"{name}: {fixableLeft} update(s) still fixable after one Fix All:\n{string.Join("\n// ----\n", texts)}");
    }
}
