using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using static Tally.Analyzers.Tests.Verification.TestData;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY006: Interlocked calls that are not atomic as written. Shapes that have a fix test (the write-back of Increment
/// or Exchange, Exchange with a modulo or an immutable list, Exchange in expression position) are verified, diagnostics
/// included, in <c>CodeFixes/InterlockedMisuseFixTests</c>, not repeated here.
/// </summary>
public class NonAtomicInterlockedUseTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task AddResultAssignedBackToAStaticField_IsReported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public static class Totals
        {
            private static long s_bytes;

            public static long Record(int n)
            {
                return {|TALLY006:s_bytes = Interlocked.Add(ref s_bytes, n)|};
            }
        }
        """, Options(version));

    [Fact]
    public Task DecrementResultAssignedBackThroughThis_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Pool
        {
            private int _free = 10;

            public void Take() => {|TALLY006:this._free = Interlocked.Decrement(ref _free)|};
        }
        """);

    [Fact]
    public Task ResultAssignedBackToTheSameFieldOfAParameter_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Stats { public int Sent; }

        public static class Sender
        {
            public static void Count(Stats stats)
            {
                {|TALLY006:stats.Sent = Interlocked.Increment(ref stats.Sent)|};
            }
        }
        """);

    [Fact]
    public Task ResultAssignedBackToACapturedLocal_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using System.Threading;

        public static class Work
        {
            public static int Run(int n)
            {
                int done = 0;
                Parallel.For(0, n, i => { {|TALLY006:done = Interlocked.Increment(ref done)|}; });
                return done;
            }
        }
        """);

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task ExchangeWithANewValueComputedFromTheSameField_IsReported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Meter
        {
            private long _total;

            public void Add(int n)
            {
                {|TALLY006:Interlocked.Exchange(ref _total, _total + n)|};
            }
        }
        """, Options(version));

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task SingleCompareExchangeWithDiscardedResultAndSeparateReads_IsReported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Ticker
        {
            private int _ticks;

            public void Tick()
            {
                {|TALLY006:Interlocked.CompareExchange(ref _ticks, _ticks + 1, _ticks)|};
            }
        }
        """, Options(version));

    [Fact]
    public async Task Message_NamesTheExpressionAndTheReason()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Counter
            {
                private int _count;

                public void Hit() { _count = Interlocked.Increment(ref _count); }
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY006", diagnostic.Id);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("'_count = Interlocked.Increment(ref _count)' is not atomic: ", message);
        Assert.Contains("stored back into '_count'", message);
    }

    [Fact]
    public Task IncrementResultAssignedToAnotherField_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Counter
        {
            private int _count;
            private int _last;

            public void Hit() { _last = Interlocked.Increment(ref _count); }
        }
        """);

    [Fact]
    public Task ResultAssignedBackToTheSameFieldOfAnotherInstance_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Stats { public int Sent; }

        public static class Mirror
        {
            public static void Copy(Stats from, Stats to)
            {
                to.Sent = Interlocked.Increment(ref from.Sent);
            }
        }
        """);

    [Fact]
    public Task ExchangeWithAValueThatDoesNotReadTheField_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Buffers
        {
            private byte[] _buffer = new byte[16];
            private int _state;

            public byte[] Swap(int size) => Interlocked.Exchange(ref _buffer, new byte[size]);

            public void Reset() { Interlocked.Exchange(ref _state, 0); }
        }
        """);

    [Fact]
    public Task ExchangeReadingTheSameFieldOfAnotherInstance_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Version
        {
            private int _value;

            public void CatchUp(Version other) { Interlocked.Exchange(ref _value, other._value + 1); }
        }
        """);

    [Fact]
    public Task ExchangeReadingTheFieldOnlyInsideALambdaOrNameof_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;

        public class Hooks
        {
            private Func<string> _describe = () => "";
            private string _name = "";

            public void Install()
            {
                Interlocked.Exchange(ref _describe, () => _describe.Method.Name);
                Interlocked.Exchange(ref _name, nameof(_name));
            }
        }
        """);

    [Fact]
    public Task CompareExchangeRetryLoopWithASnapshot_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Maximum
        {
            private int _max;

            public void Offer(int value)
            {
                int seen;
                do
                {
                    seen = _max;
                    if (value <= seen) return;
                }
                while (Interlocked.CompareExchange(ref _max, value, seen) != seen);
            }
        }
        """);

    [Fact]
    public Task CompareExchangeForLazyInitialisation_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Lazy
        {
            private object? _instance;

            public object Get()
            {
                Interlocked.CompareExchange(ref _instance, new object(), null);
                return _instance;
            }
        }
        """);

    [Fact]
    public Task CompareExchangeWhoseResultIsChecked_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Ticker
        {
            private int _ticks;

            public bool TryTick(int expected)
            {
                return Interlocked.CompareExchange(ref _ticks, _ticks + 1, expected) == expected;
            }
        }
        """);

    [Fact]
    public Task MisuseInsideALock_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Guarded
        {
            private readonly object _gate = new object();
            private int _count;

            public void Hit()
            {
                lock (_gate)
                {
                    _count = Interlocked.Increment(ref _count);
                    Interlocked.Exchange(ref _count, _count + 1);
                }
            }
        }
        """);

    [Fact]
    public Task CallOfAnotherClassNamedInterlocked_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        public static class Interlocked
        {
            public static int Increment(ref int location) => ++location;
        }

        public class Counter
        {
            private int _count;

            public void Hit() { _count = Interlocked.Increment(ref _count); }
        }
        """);

    [Fact]
    public Task IncompleteCode_DoesNotThrow() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Broken
        {
            private int _count;

            public void Hit()
            {
                _count = Interlocked.Increment(ref );
                Interlocked.Exchange(ref _missing, _missing + 1);
            }
        }
        """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS1525", "CS0103" } });

    [Fact]
    public Task MisuseOfALocalNoOtherCodeCaptures_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public static class Private
        {
            public static int Count(int n)
            {
                int seen = 0;
                seen = Interlocked.Increment(ref seen);
                Interlocked.Exchange(ref n, n + 1);
                Parallel.For(0, n, i =>
                {
                    int mine = 0;
                    mine = Interlocked.Increment(ref mine);
                });
                return seen + n;
            }
        }
        """);

    [Fact]
    public Task MisuseThroughARefParameter_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public static class Counters
        {
            public static void Bump(ref int counter)
            {
                {|TALLY006:counter = Interlocked.Increment(ref counter)|};
            }
        }
        """);
    [Fact]
    public Task ExchangeWithTheEmptyCopyOfAnImmutableDictionary_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Immutable;
        using System.Threading;

        public sealed class ChannelTracker
        {
            private ImmutableDictionary<int, IDisposable> _open = ImmutableDictionary<int, IDisposable>.Empty;

            public void Track(int id, IDisposable channel) => ImmutableInterlocked.TryAdd(ref _open, id, channel);

            public void CloseAll()
            {
                var open = Interlocked.Exchange(ref _open, _open.Clear());
                foreach (var entry in open)
                {
                    entry.Value.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task ExchangeWithTheClearOfAProjectCollection_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public sealed class Window
        {
            public Window(int size, int used) { Size = size; Used = used; }

            public int Size { get; }

            public int Used { get; }

            public Window Clear() => new Window(Size, Used / 2);
        }

        public sealed class Throttle
        {
            private Window _window = new Window(16, 0);

            public Window Roll() => {|TALLY006:Interlocked.Exchange(ref _window, _window.Clear())|};
        }
        """);

    [Fact]
    public Task ExchangeWithTheEmptyCopyOfAnImmutableListPlusAnItem_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Immutable;
        using System.Threading;

        public sealed class Subscribers
        {
            private ImmutableList<string> _names = ImmutableList<string>.Empty;

            public ImmutableList<string> Reset(string first) => Interlocked.Exchange(ref _names, _names.Clear().Add(first));
        }
        """);
}
