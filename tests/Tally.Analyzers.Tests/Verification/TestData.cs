using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Tally.Analyzers.Tests.Verification;

/// <summary>Theory data and option shorthands that many test classes share (one place, so they cannot drift apart).</summary>
public static class TestData
{
    /// <summary>The oldest language version Tally supports (C# 7.3, .NET Framework projects) and the latest.</summary>
    public static TheoryData<LanguageVersion> LanguageVersions => new() { LanguageVersion.CSharp7_3, LanguageVersion.Latest };

    /// <summary>The default test options with <paramref name="version"/> as the language version.</summary>
    public static TestOptions Options(LanguageVersion version) => new() { LanguageVersion = version };
}
