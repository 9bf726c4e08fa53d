using System.Threading.Tasks;
using Tally.Analyzers.Tests.CodeFixes.CounterMigration;
using Xunit;
using MigrationVerify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>
/// A conditional update (<c>x = c ? x + 1 : 1</c>) has no single Interlocked call and is no counter step: neither fix
/// offers a rewrite (never one that computes something else), while the <c>++</c> beside it still gets its fix.
/// </summary>
public class ConditionalUpdateFixTests
{
    [Fact]
    public Task ConditionalWrapAroundUpdates_GetNoFix() => Verify.VerifyNoFixAsync("""
        using System.Threading.Tasks;

        public class Ring
        {
            private int _cursor;
            private ushort _id;

            public void Fill(int[] values, int size)
            {
                Parallel.ForEach(values, v =>
                {
                    {|TALLY003:_cursor = _cursor >= size - 1 ? 0 : _cursor + 1|};
                    {|TALLY003:_id = (_id % ushort.MaxValue != 0) ? (ushort)(_id + 1) : (ushort)1|};
                });
            }
        }
        """);

    [Fact]
    public Task ConditionalWrapAroundUpdate_IsNotMigratedToACounter() => MigrationVerify.VerifyNoFixAsync("""
        static class Ids
        {
            private static int s_next;

            public static int Next(int max)
            {
                [|s_next = s_next >= max ? 0 : s_next + 1|];
                return s_next;
            }
        }
        """, CounterMigrationFixTests.Atomic);

    [Fact]
    public Task IncrementBesideAConditionalUpdate_StillBecomesAnInterlockedCall() => Verify.VerifyCodeFixAsync("""
        using System.Threading.Tasks;

        public class Ring
        {
            private int _cursor;
            private int _count;

            public void Fill(int[] values, int size)
            {
                Parallel.ForEach(values, v =>
                {
                    {|TALLY003:_cursor = _cursor >= size - 1 ? 0 : _cursor + 1|};
                    {|TALLY003:_count++|};
                });
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        public class Ring
        {
            private int _cursor;
            private int _count;

            public void Fill(int[] values, int size)
            {
                Parallel.ForEach(values, v =>
                {
                    {|TALLY003:_cursor = _cursor >= size - 1 ? 0 : _cursor + 1|};
                    Interlocked.Increment(ref _count);
                });
            }
        }
        """);
}
