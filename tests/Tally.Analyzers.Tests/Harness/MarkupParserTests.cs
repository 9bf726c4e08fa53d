using Microsoft.CodeAnalysis.Text;
using Tally.Analyzers.Tests.Verification;
using Xunit;

namespace Tally.Analyzers.Tests.Harness;

/// <summary>Markup is parsed into exact spans, and malformed markup fails with a clear message.</summary>
public class MarkupParserTests
{
    [Fact]
    public void DefaultAndIdMarkup_GiveSpansInTheTextWithoutMarkup()
    {
        ParsedMarkup parsed = MarkupParser.Parse("a [|bc|] d {|X1:ef|} g");
        Assert.Equal("a bc d ef g", parsed.Text);
        Assert.Equal(new[] { new MarkedSpan(new TextSpan(2, 2), null), new MarkedSpan(new TextSpan(7, 2), "X1") }, parsed.Spans);
    }

    [Fact]
    public void NestedMarkup_GivesBothSpans()
    {
        ParsedMarkup parsed = MarkupParser.Parse("{|A:x[|y|]z|}");
        Assert.Equal("xyz", parsed.Text);
        Assert.Equal(new[] { new MarkedSpan(new TextSpan(0, 3), "A"), new MarkedSpan(new TextSpan(1, 1), null) }, parsed.Spans);
    }

    [Fact]
    public void EmptySpan_IsAllowed()
    {
        ParsedMarkup parsed = MarkupParser.Parse("ab[||]c");
        Assert.Equal(new MarkedSpan(new TextSpan(2, 0), null), Assert.Single(parsed.Spans));
    }

    [Fact]
    public void TextWithoutMarkup_IsUnchanged()
    {
        const string code = "class C { int[] a = { 1 }; bool b = true || false; int c = 1 | 2; }";
        ParsedMarkup parsed = MarkupParser.Parse(code);
        Assert.Equal(code, parsed.Text);
        Assert.Empty(parsed.Spans);
    }

    [Theory]
    [InlineData("a [|b", "never closed")]
    [InlineData("a {|X:b", "never closed")]
    [InlineData("a b|]", "closes nothing")]
    [InlineData("a b|}", "closes nothing")]
    [InlineData("[|a|}", "does not match")]
    [InlineData("{|X:a|]", "does not match")]
    [InlineData("{|a|}", "must be followed by a diagnostic ID")]
    [InlineData("{|:a|}", "must be followed by a diagnostic ID")]
    [InlineData("{|X Y:a|}", "must be followed by a diagnostic ID")]
    public void MalformedMarkup_Fails(string markup, string problem)
    {
        var failure = Assert.Throws<VerificationException>(() => MarkupParser.Parse(markup));
        Assert.Contains(problem, failure.Message);
        Assert.Contains("line 1, column", failure.Message);
    }

    [Fact]
    public void ErrorPosition_CountsLines()
    {
        var failure = Assert.Throws<VerificationException>(() => MarkupParser.Parse("line one\nline [|two"));
        Assert.Contains("line 2, column 6", failure.Message);
    }
}
