using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using AnyVerify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.Tests.CodeFixes.AnyUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;
using MigrationVerify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.CounterMigration.CounterMigrationCodeFixProvider>;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Where no rewrite is both atomic and exact, no action is offered (never code that does not compile or computes otherwise).</summary>
public class NoFixTests
{
    [Fact]
    public Task Property_HasNoRef_SoNoAction() => AnyVerify.VerifyNoFixAsync("""
        public class Stats
        {
            public static int Hits { get; set; }

            public int Misses { get; set; }

            public void Record()
            {
                {|TALLY004:Hits++|};
                {|TALLY005:Misses += 2|};
            }
        }
        """);

    [Fact]
    public Task Decimal_Char_AndEnumArithmetic_HaveNoAtomicOperation() => AnyVerify.VerifyNoFixAsync("""
        public enum State { Idle, Busy }

        public enum Tiny : byte { A = 1 }

        public static class Odd
        {
            private static decimal s_money;
            private static char s_letter;
            private static State s_state;
            private static Tiny s_tiny;

            public static void Run()
            {
                {|TALLY004:s_money += 1.5m|};
                {|TALLY004:s_letter++|};
                {|TALLY004:s_state++|};
                {|TALLY004:s_state += 1|};
                {|TALLY004:s_tiny |= Tiny.A|};
            }
        }
        """);

    [Fact]
    public Task EnumFlagsOnNetStandard20_HaveNoGenericCompareExchange() => AnyVerify.VerifyNoFixAsync("""
        [System.Flags]
        public enum Options { A = 1, B = 2 }

        public static class Settings
        {
            private static Options s_options;

            public static void Enable() => {|TALLY004:s_options |= Options.B|};
        }
        """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });

    [Fact]
    public Task UnsignedOnNetStandard20_HasNoOverload_AndNoCompareExchange() => Verify.VerifyNoFixAsync("""
        public static class Counters
        {
            private static uint s_count;
            private static ulong s_total;

            public static void Hit()
            {
                {|TALLY004:s_count++|};
                {|TALLY004:s_total += 2|};
            }
        }
        """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });

    [Fact]
    public Task SmallIntegerAndFloatOnNetStandard20_CannotBeCompareExchangedExactly() => Verify.VerifyNoFixAsync("""
        public static class Counters
        {
            private static byte s_level;
            private static float s_scale;

            public static void Hit()
            {
                {|TALLY004:s_level++|};
                {|TALLY004:s_scale *= 2|};
            }
        }
        """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20 });

    [Fact]
    public Task OperandThatWritesTheTarget_CannotKeepItsMeaning() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Counters
        {
            private static int s_count;

            public static void Hit()
            {
                {|TALLY004:s_count += {|TALLY004:s_count++|}|};
            }
        }
        """, """
        using System.Threading;

        public static class Counters
        {
            private static int s_count;

            public static void Hit()
            {
                {|TALLY001:s_count += Interlocked.Increment(ref s_count) - 1|};
            }
        }
        """);

    [Fact]
    public Task VolatileLoopInExpressionPosition_WouldNeedARefToAVolatileField_SoNoAction() => Verify.VerifyNoFixAsync("""
        public class Worker
        {
            private volatile int _budget;

            public int Halve() => {|TALLY002:_budget /= 2|};
        }
        """);

    [Fact]
    public Task FieldOfAnotherMarshalByRefObject_WouldWarnCS0197_SoNoAction() => AnyVerify.VerifyNoFixAsync("""
        public class Remote : System.MarshalByRefObject
        {
            private int _calls;

            public void Forward(Remote other)
            {
                {|TALLY005:other._calls++|};
            }
        }
        """);

    [Fact]
    public Task ReadonlyField_CannotBePassedByRef() => AnyVerify.VerifyNoFixAsync("""
        public class Seed
        {
            private readonly int _value;

            public Seed(int start)
            {
                _value = start;
                {|TALLY005:_value++|};
            }
        }
        """);

    [Fact]
    public Task AwaitInTheOperand_WouldHoldARefAcrossAnAwait_SoNoAction() => Verify.VerifyNoFixAsync("""
        using System.Threading.Tasks;

        public static class Counters
        {
            private static int s_total;

            public static async Task Add(Task<int> next)
            {
                {|TALLY004:s_total += await next|};
            }
        }
        """);

    [Fact]
    public Task BoolLogicalUpdates_HaveNoInterlockedOverload_SoNoAction() => Verify.VerifyNoFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public class Replicas
        {
            private bool _failed;

            public bool AllReady(List<string> nodes)
            {
                bool all = true;
                bool any = false;
                Parallel.ForEach(nodes, node =>
                {
                    {|TALLY003:all &= node.Length > 0|};
                    {|TALLY003:any = any | node.Length > 3|};
                    {|TALLY003:_failed ^= node.Length == 0|};
                });
                return all && any && !_failed;
            }
        }
        """);

    [Fact]
    public Task ABoolFieldUpdatedLogically_IsNoCounter_SoNoMigration() => MigrationVerify.VerifyNoFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public class Loader
        {
            private bool _failed;

            public bool Load(List<string> files)
            {
                Parallel.ForEach(files, file => { {|TALLY003:_failed |= file.Length == 0|}; });
                return _failed;
            }
        }
        """);
}
