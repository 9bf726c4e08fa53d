using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock per slot: the element of one array updated inside a lock on the element of another array chosen by the same
/// index (<c>lock (Gates[slot]) Totals[slot] += x;</c>). Two updates of one slot hold the same gate when the index is the
/// same unchanging parameter or local on both sides and the gates are fixed (a private read-only array whose elements
/// are written only in its initialiser or the constructors): they exclude each other. Any other index, gates that can
/// be replaced, or an index the method changes, and the lock is per key again (it excludes nobody).
/// </summary>
public class SlotLockTests
{
    private const string Timings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public enum Phase { Load, Tick, Save }

        public static class Timings
        {
            private static readonly object[] Gates = { new object(), new object(), new object() };
            private static readonly double[] Totals = new double[3];

            public static void Add(Phase phase, double seconds)
            {
                lock (Gates[(int)phase])
                {
                    Totals[(int)phase] += seconds;
                }
            }

            public static double Total(Phase phase) => Totals[(int)phase] + Gates.Length * 0;

            public static int Count() { var n = 0; foreach (var gate in Gates) n += gate.GetHashCode() & 1; return n; }

            public static void Frame(List<int> cells) => Parallel.ForEach(cells, c => Add((Phase)(c % 3), 0.5));
        }
        """;

    private const string Reported = "{|TALLY003:Totals[(int)phase] += seconds|};";

    [Fact]
    public Task SlotUpdatedUnderTheGateOfTheSameIndex_IsNotReported() => Verify.VerifyAnalyzerAsync(Timings);

    [Fact]
    public Task SlotUpdatedUnderTheGateOfAnotherIndex_IsReported() => Verify.VerifyAnalyzerAsync(Timings
        .Edit("Totals[(int)phase] += seconds;", "{|TALLY003:Totals[((int)phase + 1) % 3] += seconds|};"));

    [Fact]
    public Task GatesReplacedOutsideTheConstructor_IsReported() => Verify.VerifyAnalyzerAsync(Timings
        .Edit("Totals[(int)phase] += seconds;", Reported)
        .Edit("public static double Total", "public static void Renew(int i) => Gates[i] = new object();\n\n    public static double Total"));

    [Fact]
    public Task GatesThatAreNotReadOnly_IsReported() => Verify.VerifyAnalyzerAsync(Timings
        .Edit("Totals[(int)phase] += seconds;", Reported)
        .Edit("private static readonly object[] Gates", "private static object[] Gates"));

    [Fact]
    public Task IndexChangedBeforeTheUpdate_IsReported() => Verify.VerifyAnalyzerAsync(Timings
        .Edit("Totals[(int)phase] += seconds;", "phase = Phase.Save;\n            " + Reported));

    [Fact]
    public Task GatesFilledInTheStaticConstructor_IsNotReported() => Verify.VerifyAnalyzerAsync(Timings
        .Edit("private static readonly object[] Gates = { new object(), new object(), new object() };", "private static readonly object[] Gates = new object[3];\n\n    static Timings() { for (var i = 0; i < Gates.Length; i++) Gates[i] = new object(); }"));

    [Fact]
    public Task InstanceSlotsUnderInstanceGatesOfTheSameIndex_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class Meter
        {
            private readonly object[] _gates = { new object(), new object() };
            private readonly long[] _counts = new long[2];

            public void Count(int lane)
            {
                lock (_gates[lane])
                {
                    _counts[lane]++;
                }
            }

            public void Run(List<int> items) => Parallel.ForEach(items, i => Count(i & 1));
        }
        """);
}
