using System.Reflection;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Tally.Analyzers.NonAtomicUpdate;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// What the differential matrix (<see cref="FixEquivalenceMatrixTests"/>) led to: bugs it found, pinned down, and
/// multi-threaded spot checks of matrix cells that <see cref="SemanticFixTests"/> does not hammer.
/// </summary>
public sealed class FixEquivalenceFindingsTests
{
    [Fact]
    public Task OperandReadingTheUpdatedVariable_GetsNoAction() => Verify.VerifyNoFixAsync("""
        public class Doubler
        {
            private static int s_x;
            private static long s_total;
            private static int[] s_slots = new int[4];
            private volatile int _v;

            public void Run(int i, Doubler other)
            {
                {|TALLY004:s_x += s_x|};
                {|TALLY004:s_x *= s_x|};
                {|TALLY004:s_total = s_total + s_total / 2|};
                {|TALLY004:s_slots[i] -= s_slots[i]|};
                {|TALLY002:_v += other._v|};
            }
        }
        """);

    [Fact]
    public Task OperandNamingTheVariableOnlyInNameof_IsStillFixed() => Verify.VerifyCodeFixAsync("""
        public class Names
        {
            private static int s_x;

            public void Run() => {|TALLY004:s_x += nameof(s_x).Length|};
        }
        """, """
        using System.Threading;

        public class Names
        {
            private static int s_x;

            public void Run() => Interlocked.Add(ref s_x, nameof(s_x).Length);
        }
        """);

    [Fact]
    public Task OperandRunBeforeAReadThatCanThrow_GetsNoAction() => Verify.VerifyNoFixAsync("""
        public class Node
        {
            private static readonly object s_gate = new object();
            private static int[] s_slots = new int[4];
            private double _weight;
            private volatile int _hits;

            private static int Cost() => 3;

            public void Reset() { lock (s_gate) { _weight = 0; } }

            public void Run(Node next, int i)
            {
                {|TALLY001:next._weight = Cost() + next._weight|};
                {|TALLY004:s_slots[i] = Cost() - s_slots[i]|};
                {|TALLY002:next._hits *= Cost()|};
            }
        }
        """);

    [Fact]
    public Task OperandRunFirst_OnALocationThatCannotThrow_IsStillFixed() => Verify.VerifyCodeFixAsync("""
        public class Node
        {
            private static double s_weight;

            private static int Cost() => 3;

            public void Run() => {|TALLY004:s_weight = Cost() + s_weight|};
        }
        """, $$"""
        using System.Threading;

        public class Node
        {
            private static double s_weight;

            private static int Cost() => 3;

            public void Run() => AtomicReverseAdd(ref s_weight, Cost());

            {{ExpectedHelpers.CompareExchangeHelper("AtomicReverseAdd", "double", "value + current", "value + location", equality: "global::System.BitConverter.DoubleToInt64Bits(seen) == global::System.BitConverter.DoubleToInt64Bits(current)")}}
        }
        """);

    private const string Hammer = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        [Flags]
        public enum LongFlags : long { None = 0 }

        public class Spots
        {
            private const int Threads = 4;
            private const int PerThread = 20000;
            private static nint s_native;
            private static nuint s_unative;
            private static short s_small;
            private static long[] s_slots = new long[3];
            private static int s_indexCalls;
            private static LongFlags s_flags;
            private volatile float _single;
            private long _other;

            private static int Index()
            {
                Interlocked.Increment(ref s_indexCalls);
                return 1;
            }

            public static string Run()
            {
                var shared = new Spots();
                var target = new Spots();
                s_native = 0;
                s_unative = 0;
                s_small = 0;
                s_slots = new long[3];
                s_indexCalls = 0;
                s_flags = LongFlags.None;
                int captured = 0;
                var threads = new Thread[Threads];
                var start = new ManualResetEventSlim();
                for (int t = 0; t < Threads; t++)
                {
                    int id = t;
                    threads[t] = new Thread(() =>
                    {
                        start.Wait();
                        for (int i = 0; i < PerThread; i++)
                        {
                            s_native += 3;
                            s_unative -= 1;
                            s_small++;
                            s_slots[Index()] += 2;
                            s_flags |= (LongFlags)(1L << (id * 8 + i % 8));
                            shared._single += 1f;
                            shared.Transfer(target);
                        }
                    });
                    threads[t].Start();
                }

                start.Set();
                foreach (var thread in threads)
                {
                    thread.Join();
                }

                Parallel.For(0, Threads * PerThread, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ => { captured *= 1; captured += 1; });
                return $"{s_native} {s_unative} {s_small} {s_slots[0]} {s_slots[1]} {s_slots[2]} {s_indexCalls} {(long)s_flags:X} {shared._single} {target._other} {captured}";
            }

            private void Transfer(Spots to)
            {
                lock (this)
                {
                    _other = 0;
                }

                to._other += 1;
            }
        }
        """;

    [Fact]
    public async Task SpotCheckedCells_AreExact_UnderFourThreads()
    {
        var options = new TestOptions();
        var fixedSources = await Verify.ApplyFixAllAsync(new[] { Hammer }, options);
        var diagnostics = await AnalyzerVerifier<NonAtomicUpdateAnalyzer>.GetDiagnosticsAsync(fixedSources[0], options);
        Assert.Empty(diagnostics);

        Assembly assembly = await CompiledSources.CompileAndLoadAsync(fixedSources, options);
        string result = (string)assembly.GetType("Spots")!.GetMethod("Run")!.Invoke(null, null)!;

        const int Total = 4 * 20000;
        short small = unchecked((short)Total);
        Assert.Equal($"{3 * Total} {unchecked((nuint)0 - Total)} {small} 0 {2 * Total} 0 {Total} FFFFFFFF {Total} {Total} {Total}", result);
    }
}
