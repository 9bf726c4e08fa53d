using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An element of a static array at an index that is not a constant (<c>phase[slot] += step</c>) may be a slot of its
/// own per writer: started writers reaching the same array are no overlap by construction there, so the finding is
/// inferred (fresh21, DS4Windows: a light-bar phase per controller, stepped by that controller's input thread).
/// Reported certain twins: a constant index, and copies of one fan-out stepping a computed bucket.
/// </summary>
public class StaticArraySlotTests
{
    private static string Pads(string step) => $$"""
        using System.Threading;
        using System.Threading.Tasks;

        public static class LightBar
        {
            private static readonly double[] phase = new double[4];

            public static void Update(int slot)
            {
                {{step}}
            }
        }

        public sealed class Pad
        {
            private readonly int _slot;

            public Pad(int slot) { _slot = slot; }

            public void Start() => new Thread(ReadLoop).Start();

            private void ReadLoop()
            {
                while (true)
                {
                    LightBar.Update(_slot);
                    Thread.Sleep(4);
                }
            }
        }

        public sealed class Service
        {
            public void Stop() => Task.Run(() => { for (var i = 0; i < 4; i++) { LightBar.Update(i); } });
        }
        """;

    [Fact]
    public async Task ElementAtASlotIndexSteppedByStartedThreads_IsInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Pads("phase[slot] += 1.5;"));

        var phase = diagnostics.Where(d => d.Id.StartsWith("TALLY", System.StringComparison.Ordinal)).ToImmutableArray();
        Assert.Single(phase);
        CertaintyAssert.AllInferred(phase);
    }

    [Fact]
    public async Task ElementAtAConstantIndexSteppedByStartedThreads_IsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Pads("phase[0] += 1.5;"));

        CertaintyAssert.SingleCertain(diagnostics.Where(d => d.Id.StartsWith("TALLY", System.StringComparison.Ordinal)).ToImmutableArray());
    }

    [Fact]
    public Task BucketSteppedByTheCopiesOfOneFanOut_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public static class Histogram
            {
                private static readonly int[] s_buckets = new int[10];

                public static void Fill(int[] values) => Parallel.ForEach(values, v => {|TALLY003:s_buckets[v % 10]++|});
            }
            """);
}
