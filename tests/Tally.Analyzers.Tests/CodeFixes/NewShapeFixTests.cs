using System.Threading.Tasks;
using Tally.Analyzers.Tests.CodeFixes.CounterMigration;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using MigrationVerify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// The update shapes the analyzer learned in issue 9 (<c>x = Math.Max(x, v)</c>, compare-then-assign, <c>ref</c> locals,
/// trivial properties) get a fix only where an Interlocked call computes exactly the update: a <c>ref</c> local
/// aliases the shared storage, so <c>Interlocked</c> on it is atomic there; a maximum or a compare-then-assign has no
/// single Interlocked call, and a property cannot be passed by <c>ref</c>, so nothing is offered (never a rewrite that
/// computes something else).
/// </summary>
public class NewShapeFixTests
{
    [Fact]
    public Task UpdatesThroughRefLocals_BecomeInterlockedCallsOnTheRefLocal() => Verify.VerifyCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Histogram
        {
            private readonly int[] _buckets = new int[8];
            private long _total;

            public void AddAll(int[] values)
            {
                Parallel.ForEach(values, v =>
                {
                    ref int bucket = ref _buckets[v & 7];
                    {|TALLY003:bucket++|};
                    ref long total = ref _total;
                    {|TALLY003:total += v|};
                });
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class Histogram
        {
            private readonly int[] _buckets = new int[8];
            private long _total;

            public void AddAll(int[] values)
            {
                Parallel.ForEach(values, v =>
                {
                    ref int bucket = ref _buckets[v & 7];
                    Interlocked.Increment(ref bucket);
                    ref long total = ref _total;
                    Interlocked.Add(ref total, v);
                });
            }
        }
        """);

    [Fact]
    public Task MathMaxCompareThenAssignAndTrivialProperties_GetNoFix() => Verify.VerifyNoFixAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Stats
        {
            private int _hits;

            public int Hits
            {
                get => _hits;
                set => _hits = value;
            }
        }

        public class Peaks
        {
            private int _max;
            private long _latest;

            public void Scan(int[] values, Stats stats)
            {
                Parallel.ForEach(values, v =>
                {
                    {|TALLY003:_max = Math.Max(_max, v)|};
                    if (v > _latest) {|TALLY003:_latest = v|};
                    {|TALLY003:stats.Hits++|};
                });
            }
        }
        """);

    [Fact]
    public Task MathMaxAndCompareThenAssign_AreNotMigratedToACounter() => MigrationVerify.VerifyNoFixAsync("""
        using System;

        static class Peaks
        {
            private static int s_max;
            private static long s_latest;

            public static void Record(int v)
            {
                [|s_max = Math.Max(s_max, v)|];
                if (v > s_latest) [|s_latest = v|];
            }
        }
        """, CounterMigrationFixTests.Atomic);
}
