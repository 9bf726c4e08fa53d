using System.Threading.Tasks;
using Xunit;

namespace Tally.Analyzers.Tests.Corpus;

/// <summary>
/// The new corpus cases for locks that do not exclude each other (a lock per instance around static storage, a read
/// lock), each checked on its own and with its exact rule IDs: the marked updates are reported, their twins are not.
/// </summary>
public class LockModeCorpusTests
{
    [Theory]
    [InlineData("StaticSequenceUnderInstanceLock")]
    [InlineData("ReentrantReadDepth")]
    public async Task LockModeCase_ReportsExactlyWhatIsMarked(string name)
    {
        var result = await CorpusRunner.RunAsync(NewCorpusCases.Named(name), CorpusMatching.Exact);

        Assert.True(result.Matches, $"{name} does not match its markup:\n{result.Describe()}");
    }
}
