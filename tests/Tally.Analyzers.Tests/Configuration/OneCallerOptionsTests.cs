using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Tally.Analyzers.Common;
using Tally.Analyzers.NonAtomicUpdate;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.Configuration.OptionsAnalyzer>;

namespace Tally.Analyzers.Tests.Configuration;

/// <summary>
/// The keys of the usage contract "one caller at a time": <c>tally.one_caller_evidence</c> (which statements count),
/// <c>tally.one_caller_attributes</c> and <c>tally.one_caller_types</c>, with their defaults, checked by TALLY008; and
/// the reading of a <c>&lt;threadsafety&gt;</c> documentation comment.
/// </summary>
public class OneCallerOptionsTests
{
    private const string Source = """
        class C
        {
            private int _count;

            public void M() => _count++;
        }
        """;

    [Theory]
    [InlineData("doc_comment", (int)OneCallerEvidenceKinds.DocComment)]
    [InlineData("attribute", (int)OneCallerEvidenceKinds.Attribute)]
    [InlineData("configured", (int)OneCallerEvidenceKinds.Configured)]
    [InlineData("enumerator", (int)OneCallerEvidenceKinds.Enumerator)]
    [InlineData("stream", (int)OneCallerEvidenceKinds.Stream)]
    [InlineData("all", (int)OneCallerEvidenceKinds.All)]
    [InlineData("none", (int)OneCallerEvidenceKinds.None)]
    public void EveryAcceptedOneCallerWord_MeansWhatItSays(string word, int kind)
    {
        Assert.Contains(word, TallyOptions.KnownKeys.Find(TallyOptions.OneCallerEvidenceKey).Words);
        Assert.Equal((OneCallerEvidenceKinds)kind, TallyOptions.Parse(new OneKeyOptions(TallyOptions.OneCallerEvidenceKey, word)).OneCallerEvidence);
    }

    [Fact]
    public void Defaults_TakeEveryKindTheOneCallerAttributeAndNoConfiguredTypes()
    {
        Assert.Equal(OneCallerEvidenceKinds.All, TallyOptions.Default.OneCallerEvidence);
        Assert.Equal(new[] { "OneCallerAtATime" }, TallyOptions.Default.OneCallerAttributes);
        Assert.Empty(TallyOptions.Default.OneCallerTypes);
    }

    [Fact]
    public async Task MisspeltOneCallerWord_IsReported()
    {
        Diagnostic diagnostic = Assert.Single(await DiagnosticsAsync("tally.one_caller_evidence = stream, enumerators"));

        string message = diagnostic.GetMessage();
        Assert.Contains("tally.one_caller_evidence", message, StringComparison.Ordinal);
        Assert.Contains("'enumerators'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'stream'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidOneCallerKeys_AreNotReported()
        => Assert.Empty(await DiagnosticsAsync(
            "tally.one_caller_evidence = doc_comment, attribute",
            "tally.one_caller_attributes = OneCallerAtATime, NotThreadSafe",
            "tally.one_caller_types = MyApp.Io.Channel, IReader`1"));

    [Theory]
    [InlineData("/// <threadsafety static=\"true\" instance=\"false\"/>", true)]
    [InlineData("/// <threadsafety instance='false' static='true' />", true)]
    [InlineData("/// <threadsafety\n/// instance = \"false\"/>", true)]
    [InlineData("/// <threadsafety static=\"true\" instance=\"true\"/>", false)]
    [InlineData("/// <threadsafety static=\"true\"/>", false)]
    [InlineData("/// <summary>Not thread safe: instance=\"false\".</summary>", false)]
    public void ThreadSafetyComment_IsReadFromItsInstanceAttribute(string comment, bool notThreadSafe)
        => Assert.Equal(notThreadSafe, OneCallerContract.SaysInstanceNotThreadSafe(comment));

    private static Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(params string[] editorConfigLines)
        => Verify.GetDiagnosticsAsync(Source, new TestOptions { EditorConfig = string.Join("\n", editorConfigLines) });

    /// <summary>One key and value, as the parser sees an options set.</summary>
    private sealed class OneKeyOptions : AnalyzerConfigOptions
    {
        private readonly string _key;
        private readonly string _value;

        public OneKeyOptions(string key, string value)
        {
            _key = key;
            _value = value;
        }

        public override bool TryGetValue(string key, out string value)
        {
            value = KeyComparer.Equals(key, _key) ? _value : null!;
            return value is not null;
        }
    }
}

/// <summary>Finding a key of <see cref="TallyOptions.KnownKeys"/> by name.</summary>
internal static class KnownKeyLookup
{
    public static TallyOptionKey Find(this ImmutableArray<TallyOptionKey> keys, string name)
    {
        foreach (TallyOptionKey key in keys)
        {
            if (key.Name == name)
            {
                return key;
            }
        }

        throw new ArgumentException("No such key: " + name, nameof(name));
    }
}
