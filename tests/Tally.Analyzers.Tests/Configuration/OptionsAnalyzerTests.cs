using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Common;
using Tally.Analyzers.Configuration;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.Configuration.OptionsAnalyzer>;

namespace Tally.Analyzers.Tests.Configuration;

/// <summary>TALLY008: a <c>tally.*</c> key Tally does not know, or a value it does not accept, is reported instead of ignored.</summary>
public class OptionsAnalyzerTests
{
    private const string Source = """
        class C
        {
            private static int s_count;

            public void M() => s_count++;
        }
        """;

    [Fact]
    public async Task MisspeltValue_IsReported_WithTheKeyTheValueAndTheAcceptedValues()
    {
        ImmutableArray<Diagnostic> diagnostics = await DiagnosticsAsync("tally.evidence = statc");

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        string message = diagnostic.GetMessage();
        Assert.Contains("tally.evidence", message, StringComparison.Ordinal);
        Assert.Contains("'statc'", message, StringComparison.Ordinal);
        foreach (string accepted in new[] { "synchronized_elsewhere", "volatile", "concurrent", "static", "shared_instance", "all" })
        {
            Assert.Contains(accepted, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownKey_IsReported_WithTheKnownKeys()
    {
        Diagnostic diagnostic = Assert.Single(await DiagnosticsAsync("tally.evidnce = static"));

        string message = diagnostic.GetMessage();
        Assert.StartsWith("'tally.evidnce' is not a Tally option", message, StringComparison.Ordinal);
        Assert.All(TallyOptions.KnownKeys, key => Assert.Contains(key.Name, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyTheBadItemsOfAList_AreNamed()
    {
        Diagnostic diagnostic = Assert.Single(await DiagnosticsAsync("tally.shared_instance_evidence = singleton, contrat, atribute"));

        string message = diagnostic.GetMessage();
        Assert.Contains("'contrat', 'atribute' are not accepted", message, StringComparison.Ordinal);
        Assert.DoesNotContain("'singleton'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tally.call_depth = 9", "'9'")]
    [InlineData("tally.call_depth = -1", "'-1'")]
    [InlineData("tally.call_depth = two", "'two'")]
    [InlineData("tally.lock_methods = SpinGate.Enter", "'SpinGate.Enter'")]
    [InlineData("tally.lock_methods = SpinGate.Enter|", "'SpinGate.Enter|'")]
    [InlineData("tally.concurrent_methods = WorkQueue.", "'WorkQueue.'")]
    [InlineData("tally.concurrent_methods = Gate.Enter|Gate.Exit", "'Gate.Enter|Gate.Exit'")]
    [InlineData("tally.evidence = ,", "',' is not accepted")]
    [InlineData("tally.inferred_severity = loud", "'loud'")]
    [InlineData("tally.inferred_severity = warning, none", "'warning, none'")]
    [InlineData("tally.inferred_severity = info", "'info'")]
    public async Task ValuesTheParserWouldIgnore_AreReported(string line, string named)
    {
        Diagnostic diagnostic = Assert.Single(await DiagnosticsAsync(line));
        Assert.Contains(named, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tally.evidence = all")]
    [InlineData("tally.evidence = STATIC, Volatile; concurrent")]
    [InlineData("tally.evidence = synchronised_elsewhere, synchronized_elsewhere, shared_instance")]
    [InlineData("tally.shared_instance_evidence = synchronisation, concurrent_work, singleton, contract, attribute")]
    [InlineData("tally.concurrent_methods = WorkQueue.Enqueue, MyApp.Scheduling.Pool.Run, Run")]
    [InlineData("tally.lock_methods = SpinGate.Enter|SpinGate.Exit, Locks.Take|Locks.Give")]
    [InlineData("tally.racy_attributes = none")]
    [InlineData("tally.racy_attributes = SingleWriter, RacyByDesign")]
    [InlineData("tally.thread_safe_attributes = ThreadSafe")]
    [InlineData("tally.shared_contracts = My.Contracts.IHandler")]
    [InlineData("tally.shared_contracts = OpenTelemetry.BaseProcessor`1, My.Contracts.IHandler")]
    [InlineData("tally.call_depth = 0")]
    [InlineData("tally.call_depth = 8")]
    [InlineData("tally.inferred_severity = error")]
    [InlineData("tally.inferred_severity = warning")]
    [InlineData("tally.inferred_severity = suggestion")]
    [InlineData("tally.inferred_severity = silent")]
    [InlineData("tally.inferred_severity = None")]
    [InlineData("dotnet_diagnostic.TALLY004.severity = warning")]
    [InlineData("other_tool.evidence = statc")]
    public async Task AcceptedValues_AndOtherToolsKeys_AreNotReported(string line)
    {
        Assert.Empty(await DiagnosticsAsync(line));
    }

    [Fact]
    public async Task SeveralProblems_AreEachReported_InKeyOrder()
    {
        ImmutableArray<Diagnostic> diagnostics = await DiagnosticsAsync(
            "tally.evidence = statc", "tally.call_depth = lots", "tally.unknown = 1", "tally.racy_attributes = Racy");

        Assert.Equal(
            new[] { "tally.call_depth", "tally.evidence", "tally.unknown" },
            diagnostics.Select(d => d.GetMessage().Split('\'')[1].Split(' ')[0]).ToArray());
    }

    [Fact]
    public async Task AProblemSharedByEveryFile_IsReportedOnce()
    {
        ImmutableArray<Diagnostic> diagnostics = await Verify.GetDiagnosticsAsync(
            Source,
            new TestOptions { EditorConfig = "tally.evidence = statc", AdditionalSources = new[] { "class D { }", "class E { }" } });

        Assert.Single(diagnostics.Select(d => d.GetMessage()).Distinct());
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public async Task TheRulesSeverityInTheSameSection_Applies(string severity, DiagnosticSeverity? expected)
    {
        ImmutableArray<Diagnostic> diagnostics = await DiagnosticsAsync("tally.evidence = statc", $"dotnet_diagnostic.TALLY008.severity = {severity}");

        Assert.Equal(expected is null ? Array.Empty<DiagnosticSeverity>() : new[] { expected.Value }, diagnostics.Select(d => d.Severity).ToArray());
    }

    [Fact]
    public void EveryKeyConstantOfTheOptions_IsInTheKnownKeys()
    {
        string[] constants = typeof(TallyOptions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Key", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToArray();

        Assert.NotEmpty(constants);
        Assert.Equal(constants, TallyOptions.KnownKeys.Select(k => k.Name).OrderBy(k => k, StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("synchronized_elsewhere", (int)EvidenceKinds.SynchronizedElsewhere)]
    [InlineData("synchronised_elsewhere", (int)EvidenceKinds.SynchronizedElsewhere)]
    [InlineData("volatile", (int)EvidenceKinds.Volatile)]
    [InlineData("concurrent", (int)EvidenceKinds.Concurrent)]
    [InlineData("static", (int)EvidenceKinds.Static)]
    [InlineData("shared_instance", (int)EvidenceKinds.SharedInstance)]
    [InlineData("all", (int)EvidenceKinds.All)]
    public void EveryAcceptedEvidenceWord_MeansSomethingToTheParser(string word, int kind)
    {
        Assert.Contains(word, TallyOptions.KnownKeys.Single(k => k.Name == TallyOptions.EvidenceKey).Words);
        Assert.Equal((EvidenceKinds)kind, TallyOptions.Parse(new DictionaryOptions(TallyOptions.EvidenceKey, word)).Evidence);
    }

    [Fact]
    public async Task ABadInferredSeverity_IsReported_WithTheFiveAcceptedValues()
    {
        Diagnostic diagnostic = Assert.Single(await DiagnosticsAsync("tally.inferred_severity = loud"));

        string message = diagnostic.GetMessage();
        Assert.Contains("tally.inferred_severity", message, StringComparison.Ordinal);
        Assert.All(new[] { "error", "warning", "suggestion", "silent", "none" }, word => Assert.Contains(word, message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("error", ReportDiagnostic.Error)]
    [InlineData("warning", ReportDiagnostic.Warn)]
    [InlineData("suggestion", ReportDiagnostic.Info)]
    [InlineData("silent", ReportDiagnostic.Hidden)]
    [InlineData("none", ReportDiagnostic.Suppress)]
    public void EveryAcceptedInferredSeverity_MeansSomethingToTheParser(string word, ReportDiagnostic severity)
    {
        Assert.Contains(word, TallyOptions.KnownKeys.Single(k => k.Name == TallyOptions.InferredSeverityKey).Words);
        Assert.Equal(severity, TallyOptions.Parse(new DictionaryOptions(TallyOptions.InferredSeverityKey, word)).InferredSeverity);
    }

    [Fact]
    public void InferredFindings_AreHiddenByDefault()
    {
        Assert.Equal(ReportDiagnostic.Hidden, TallyOptions.Default.InferredSeverity);
    }

    [Theory]
    [InlineData("synchronization", (int)SharedInstanceEvidenceKinds.Synchronization)]
    [InlineData("synchronisation", (int)SharedInstanceEvidenceKinds.Synchronization)]
    [InlineData("concurrent_work", (int)SharedInstanceEvidenceKinds.ConcurrentWork)]
    [InlineData("singleton", (int)SharedInstanceEvidenceKinds.Singleton)]
    [InlineData("contract", (int)SharedInstanceEvidenceKinds.Contract)]
    [InlineData("attribute", (int)SharedInstanceEvidenceKinds.Attribute)]
    [InlineData("all", (int)SharedInstanceEvidenceKinds.All)]
    public void EveryAcceptedSharedInstanceWord_MeansSomethingToTheParser(string word, int kind)
    {
        Assert.Contains(word, TallyOptions.KnownKeys.Single(k => k.Name == TallyOptions.SharedInstanceEvidenceKey).Words);
        Assert.Equal((SharedInstanceEvidenceKinds)kind, TallyOptions.Parse(new DictionaryOptions(TallyOptions.SharedInstanceEvidenceKey, word)).SharedInstanceEvidence);
    }

    private static Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(params string[] editorConfigLines)
        => Verify.GetDiagnosticsAsync(Source, new TestOptions { EditorConfig = string.Join("\n", editorConfigLines) });

    /// <summary>One key and value, as the parser sees an options set.</summary>
    private sealed class DictionaryOptions : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        private readonly string _key;
        private readonly string _value;

        public DictionaryOptions(string key, string value)
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
