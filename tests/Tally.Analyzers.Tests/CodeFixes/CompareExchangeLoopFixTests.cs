using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer,
    Tally.CodeFixes.NonAtomicUpdate.NonAtomicUpdateCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>Updates no single Interlocked call computes: generated compare-exchange helpers and inline loops.</summary>
public class CompareExchangeLoopFixTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task Multiply_UsesOneHelper_ForEveryUseOfTheSameOperation(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Scale
        {
            private static int s_factor;

            public static int Grow(int n)
            {
                {|TALLY004:s_factor *= 3|};
                {|TALLY004:s_factor = s_factor * n|};
                return {|TALLY004:s_factor *= n|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Scale
        {
            private static int s_factor;

            public static int Grow(int n)
            {
                AtomicMultiply(ref s_factor, 3);
                AtomicMultiply(ref s_factor, n);
                return AtomicMultiply(ref s_factor, n);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "int", "unchecked(current * value)", "location * value")}}
        }
        """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task DivideRemainderAndShifts_UseHelpersWithTheShiftCountAsInt() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Ops
        {
            private static long s_value;

            public static void Run(int bits)
            {
                {|TALLY004:s_value /= 2|};
                {|TALLY004:s_value <<= bits|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Ops
        {
            private static long s_value;

            public static void Run(int bits)
            {
                AtomicDivide(ref s_value, 2);
                AtomicLeftShift(ref s_value, bits);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicDivide", "long", "current / value", "location / value")}}

            {{ExpectedHelpers.CompareExchangeHelper("AtomicLeftShift", "long", "current << value", "location &lt;&lt; value", operandType: "int")}}
        }
        """);

    [Fact]
    public Task ReversedOperands_KeepTheirOrder() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Ops
        {
            private static int s_value;

            public static void Run(int n)
            {
                {|TALLY004:s_value = n - s_value|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Ops
        {
            private static int s_value;

            public static void Run(int n)
            {
                AtomicReverseSubtract(ref s_value, n);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicReverseSubtract", "int", "unchecked(value - current)", "value - location")}}
        }
        """);

    [Fact]
    public Task Double_ComparesBitPatterns_SoNaNAndNegativeZeroCannotLoopForever() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Stats
        {
            private static double s_sum;

            public static double Record(double x)
            {
                {|TALLY004:s_sum += x|};
                return {|TALLY004:s_sum++|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Stats
        {
            private static double s_sum;

            public static double Record(double x)
            {
                AtomicAdd(ref s_sum, x);
                return AtomicFetchAdd(ref s_sum, 1);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicAdd", "double", "current + value", "location + value", equality: "BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current)")}}

            {{ExpectedHelpers.CompareExchangeHelper("AtomicFetchAdd", "double", "current + value", "location + value", returnsOld: true, equality: "BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current)")}}
        }
        """, new TestOptions { AdditionalSources = new[] { "global using System;" } });

    [Fact]
    public Task Float_WithoutSystemImported_QualifiesBitConverter() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Stats
        {
            private static float s_scale;

            public static void Halve()
            {
                {|TALLY004:s_scale *= 0.5f|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Stats
        {
            private static float s_scale;

            public static void Halve()
            {
                AtomicMultiply(ref s_scale, 0.5f);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "float", "current * value", "location * value", equality: "global::System.BitConverter.SingleToInt32Bits(seen) == global::System.BitConverter.SingleToInt32Bits(current)")}}
        }
        """);

    [Fact]
    public Task SmallIntegers_OnNet9OrLater_NarrowInsideTheLoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Small
        {
            private static byte s_level;

            public static void Raise(int n)
            {
                {|TALLY004:s_level += 2|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Small
        {
            private static byte s_level;

            public static void Raise(int n)
            {
                AtomicAdd(ref s_level, 2);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicAdd", "byte", "unchecked((byte)(current + value))", "location + value", operandType: "int")}}
        }
        """);

    [Fact]
    public Task VolatileField_InStatementPosition_GetsAnInlineLoop_WithTheOperandHoisted() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Worker
        {
            private volatile int _budget;

            private int Cost() => 3;

            public void Spend(int n)
            {
                // spend
                {|TALLY002:_budget *= n|};
                {|TALLY002:_budget *= Cost()|}; // hoisted
            }
        }
        """, """
        using System.Threading;

        public class Worker
        {
            private volatile int _budget;

            private int Cost() => 3;

            public void Spend(int n)
            {
                // spend
                while (true)
                {
                    int old = _budget;
                    if (Interlocked.CompareExchange(ref _budget, old * n, old) == old)
                    {
                        break;
                    }
                }
                {
                    int value = Cost();
                    while (true)
                    {
                        int old = _budget;
                        if (Interlocked.CompareExchange(ref _budget, old * value, old) == old)
                        {
                            break;
                        }
                    }
                } // hoisted
            }
        }
        """);

    [Fact]
    public Task InlineLoopNames_AvoidNamesInScope() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Worker
        {
            private volatile int _budget;

            public void Spend(int old)
            {
                {|TALLY002:_budget *= old|};
            }
        }
        """, """
        using System.Threading;

        public class Worker
        {
            private volatile int _budget;

            public void Spend(int old)
            {
                while (true)
                {
                    int old2 = _budget;
                    if (Interlocked.CompareExchange(ref _budget, old2 * old, old2) == old2)
                    {
                        break;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task HelperName_TakenByAUserMethod_GetsANumber() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Scale
        {
            private static int s_factor;

            private static int AtomicMultiply(int x) => x;

            public static void Grow()
            {
                {|TALLY004:s_factor *= 3|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Scale
        {
            private static int s_factor;

            private static int AtomicMultiply(int x) => x;

            public static void Grow()
            {
                AtomicMultiply2(ref s_factor, 3);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply2", "int", "unchecked(current * value)", "location * value")}}
        }
        """);

    [Fact]
    public Task HelpersForTwoTypes_AreOverloads() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Scale
        {
            private static int s_small;
            private static long s_large;

            public static void Grow()
            {
                {|TALLY004:s_small *= 3|};
                {|TALLY004:s_large *= 3|};
            }
        }
        """, $$"""
        using System.Threading;

        public static class Scale
        {
            private static int s_small;
            private static long s_large;

            public static void Grow()
            {
                AtomicMultiply(ref s_small, 3);
                AtomicMultiply(ref s_large, 3);
            }

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "int", "unchecked(current * value)", "location * value")}}

            {{ExpectedHelpers.CompareExchangeHelper("AtomicMultiply", "long", "unchecked(current * value)", "location * value")}}
        }
        """);
    [Fact]
    public Task DelegateFields_CombineAndRemoveInALoop_ComparingReferences() => Verify.VerifyCodeFixAsync("""
        #nullable enable
        using System;
        using System.Threading;

        public static class Events
        {
            private static Action? s_changed;

            public static void Subscribe(Action handler) => {|TALLY004:s_changed += handler|};

            public static void Unsubscribe(Action handler) => {|TALLY004:s_changed -= handler|};
        }
        """, $$"""
        #nullable enable
        using System;
        using System.Threading;

        public static class Events
        {
            private static Action? s_changed;

            public static void Subscribe(Action handler) => AtomicCombine(ref s_changed, handler);

            public static void Unsubscribe(Action handler) => AtomicRemove(ref s_changed, handler);

            {{ExpectedHelpers.CompareExchangeHelper("AtomicCombine", "Action?", "current + value", "location + value", equality: "object.ReferenceEquals(seen, current)")}}

            {{ExpectedHelpers.CompareExchangeHelper("AtomicRemove", "Action?", "current - value", "location - value", equality: "object.ReferenceEquals(seen, current)")}}
        }
        """);
    [Fact]
    public Task VolatileField_InAnExpressionBody_GetsABlockBodyWithTheLoop() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;

        public class Worker
        {
            private volatile int _state;

            public void Stop() => {|TALLY002:_state *= 2|};

            public Action Halver() => () => {|TALLY002:_state /= 2|};
        }
        """, """
        using System;
        using System.Threading;

        public class Worker
        {
            private volatile int _state;

            public void Stop()
            {
                while (true)
                {
                    int old = _state;
                    if (Interlocked.CompareExchange(ref _state, old * 2, old) == old)
                    {
                        break;
                    }
                }
            }

            public Action Halver() => () =>
            {
                while (true)
                {
                    int old = _state;
                    if (Interlocked.CompareExchange(ref _state, old / 2, old) == old)
                    {
                        break;
                    }
                }
            };
        }
        """);
}
