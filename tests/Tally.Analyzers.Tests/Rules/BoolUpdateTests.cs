using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Logical updates of a <c>bool</c> (<c>ok &amp;= x</c>, <c>any |= x</c>, <c>odd ^= x</c>, <c>ok = ok &amp;&amp; x</c>) are
/// read-modify-writes like <c>count += x</c>: two writers that overlap can lose one's result (issue 9, fresh7 miss). Plain
/// writes of a bool (<c>done = true</c>, <c>if (!done) done = true;</c>, <c>flag = !flag</c>) are not updates.
/// </summary>
public class BoolUpdateTests
{
    [Fact]
    public Task CompoundLogicalUpdatesOfACapturedBoolInAFanOut_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class Replicas
            {
                public bool AllReady(List<string> nodes)
                {
                    bool all = true;
                    bool any = false;
                    bool odd = false;
                    Parallel.ForEach(nodes, node => { {|TALLY003:all &= node.Length > 0|}; });
                    Parallel.For(0, nodes.Count, i => { {|TALLY003:any |= nodes[i].Length > 3|}; });
                    nodes.AsParallel().ForAll(node => { {|TALLY003:odd ^= node.Length % 2 == 1|}; });
                    return all && any && !odd;
                }
            }
            """);

    [Fact]
    public Task AssignmentsThatCombineACapturedBoolWithItself_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Replicas
            {
                public bool Check(List<string> nodes)
                {
                    bool all = true;
                    bool any = false;
                    Parallel.ForEach(nodes, node =>
                    {
                        {|TALLY003:all = all & node.Length > 0|};
                        {|TALLY003:any = node.Length > 3 || any|};
                        {|TALLY003:all = all && node.Length < 9|};
                    });
                    return all && any;
                }
            }
            """);

    [Fact]
    public async Task ACapturedBoolUpdateInAFanOut_IsCertain_AndAWarning_LikeAnInt()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Replicas
            {
                public bool AllReady(List<string> nodes)
                {
                    bool all = true;
                    int ready = 0;
                    Parallel.ForEach(nodes, node => { all &= node.Length > 0; ready += node.Length > 0 ? 1 : 0; });
                    return all && ready > 0;
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Equal("TALLY003", diagnostic.Id);
            Assert.True(diagnostic.Properties.TryGetValue("Certainty", out var certainty));
            Assert.Equal("Certain", certainty);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        }

        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'all'"));
    }

    [Fact]
    public Task ABoolFieldUpdatedInAParallelBody_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Loader
            {
                private bool _failed;

                public bool Load(List<string> files)
                {
                    Parallel.ForEach(files, file => { {|TALLY003:_failed |= file.Length == 0|}; });
                    return _failed;
                }
            }
            """);

    [Fact]
    public Task BoolUpdatesOfUnsharedLocalsAndSingleThreadedCode_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Replicas
            {
                private bool _seen;

                public async Task<bool> CheckAsync(List<string> nodes)
                {
                    bool all = true;
                    foreach (var node in nodes)
                    {
                        all &= node.Length > 0;
                        _seen |= node.Length > 3;
                    }

                    bool once = true;
                    await Task.Run(() => once &= nodes.Count > 0);

                    Parallel.ForEach(nodes, node =>
                    {
                        bool mine = true;
                        mine &= node.Length > 0;
                        mine = mine | node.Length > 1;
                    });

                    return all && once && _seen;
                }
            }
            """);

    [Fact]
    public Task PlainWritesOfASharedBool_AreNotUpdates() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Loader
            {
                public bool Load(List<string> files)
                {
                    bool failed = false;
                    bool toggled = false;
                    bool seen = false;
                    Parallel.ForEach(files, file =>
                    {
                        if (file.Length == 0) failed = true;
                        if (!seen) seen = true;
                        toggled = !toggled;
                        failed = file.Length > 9 && seen;
                    });
                    return failed || toggled || seen;
                }
            }
            """);

    [Fact]
    public Task ABoolThatStartsTrueAndIsOnlyOredInto_IsNotReported_NoWriteCanChangeIt() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Shards
            {
                public bool Loaded(List<string> shards)
                {
                    var complete = true;
                    var failed = false;
                    Parallel.For(0, shards.Count, i =>
                    {
                        complete |= shards[i].Length > 0;
                        complete = complete || shards[i].Length > 2;
                        failed &= shards[i].Length == 0;
                    });
                    var seen = complete;
                    complete = true;
                    return seen && !failed;
                }
            }
            """);

    [Fact]
    public Task ABoolThatStartsTrueButIsSetFalseSomewhere_IsStillReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Shards
            {
                public bool Loaded(List<string> shards, bool reset)
                {
                    var complete = true;
                    var partial = false;
                    if (reset) complete = false;
                    Parallel.For(0, shards.Count, i =>
                    {
                        {|TALLY003:complete |= shards[i].Length > 0|};
                        {|TALLY003:partial |= shards[i].Length > 0|};
                    });
                    return complete && partial;
                }
            }
            """);

    [Fact]
    public Task ABoolThatStartsTrueButIsPassedByRef_IsStillReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Shards
            {
                static void Clear(ref bool flag) => flag = false;

                public bool Loaded(List<string> shards)
                {
                    var complete = true;
                    Clear(ref complete);
                    Parallel.For(0, shards.Count, i => { {|TALLY003:complete |= shards[i].Length > 0|}; });
                    return complete;
                }
            }
            """);
}
