using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using static Tally.Analyzers.Tests.Verification.TestData;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007: a field read again right after an Interlocked update whose result was discarded. The shapes that have a fix
/// test (a read right after Increment, in a switch section, after a display read) are verified, diagnostics included, in
/// <c>CodeFixes/InterlockedMisuseFixTests</c>, not repeated here.
/// </summary>
public class FieldReadAfterInterlockedTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task ReadOfAStaticFieldAfterDecrementAndAnUnrelatedStatement_IsReported(LanguageVersion version) => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;

        public static class Connections
        {
            private static int s_open;

            public static bool Close(string name)
            {
                Interlocked.Decrement(ref s_open);
                var trimmed = name.Trim();
                return {|TALLY007:s_open|} == 0 && trimmed.Length > 0;
            }
        }
        """, Options(version));

    [Fact]
    public Task ReadAfterAddWithDiscardAssignment_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Bytes
        {
            private long _total;

            public long Record(int n)
            {
                _ = Interlocked.Add(ref _total, n);
                return {|TALLY007:this._total|};
            }
        }
        """);

    [Fact]
    public Task ReadAfterExchange_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Current
        {
            private string _state = "idle";

            public int Switch(string next)
            {
                Interlocked.Exchange(ref _state, next);
                return {|TALLY007:_state|}.Length;
            }
        }
        """);

    [Fact]
    public Task ReadInTheConditionOfAFollowingIf_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Limiter
        {
            private int _inFlight;

            public bool Enter(int limit)
            {
                Interlocked.Increment(ref _inFlight);
                if ({|TALLY007:_inFlight|} > limit)
                {
                    return false;
                }

                return true;
            }
        }
        """);

    [Fact]
    public async Task SeveralReads_AreOneDiagnosticOnTheFirstWithTheCallAndTheOtherReadsAsAdditionalLocations()
    {
        var source = """
            using System.Threading;

            public class Ids
            {
                private int _id;

                public string Next()
                {
                    Interlocked.Increment(ref _id);
                    return "id-" + _id + "/" + _id;
                }
            }
            """;

        var diagnostics = await Verify.GetDiagnosticsAsync(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY007", diagnostic.Id);
        var text = diagnostic.Location.SourceTree!.ToString();
        Assert.Equal(text.IndexOf("_id + \"/\"", System.StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(
            new[] { "Interlocked.Increment(ref _id)", "_id" },
            diagnostic.AdditionalLocations.Select(l => text.Substring(l.SourceSpan.Start, l.SourceSpan.Length)).ToArray());
        Assert.Equal(
            "'_id' is read again after 'Interlocked.Increment(ref _id)'; another thread may have changed it in between, so use the value this thread's call produced instead",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task ReadAfterAnIncrementWhoseResultIsUsed_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class RoundRobin
        {
            private readonly string[] _items = { "a", "b", "c" };
            private int _next;

            public string Pick()
            {
                var next = Interlocked.Increment(ref _next);
                var again = _next;
                return _items[(next + again) % _items.Length];
            }

            public int Peek() => Interlocked.Increment(ref _next) + _next;
        }
        """);

    [Fact]
    public Task ReadAfterAnInterveningWrite_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Wrap
        {
            private int _n;

            public int Step()
            {
                Interlocked.Increment(ref _n);
                Interlocked.CompareExchange(ref _n, 0, 100);
                return _n;
            }

            public int Reset()
            {
                Interlocked.Increment(ref _n);
                _n = 0;
                return _n;
            }
        }
        """);

    [Fact]
    public Task ReadAfterACallToAMethodOfTheSameType_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Epoch
        {
            private int _epoch;

            public int Advance()
            {
                Interlocked.Increment(ref _epoch);
                Normalize();
                return _epoch;
            }

            private void Normalize() { if (_epoch > 1000) _epoch = 0; }
        }
        """);

    [Fact]
    public Task ReadInsideALoopOrALambda_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;

        public class Waiter
        {
            private int _generation;

            public void Bump(Action<Func<int>> publish)
            {
                Interlocked.Increment(ref _generation);
                while (_generation % 2 == 1)
                {
                    Thread.Sleep(1);
                }
            }

            public void Later(Action<Func<int>> publish)
            {
                Interlocked.Increment(ref _generation);
                publish(() => _generation);
            }
        }
        """);

    [Fact]
    public Task ReadUnderALockOrCallUnderALock_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Guarded
        {
            private readonly object _gate = new object();
            private int _version;

            public int ReadUnderLock()
            {
                Interlocked.Increment(ref _version);
                lock (_gate)
                {
                    return _version;
                }
            }

            public int CallUnderLock()
            {
                lock (_gate)
                {
                    Interlocked.Increment(ref _version);
                    return _version;
                }
            }
        }
        """);

    [Fact]
    public Task ReadOutsideTheBlockOfTheCall_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Branches
        {
            private int _hits;

            public int Hit(bool count)
            {
                if (count)
                {
                    Interlocked.Increment(ref _hits);
                }

                return _hits;
            }
        }
        """);

    [Fact]
    public Task ReadOnlyForDisplay_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Diagnostics;
        using System.Threading;

        public class Progress
        {
            private int _done;

            public void Step()
            {
                Interlocked.Increment(ref _done);
                Console.WriteLine($"done: {_done}");
                Debug.WriteLine(_done);
            }
        }
        """);

    [Fact]
    public Task ReadOfAnotherFieldOrInsideNameof_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Pair
        {
            private int _a;
            private int _b;

            public string Touch()
            {
                Interlocked.Increment(ref _a);
                return nameof(_a) + _b;
            }
        }
        """);

    [Fact]
    public Task ReadAfterCompareExchange_IsNotReported() => Verify.VerifyAnalyzerAsync("""
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
    public Task ReadOfALocalAfterIncrement_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public static class Local
        {
            public static int Count()
            {
                int n = 0;
                Interlocked.Increment(ref n);
                return n;
            }
        }
        """);

    [Fact]
    public Task ReadBeforeTheCall_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Before
        {
            private int _n;

            public int Take()
            {
                var seen = _n;
                Interlocked.Increment(ref _n);
                return seen;
            }
        }
        """);

    [Fact]
    public Task IncompleteCode_DoesNotThrow() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public class Broken
        {
            private int _n;

            public int Take()
            {
                Interlocked.Increment(ref _n);
                return {|TALLY007:_n|} +;
            }
        }
        """, new TestOptions { AllowedCompilerDiagnostics = new[] { "CS1525" } });

    [Fact]
    public Task ReadOnlyForALoggerOrTrace_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Diagnostics;
        using System.Threading;
        using Microsoft.Extensions.Logging;

        public class Importer
        {
            private readonly ILogger _logger;
            private int _imported;

            public Importer(ILogger logger) => _logger = logger;

            public void Import()
            {
                Interlocked.Increment(ref _imported);
                _logger.LogInformation("Imported {Count} rows", _imported);
                Trace.TraceInformation("imported " + _imported);
            }
        }
        """, new TestOptions { AspNetCore = true });

    [Fact]
    public Task ReadOnlyForAStaticLogClass_IsNotReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;

        public static class Log
        {
            public static void Information(string template, params object[] values) { }
        }

        public class Reloader
        {
            private int _reloads;

            public void Reload()
            {
                Interlocked.Increment(ref _reloads);
                Log.Information("Reloaded {Count} times", _reloads);
            }
        }
        """);
}
