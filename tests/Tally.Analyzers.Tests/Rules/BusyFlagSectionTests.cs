using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A busy flag held across awaited work (held-out fresh31, Video Duplicate Finder's batch file operations): a method
/// returns when a bool flag is set, sets it, and clears it in the <c>finally</c> of a <c>try</c> that awaits a
/// <c>Task.Run</c> (directly, or through private begin/end helpers). Writers that all run only inside sections of one
/// flag run one at a time unless two callers pass the test together, so the overlap is inferred, not certain. A flag
/// cleared elsewhere, a start not awaited, a writer outside the sections, two flags, a flag never tested, a start in a
/// loop and a <c>Parallel.For</c> inside the section stay certain. See docs/detection-model.md, "A busy flag held
/// across awaited work".
/// </summary>
public class BusyFlagSectionTests
{
    private static readonly TestOptions Options = new TestOptions { AspNetCore = true };

    /// <summary>A singleton service (declared sharing: certain evidence) with <paramref name="members"/>.</summary>
    private static string Service(string members) => """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class FileOps
        {
            public bool Running { get; private set; }
            public int Current { get; private set; }
            private bool _other;

        MEMBERS
        }

        static class Setup
        {
            public static void Register(IServiceCollection services) { services.AddSingleton<FileOps>(); }
        }
        """.Replace("MEMBERS", members);

    private const string Helpers = """
            private bool TryBegin(int max)
            {
                if (Running || max == 0) return false;
                Running = true;
                Current = 0;
                return true;
            }

            private void End()
            {
                Running = false;
            }

        """;

    private static string Batch(string name, string body) => """
            public async Task NAMEAsync(List<string> paths)
            {
        BODY
            }

        """.Replace("NAME", name).Replace("BODY", body);

    private const string HelperSection = """
                if (!TryBegin(paths.Count)) return;
                try
                {
                    await Task.Run(() =>
                    {
                        foreach (var p in paths) { {|TALLY003:Current++|}; }
                    });
                }
                finally { End(); }
        """;

    private const string InlineSection = """
                if (Running) return;
                Running = true;
                Current = 0;
                try
                {
                    await Task.Run(() =>
                    {
                        foreach (var p in paths) { {|TALLY003:Current++|}; }
                    }).ConfigureAwait(false);
                }
                finally { Running = false; }
        """;

    /// <summary>Exactly the marked updates are reported, each inferred (hidden).</summary>
    private static async Task AssertInferred(string source, int count)
    {
        await Verify.VerifyAnalyzerAsync(source, Options);
        var diagnostics = await Verify.GetDiagnosticsAsync(source, Options);
        Assert.Equal(count, diagnostics.Count(diagnostic => diagnostic.Id == "TALLY003"));
        CertaintyAssert.AllInferred(diagnostics);
    }

    /// <summary>Some update is still a certain warning.</summary>
    private static async Task AssertCertain(string source)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(source, Options);
        Assert.Contains(diagnostics, diagnostic => diagnostic.Properties["Certainty"] == "Certain" && diagnostic.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public Task BatchesBehindBeginAndEndHelpers_AreInferred() =>
        AssertInferred(Service(Helpers + Batch("Delete", HelperSection) + Batch("Move", HelperSection)), 2);

    [Fact]
    public Task BatchesBehindAnInlineFlag_AreInferred() =>
        AssertInferred(Service(Batch("Delete", InlineSection) + Batch("Move", InlineSection)), 2);

    [Fact]
    public Task AnInlineBatchAndAHelperBatchOfOneFlag_AreInferred() =>
        AssertInferred(Service(Helpers + Batch("Delete", InlineSection) + Batch("Move", HelperSection)), 2);

    [Fact]
    public Task ABatchBehindAStaticFlagWithATestOfTwoConditions_IsInferred() =>
        AssertInferred("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Exporter
            {
                private static bool s_busy;
                public static int Written;

                public static async Task ExportAsync(List<string> rows)
                {
                    if (s_busy || rows.Count == 0) { return; }
                    s_busy = true;
                    Written = 0;
                    try
                    {
                        var total = await Task.Factory.StartNew(() =>
                        {
                            foreach (var row in rows) { {|TALLY003:Written++|}; }
                            return Written;
                        });
                    }
                    finally
                    {
                        s_busy = false;
                    }
                }
            }
            """, 1);

    [Fact]
    public Task BatchesBehindOneFlag_WithInferredFindingsOff_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Service(Helpers + Batch("Delete", HelperSection) + Batch("Move", HelperSection)).Replace("{|TALLY003:Current++|}", "Current++"),
            new TestOptions { AspNetCore = true, EditorConfig = "tally.inferred_severity = none" });

    [Fact]
    public Task TheSameBatchesWithoutTheFlag_AreCertain() =>
        AssertCertain(Service(Batch("Delete", HelperSection.Replace("if (!TryBegin(paths.Count)) return;", "Current = 0;").Replace("finally { End(); }", "finally { }"))
            + Batch("Move", HelperSection.Replace("if (!TryBegin(paths.Count)) return;", "Current = 0;").Replace("finally { End(); }", "finally { }"))));

    [Fact]
    public Task AFlagAlsoClearedByACancelMethod_StaysCertain() =>
        AssertCertain(Service(Helpers + Batch("Delete", HelperSection) + Batch("Move", HelperSection) + "    public void Cancel() { Running = false; }\n"));

    [Fact]
    public Task AFlagClearedInTheTryBeforeTheWorkIsAwaited_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", InlineSection.Replace("await Task.Run", "Running = false;\n            await Task.Run")) + Batch("Move", InlineSection)));

    [Fact]
    public Task AFlagClearedByAnEarlierTryOfTheSameMethod_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", """
                    if (Running) return;
                    Running = true;
                    try { Current = 0; }
                    finally { Running = false; }
                    try
                    {
                        await Task.Run(() => { foreach (var p in paths) { Current++; } });
                    }
                    finally { Running = false; }
            """) + Batch("Move", InlineSection)));

    [Fact]
    public Task AnAwaitBetweenTheTestAndTheSet_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", InlineSection.Replace("Running = true;", "await Task.Yield();\n        Running = true;")) + Batch("Move", InlineSection)));

    [Fact]
    public Task AnAwaitUsingBetweenTheTestAndTheSet_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", InlineSection.Replace("Running = true;", "await using (var buffer = new System.IO.MemoryStream()) { }\n        Running = true;")) + Batch("Move", InlineSection)));

    [Fact]
    public Task AnEndHelperAlsoCalledOutsideTheFinally_StaysCertain() =>
        AssertCertain(Service(Helpers + Batch("Delete", HelperSection) + Batch("Move", HelperSection) + "    public void Reset() { End(); }\n"));

    [Fact]
    public Task ALambdaStartedButNotAwaited_StaysCertain() =>
        AssertCertain(Service(Helpers + Batch("Delete", HelperSection.Replace("await Task.Run", "_ = Task.Run")) + Batch("Move", HelperSection)));

    [Fact]
    public Task AWriterOutsideAnySection_StaysCertain() =>
        AssertCertain(Service(Helpers + Batch("Delete", HelperSection) + "    public void Skip() { Current++; }\n"));

    [Fact]
    public Task TwoBatchesBehindTwoDifferentFlags_StayCertain() =>
        AssertCertain(Service(Batch("Delete", InlineSection) + Batch("Move", InlineSection.Replace("Running", "_other"))));

    [Fact]
    public Task AFlagSetButNeverTested_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", InlineSection.Replace("if (Running) return;", string.Empty)) + Batch("Move", InlineSection.Replace("if (Running) return;", string.Empty))));

    [Fact]
    public Task AwaitedWorkStartedInALoop_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", """
                    if (Running) return;
                    Running = true;
                    try
                    {
                        var tasks = new List<Task>();
                        foreach (var p in paths) { tasks.Add(Task.Run(() => { Current++; })); }
                        await Task.WhenAll(tasks);
                    }
                    finally { Running = false; }
            """)));

    [Fact]
    public Task AParallelForInsideTheSection_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", """
                    if (Running) return;
                    Running = true;
                    try
                    {
                        await Task.Run(() => Parallel.For(0, paths.Count, i => { Current++; }));
                    }
                    finally { Running = false; }
            """)));

    [Fact]
    public Task AnAsyncLambdaHandedToStartNew_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", InlineSection.Replace("await Task.Run(() =>", "await Task.Factory.StartNew(async () =>").Replace("foreach (var p in paths) { {|TALLY003:Current++|}; }", "foreach (var p in paths) { Current++; await Task.Yield(); }").Replace(").ConfigureAwait(false);", ");"))
            + Batch("Move", InlineSection)));

    [Fact]
    public Task AFlagOthersCanSet_StaysCertain() =>
        AssertCertain(Service(Batch("Delete", InlineSection) + Batch("Move", InlineSection)).Replace("public bool Running { get; private set; }", "public bool Running { get; set; }"));

    [Fact]
    public Task BrokenBatchCode_DoesNotThrow() =>
        Verify.GetDiagnosticsAsync(Service(Helpers + Batch("Delete", """
                    if (!TryBegin()) return;
                    if (Running) return
                    Running = ;
                    try { await Task.Run(() => { Current++; }); }
                    finally { End(; }
            """)), new TestOptions { AspNetCore = true, AllowedCompilerDiagnostics = new[] { "CS1002", "CS1525", "CS7036", "CS1026" } });
}
