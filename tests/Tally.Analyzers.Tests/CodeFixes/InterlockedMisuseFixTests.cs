using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using static Tally.Analyzers.Tests.Verification.TestData;
using Tally.Analyzers.InterlockedMisuse;
using Verify = Tally.Analyzers.Tests.Verification.CodeFixVerifier<
    Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer,
    Tally.CodeFixes.InterlockedMisuse.InterlockedMisuseCodeFixProvider>;

namespace Tally.Analyzers.Tests.CodeFixes;

/// <summary>The fixes of TALLY006 and TALLY007; every output is compiled and re-analysed by the harness, and Fix All must agree.</summary>
public class InterlockedMisuseFixTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task IncrementAssignedBack_BecomesTheCallAlone(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Counter
        {
            private int _count;

            public void Hit()
            {
                {|TALLY006:_count = Interlocked.Increment(ref _count)|};
            }
        }
        """, """
        using System.Threading;

        public class Counter
        {
            private int _count;

            public void Hit()
            {
                Interlocked.Increment(ref _count);
            }
        }
        """, Options(version));

    [Fact]
    public Task AddAssignedBackInExpressionPosition_KeepsTheReturnedValue() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public static class Totals
        {
            private static long s_bytes;

            public static long Record(int n) => {|TALLY006:s_bytes = Interlocked.Add(ref s_bytes, n)|};
        }
        """, """
        using System.Threading;

        public static class Totals
        {
            private static long s_bytes;

            public static long Record(int n) => Interlocked.Add(ref s_bytes, n);
        }
        """);

    [Fact]
    public Task ExchangeAssignedBack_HasNoFix() => Verify.VerifyNoFixAsync("""
        using System.Threading;

        public class Holder
        {
            private object _current = new object();

            public void Replace(object next)
            {
                {|TALLY006:_current = Interlocked.Exchange(ref _current, next)|};
            }
        }
        """);

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task ExchangeWithFieldPlusN_BecomesAdd(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Meter
        {
            private long _total;
            private int _count;

            public void Record(int n)
            {
                {|TALLY006:Interlocked.Exchange(ref _total, _total + n)|};
                {|TALLY006:Interlocked.Exchange(ref _count, 1 + _count)|};
            }
        }
        """, """
        using System.Threading;

        public class Meter
        {
            private long _total;
            private int _count;

            public void Record(int n)
            {
                Interlocked.Add(ref _total, n);
                Interlocked.Add(ref _count, 1);
            }
        }
        """, Options(version));

    [Fact]
    public Task ExchangeWithFieldMinusN_BecomesAddOfTheNegation() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Budget
        {
            private int _left;
            private long _wide;

            public void Spend(int cost, int other)
            {
                {|TALLY006:Interlocked.Exchange(ref _left, _left - cost)|};
                {|TALLY006:Interlocked.Exchange(ref _left, _left - 2)|};
                {|TALLY006:Interlocked.Exchange(ref _left, _left - (cost + other))|};
                {|TALLY006:Interlocked.Exchange(ref _wide, _wide - cost)|};
            }
        }
        """, """
        using System.Threading;

        public class Budget
        {
            private int _left;
            private long _wide;

            public void Spend(int cost, int other)
            {
                Interlocked.Add(ref _left, -cost);
                Interlocked.Add(ref _left, -2);
                Interlocked.Add(ref _left, -(cost + other));
                Interlocked.Add(ref _wide, -(long)cost);
            }
        }
        """);

    [Fact]
    public Task ExchangeWithFieldPlusNInACheckedCompilation_BecomesACompareExchangeLoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Meter
        {
            private int _total;

            public void Record(int n)
            {
                {|TALLY006:Interlocked.Exchange(ref _total, _total + n)|};
            }
        }
        """, """
        using System.Threading;

        public class Meter
        {
            private int _total;

            public void Record(int n)
            {
                int initial, computed;
                do
                {
                    initial = _total;
                    computed = initial + n;
                }
                while (Interlocked.CompareExchange(ref _total, computed, initial) != initial);
            }
        }
        """, new TestOptions { CheckOverflow = true });

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task ExchangeWithModulo_BecomesACompareExchangeLoop(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class RoundRobin
        {
            private int _slot;

            public void Advance(int count)
            {
                {|TALLY006:Interlocked.Exchange(ref _slot, (_slot + 1) % count)|};
            }
        }
        """, """
        using System.Threading;

        public class RoundRobin
        {
            private int _slot;

            public void Advance(int count)
            {
                int initial, computed;
                do
                {
                    initial = _slot;
                    computed = (initial + 1) % count;
                }
                while (Interlocked.CompareExchange(ref _slot, computed, initial) != initial);
            }
        }
        """, Options(version));

    [Fact]
    public Task ExchangeOfAReferenceBuiltFromTheField_BecomesALoopComparingReferences() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Immutable;
        using System.Threading;

        public class Registry
        {
            private ImmutableList<string> _names = ImmutableList<string>.Empty;

            public void Register(string name)
            {
                {|TALLY006:Interlocked.Exchange(ref _names, _names.Add(name))|};
            }
        }
        """, """
        using System.Collections.Immutable;
        using System.Threading;

        public class Registry
        {
            private ImmutableList<string> _names = ImmutableList<string>.Empty;

            public void Register(string name)
            {
                ImmutableList<string> initial, computed;
                do
                {
                    initial = _names;
                    computed = initial.Add(name);
                }
                while (!object.ReferenceEquals(Interlocked.CompareExchange(ref _names, computed, initial), initial));
            }
        }
        """);

    [Fact]
    public Task SingleCompareExchange_BecomesALoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Ticker
        {
            private long _ticks;

            public void Tick()
            {
                {|TALLY006:Interlocked.CompareExchange(ref _ticks, _ticks * 2 + 1, _ticks)|};
            }
        }
        """, """
        using System.Threading;

        public class Ticker
        {
            private long _ticks;

            public void Tick()
            {
                long initial, computed;
                do
                {
                    initial = _ticks;
                    computed = initial * 2 + 1;
                }
                while (Interlocked.CompareExchange(ref _ticks, computed, initial) != initial);
            }
        }
        """);

    [Fact]
    public Task ExchangeAsAnEmbeddedStatement_GetsABlock() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Toggle
        {
            private int _bits;

            public void Flip(bool enabled)
            {
                if (enabled)
                    {|TALLY006:Interlocked.Exchange(ref _bits, _bits ^ 1)|};
            }
        }
        """, """
        using System.Threading;

        public class Toggle
        {
            private int _bits;

            public void Flip(bool enabled)
            {
                if (enabled)
                {
                    int initial, computed;
                    do
                    {
                        initial = _bits;
                        computed = initial ^ 1;
                    }
                    while (Interlocked.CompareExchange(ref _bits, computed, initial) != initial);
                }
            }
        }
        """);

    [Fact]
    public Task LoopLocalNames_AvoidNamesAlreadyInUse() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Scaled
        {
            private int _value;

            public void Scale(int initial)
            {
                int computed = initial;
                {|TALLY006:Interlocked.Exchange(ref _value, _value * computed)|};
            }
        }
        """, """
        using System.Threading;

        public class Scaled
        {
            private int _value;

            public void Scale(int initial)
            {
                int computed = initial;
                int initial2, computed2;
                do
                {
                    initial2 = _value;
                    computed2 = initial2 * computed;
                }
                while (Interlocked.CompareExchange(ref _value, computed2, initial2) != initial2);
            }
        }
        """);

    [Fact]
    public Task ThroughUsingStatic_TheNewCallIsQualified() => Verify.VerifyCodeFixAsync("""
        using static System.Threading.Interlocked;

        public class Meter
        {
            private int _total;

            public void Record(int n)
            {
                {|TALLY006:Exchange(ref _total, _total + n)|};
            }

            private void Add(int n) { }
        }
        """, """
        using static System.Threading.Interlocked;

        public class Meter
        {
            private int _total;

            public void Record(int n)
            {
                System.Threading.Interlocked.Add(ref _total, n);
            }

            private void Add(int n) { }
        }
        """);

    [Fact]
    public Task ExchangeInExpressionPosition_HasNoFix() => Verify.VerifyNoFixAsync("""
        using System.Threading;

        public class Sequence
        {
            private int _value;

            public int Next() => {|TALLY006:Interlocked.Exchange(ref _value, _value + 1)|};
        }
        """);

    [Fact]
    public Task ExchangeOfADouble_HasNoFix() => Verify.VerifyNoFixAsync("""
        using System.Threading;

        public class Average
        {
            private double _sum;

            public void Add(double x)
            {
                {|TALLY006:Interlocked.Exchange(ref _sum, _sum + x)|};
            }
        }
        """);

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task ReadAfterIncrement_UsesTheReturnedValue(LanguageVersion version) => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class RoundRobin
        {
            private readonly string[] _items = { "a", "b", "c" };
            private int _next;

            public string Pick()
            {
                Interlocked.Increment(ref _next);
                return _items[{|TALLY007:_next|} % _items.Length];
            }
        }
        """, """
        using System.Threading;

        public class RoundRobin
        {
            private readonly string[] _items = { "a", "b", "c" };
            private int _next;

            public string Pick()
            {
                var next = Interlocked.Increment(ref _next);
                return _items[next % _items.Length];
            }
        }
        """, Options(version));

    [Fact]
    public Task InferredReadAfterIncrement_OnlyPublishedAsText_IsStillFixed() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Bus
        {
            public void Publish(string text) { }
        }

        public class Pager
        {
            private readonly Bus _bus = new Bus();
            private int _sent;

            public void Send()
            {
                Interlocked.Increment(ref _sent);
                _bus.Publish("sent " + {|TALLY007:_sent|});
            }
        }
        """, """
        using System.Threading;

        public class Bus
        {
            public void Publish(string text) { }
        }

        public class Pager
        {
            private readonly Bus _bus = new Bus();
            private int _sent;

            public void Send()
            {
                var sent = Interlocked.Increment(ref _sent);
                _bus.Publish("sent " + sent);
            }
        }
        """);

    [Fact]
    public Task ReadAfterIncrementUnderAPerKeyLock_UsesTheReturnedValue() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Cursor
        {
            private int _next;

            public int Take(object key)
            {
                lock (key)
                {
                    Interlocked.Increment(ref _next);
                    return {|TALLY007:_next|};
                }
            }
        }
        """, """
        using System.Threading;

        public class Cursor
        {
            private int _next;

            public int Take(object key)
            {
                lock (key)
                {
                    var next = Interlocked.Increment(ref _next);
                    return next;
                }
            }
        }
        """);

    [Fact]
    public Task ReadAfterIncrement_ReplacesEveryReadAndPicksAFreeName() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Ids
        {
            private static int s_id;

            public string Next(string id)
            {
                _ = Interlocked.Increment(ref s_id);
                var text = id + this.ToString();
                return text + {|TALLY007:s_id|} + "/" + Ids.s_id;
            }
        }
        """, """
        using System.Threading;

        public class Ids
        {
            private static int s_id;

            public string Next(string id)
            {
                var id2 = Interlocked.Increment(ref s_id);
                var text = id + this.ToString();
                return text + id2 + "/" + id2;
            }
        }
        """);

    [Fact]
    public Task ReadAfterExchange_NamesTheStoredValueWithTheFieldType() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Current
        {
            private object _state = "idle";

            public string Switch(string next)
            {
                Interlocked.Exchange(ref _state, next + "!");
                return {|TALLY007:_state|}.ToString()!;
            }
        }
        """, """
        using System.Threading;

        public class Current
        {
            private object _state = "idle";

            public string Switch(string next)
            {
                object state = next + "!";
                Interlocked.Exchange(ref _state, state);
                return state.ToString()!;
            }
        }
        """);

    [Fact]
    public Task SeveralMisusesInOneDocument_AreFixedTogetherByFixAll() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Mixed
        {
            private int _a;
            private int _b;
            private int _c;

            public int Run(int n)
            {
                {|TALLY006:_a = Interlocked.Increment(ref _a)|};
                Interlocked.Increment(ref _b);
                Interlocked.Increment(ref _c);
                {|TALLY006:Interlocked.Exchange(ref _a, (_a + n) % 7)|};
                return {|TALLY007:_b|} + {|TALLY007:_c|};
            }
        }
        """, """
        using System.Threading;

        public class Mixed
        {
            private int _a;
            private int _b;
            private int _c;

            public int Run(int n)
            {
                Interlocked.Increment(ref _a);
                var b = Interlocked.Increment(ref _b);
                var c = Interlocked.Increment(ref _c);
                int initial, computed;
                do
                {
                    initial = _a;
                    computed = (initial + n) % 7;
                }
                while (Interlocked.CompareExchange(ref _a, computed, initial) != initial);
                return b + c;
            }
        }
        """);

    [Fact]
    public Task ExchangeWithACheckedSum_KeepsTheCheckedExpressionInTheLoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Meter
        {
            private long _total;

            public void Record(long n)
            {
                {|TALLY006:Interlocked.Exchange(ref _total, checked(_total + n))|};
            }
        }
        """, """
        using System.Threading;

        public class Meter
        {
            private long _total;

            public void Record(long n)
            {
                long initial, computed;
                do
                {
                    initial = _total;
                    computed = checked(initial + n);
                }
                while (Interlocked.CompareExchange(ref _total, computed, initial) != initial);
            }
        }
        """);

    [Fact]
    public Task GenericExchangeWithExplicitTypeArgument_BecomesAGenericCompareExchangeLoop() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Journal
        {
            private string _text = "";

            public void Append(string line)
            {
                {|TALLY006:Interlocked.Exchange<string>(ref _text, _text + line)|};
            }
        }
        """, """
        using System.Threading;

        public class Journal
        {
            private string _text = "";

            public void Append(string line)
            {
                string initial, computed;
                do
                {
                    initial = _text;
                    computed = initial + line;
                }
                while (!object.ReferenceEquals(Interlocked.CompareExchange<string>(ref _text, computed, initial), initial));
            }
        }
        """);

    [Fact]
    public Task MisusesInTopLevelStatements_AreFixed() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;

        {|TALLY006:Interlocked.Exchange(ref Counters.Slot, (Counters.Slot + 1) % 4)|};
        Interlocked.Increment(ref Counters.Next);
        var product = Counters.Slot * {|TALLY007:Counters.Next|};
        Console.WriteLine(product);
        {|TALLY006:Interlocked.Exchange(ref Counters.Slot, (Counters.Slot + 1) % 4)|};

        static class Counters
        {
            public static int Slot;
            public static int Next;
        }
        """, """
        using System;
        using System.Threading;

        int initial, computed;
        do
        {
            initial = Counters.Slot;
            computed = (initial + 1) % 4;
        }
        while (Interlocked.CompareExchange(ref Counters.Slot, computed, initial) != initial);
        var next = Interlocked.Increment(ref Counters.Next);
        var product = Counters.Slot * next;
        Console.WriteLine(product);
        int initial2, computed2;
        do
        {
            initial2 = Counters.Slot;
            computed2 = (initial2 + 1) % 4;
        }
        while (Interlocked.CompareExchange(ref Counters.Slot, computed2, initial2) != initial2);

        static class Counters
        {
            public static int Slot;
            public static int Next;
        }
        """, new TestOptions { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication });

    [Fact]
    public Task ReadAfterIncrementInASwitchSection_UsesTheReturnedValue() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Dispatcher
        {
            private int _seq;

            public int Dispatch(int kind)
            {
                switch (kind)
                {
                    case 1:
                        Interlocked.Increment(ref _seq);
                        return {|TALLY007:_seq|} * 2;
                    default:
                        return 0;
                }
            }
        }
        """, """
        using System.Threading;

        public class Dispatcher
        {
            private int _seq;

            public int Dispatch(int kind)
            {
                switch (kind)
                {
                    case 1:
                        var seq = Interlocked.Increment(ref _seq);
                        return seq * 2;
                    default:
                        return 0;
                }
            }
        }
        """);

    [Fact]
    public Task ReadAfterIncrement_AlsoReplacesADisplayRead() => Verify.VerifyCodeFixAsync("""
        using System;
        using System.Threading;

        public class Batches
        {
            private int _batch;

            public bool Next(int every)
            {
                Interlocked.Increment(ref _batch);
                Console.WriteLine(_batch);
                return {|TALLY007:_batch|} % every == 0;
            }
        }
        """, """
        using System;
        using System.Threading;

        public class Batches
        {
            private int _batch;

            public bool Next(int every)
            {
                var batch = Interlocked.Increment(ref _batch);
                Console.WriteLine(batch);
                return batch % every == 0;
            }
        }
        """);

    [Fact]
    public Task FixesOnNetStandard20_UseTheOverloadsItHas() => Verify.VerifyCodeFixAsync("""
        using System.Threading;

        public class Legacy
        {
            private long _total;
            private int _slot;
            private int _next;

            public int Step(int n)
            {
                {|TALLY006:Interlocked.Exchange(ref _total, _total + n)|};
                {|TALLY006:Interlocked.Exchange(ref _slot, (_slot + 1) % n)|};
                Interlocked.Increment(ref _next);
                return {|TALLY007:_next|};
            }
        }
        """, """
        using System.Threading;

        public class Legacy
        {
            private long _total;
            private int _slot;
            private int _next;

            public int Step(int n)
            {
                Interlocked.Add(ref _total, n);
                int initial, computed;
                do
                {
                    initial = _slot;
                    computed = (initial + 1) % n;
                }
                while (Interlocked.CompareExchange(ref _slot, computed, initial) != initial);
                var next = Interlocked.Increment(ref _next);
                return next;
            }
        }
        """, new TestOptions { TargetFramework = TestTargetFramework.NetStandard20, LanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public async Task EveryAction_HasOneStableEquivalenceKeyAndATitleSayingWhatItDoes()
    {
        var source = """
            using System.Threading;

            public class Mixed
            {
                private int _a;
                private int _b;
                private int _c;
                private int _d;

                public int Run(int n)
                {
                    _a = Interlocked.Increment(ref _a);
                    Interlocked.Exchange(ref _b, _b + n);
                    Interlocked.Exchange(ref _c, _c * n);
                    Interlocked.Increment(ref _d);
                    return _d;
                }
            }
            """;
        var options = TestOptions.Default;
        var project = TestWorkspace.CreateProject(new[] { source }, options);
        var diagnostics = await AnalyzerRunner.RunAsync(project, new InterlockedMisuseAnalyzer(), options, "the test source");
        var provider = new Tally.CodeFixes.InterlockedMisuse.InterlockedMisuseCodeFixProvider();

        var titles = new System.Collections.Generic.List<string>();
        foreach (var diagnostic in diagnostics)
        {
            var action = Assert.Single(await CodeActionRunner.GetActionsAsync(project, provider, diagnostic));
            Assert.Equal("Tally.InterlockedMisuse", action.EquivalenceKey);
            titles.Add(action.Title);
        }

        Assert.Equal(
            new[]
            {
                "Remove the write-back of Interlocked.Increment's result",
                "Use Interlocked.Add",
                "Use a compare-exchange loop",
                "Use the value returned by Interlocked.Increment",
            },
            titles);
    }
}
