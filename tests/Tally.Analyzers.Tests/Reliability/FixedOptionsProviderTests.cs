using Microsoft.CodeAnalysis.CSharp;
using Tally.AnalyzerBenchmarks.Analysis;
using Xunit;

namespace Tally.Analyzers.Tests.Reliability;

/// <summary>
/// The benchmark program's <c>--option KEY=VALUE</c> (docs/performance.md): the same keys for every file, as one
/// <c>.editorconfig</c> section over the whole code base.
/// </summary>
public sealed class FixedOptionsProviderTests
{
    [Fact]
    public void EveryPairWithAnEqualsSign_IsSetForEveryTree_AndTheRestAreIgnored()
    {
        var provider = new FixedOptionsProvider(new[] { "tally.call_depth = 3", "no-equals-sign", "=no-key", "tally.inferred_severity=warning" });
        var tree = CSharpSyntaxTree.ParseText("class C { }");

        Assert.Equal(2, provider.Count);
        Assert.True(provider.GetOptions(tree).TryGetValue("tally.call_depth", out string? depth));
        Assert.Equal("3", depth);
        Assert.True(provider.GlobalOptions.TryGetValue("tally.inferred_severity", out string? severity));
        Assert.Equal("warning", severity);
        Assert.False(provider.GetOptions(tree).TryGetValue("no-equals-sign", out _));
    }

    [Fact]
    public void AnalyzerOptionsMadeFromIt_CarryTheSameKeys()
    {
        var options = new FixedOptionsProvider(new[] { "tally.call_depth=4" }).ToAnalyzerOptions();

        Assert.True(options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("tally.call_depth", out string? depth));
        Assert.Equal("4", depth);
        Assert.Empty(options.AdditionalFiles);
    }
}
