using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Statistics objects each kept by their own class in a <c>static readonly</c> field (a game framework's per-subsystem
/// counters): a write of <c>Value</c> through one holder and a write through another are writes of the same member, but
/// maybe of two objects. Such a pair is evidence that the member is written concurrently (inferred), not that the
/// object behind this holder is; the same holder written from a started loop and from ordinary calls is one object.
/// </summary>
public class StaticHolderPartnerTests
{
    private const string Statistics = """
        public sealed class Statistic
        {
            public int Value { get; set; }
        }

        public static class Statistics
        {
            public static Statistic Get(string name) => new Statistic();
        }
        """;

    private const string Subsystems = """
        using System.Threading.Tasks;

        public sealed class Poller
        {
            private static readonly Statistic s_polls = Statistics.Get("polls");

            public void Start() => Task.Run(() => { while (true) { s_polls.Value++; } });
        }

        public sealed class KeyboardInput
        {
            private static readonly Statistic s_keys = Statistics.Get("keys");

            internal void OnKey() { s_keys.Value++; }
        }
        """;

    [Fact]
    public async Task UpdateThroughOneStaticHolder_PairedWithAStartedUpdateThroughAnother_IsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Subsystems, new TestOptions { AdditionalSources = new[] { Statistics } });

        var keys = diagnostics.Where(d => d.GetMessage().Contains("'s_keys.Value'")).ToImmutableArray();
        Assert.Single(keys);
        CertaintyAssert.AllInferred(keys);
    }

    [Fact]
    public async Task UpdateThroughTheSameStaticHolder_FromAStartedLoopAndAnotherStartedLoop_IsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            public sealed class Poller
            {
                private static readonly Statistic s_polls = Statistics.Get("polls");

                public void Start() => Task.Run(() => { while (true) { s_polls.Value++; } });

                internal static void Count() { s_polls.Value++; }
            }

            public sealed class KeyboardInput
            {
                public void Start() => Task.Run(() => { while (true) { Poller.Count(); } });
            }
            """, new TestOptions { AdditionalSources = new[] { Statistics } });

        var counted = diagnostics.Where(d => d.GetMessage().Contains("'s_polls.Value'") && d.Location.GetLineSpan().StartLinePosition.Line == 8).ToImmutableArray();
        CertaintyAssert.SingleCertain(counted);
    }
}
