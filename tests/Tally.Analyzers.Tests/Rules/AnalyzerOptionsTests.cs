using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>Every <c>.editorconfig</c> key of detection changes what is reported.</summary>
public class AnalyzerOptionsTests
{
    private const string Mixed = """
        using System.Threading;
        using System.Threading.Tasks;

        class Mixed
        {
            private static int s_static;
            private volatile int _volatile;
            private int _locked;
            private int _elsewhere;
            private int _shared;

            public void Locked() { Interlocked.Increment(ref _locked); Interlocked.Increment(ref _elsewhere); }

            public void Update(int n)
            {
                {|#static:s_static++|};
                {|#volatile:_volatile++|};
                {|#elsewhere:_elsewhere++|};
                {|#shared:_shared++|};
                Parallel.For(0, n, i => {|#concurrent:n++|});
            }
        }
        """;

    [Fact]
    public Task ByDefault_EveryEvidenceKindIsOn() =>
        Verify.VerifyAnalyzerAsync(Expect(Mixed, "TALLY004", "TALLY002", "TALLY001", "TALLY005", "TALLY003"));

    [Fact]
    public Task EvidenceKey_TurnsEvidenceKindsOff() =>
        Verify.VerifyAnalyzerAsync(
            Expect(Mixed, "TALLY004", null, null, null, "TALLY003"),
            new TestOptions { EditorConfig = "tally.evidence = static, concurrent" });

    [Fact]
    public Task EvidenceKey_WeakerEvidenceStillAppliesWhenStrongerIsOff() =>
        Verify.VerifyAnalyzerAsync(
            Expect(Mixed, "TALLY004", "TALLY002", "TALLY005", "TALLY005", "TALLY003"),
            new TestOptions { EditorConfig = "tally.evidence = volatile, concurrent, static, shared_instance" });

    [Fact]
    public Task SharedInstanceEvidenceKey_TurnsSharedInstanceEvidenceKindsOff() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Metrics
            {
                private long _requests;
                private long _errors;
                public void Request() { Interlocked.Increment(ref _requests); }
                public void Error() { _errors++; }
            }
            """, new TestOptions { EditorConfig = "tally.shared_instance_evidence = singleton, contract, attribute, concurrent_work" });

    [Fact]
    public Task ConcurrentMethodsKey_AddsMethodsThatRunDelegatesConcurrently() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            static class WorkQueue
            {
                public static void Queue(Action work) => work();
            }

            class Job
            {
                public int Run()
                {
                    int done = 0;
                    WorkQueue.Queue(() => {|TALLY003:done++|});
                    return done;
                }
            }
            """, new TestOptions { EditorConfig = "tally.concurrent_methods = WorkQueue.Queue" });

    [Fact]
    public Task ConcurrentMethodsKey_AcceptsFullyQualifiedNames() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            namespace App.Threading
            {
                static class WorkQueue
                {
                    public static void Queue(Action work) => work();
                }

                class Job
                {
                    public int Run()
                    {
                        int done = 0;
                        WorkQueue.Queue(() => {|TALLY003:done++|});
                        return done;
                    }
                }
            }
            """, new TestOptions { EditorConfig = "tally.concurrent_methods = App.Threading.WorkQueue.Queue" });

    [Fact]
    public Task WithoutConcurrentMethodsKey_UnknownMethodsAreNotConcurrent() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            static class WorkQueue
            {
                public static void Queue(Action work) => work();
            }

            class Job
            {
                public int Run()
                {
                    int done = 0;
                    WorkQueue.Queue(() => done++);
                    return done;
                }
            }
            """);

    [Fact]
    public Task LockMethodsKey_AddsLockPairs() =>
        Verify.VerifyAnalyzerAsync("""
            static class Gate
            {
                public static void Acquire(object o) { }
                public static void Release(object o) { }
            }

            static class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_count;
                private static int s_other;

                public static void Up()
                {
                    Gate.Acquire(s_gate);
                    s_count++;
                    Gate.Release(s_gate);
                    {|TALLY004:s_other++|};
                }
            }
            """, new TestOptions { EditorConfig = "tally.lock_methods = Gate.Acquire|Gate.Release" });

    [Fact]
    public Task RacyAttributesKey_ReplacesTheDefaultNames() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            sealed class BenignRaceAttribute : Attribute { }
            sealed class ApproximateCounterAttribute : Attribute { }

            static class Stats
            {
                [BenignRace] private static long s_hits;
                [ApproximateCounter] private static long s_misses;
                public static void Hit() { s_hits++; {|TALLY004:s_misses++|}; }
            }
            """, new TestOptions { EditorConfig = "tally.racy_attributes = BenignRace" });

    [Fact]
    public Task ThreadSafeAttributesKey_ReplacesTheDefaultNames() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            sealed class SharedAttribute : Attribute { }
            sealed class ThreadSafeAttribute : Attribute { }

            [Shared] class A { private int _n; public void Hit() { {|TALLY005:_n++|}; } }
            [ThreadSafe] class B { private int _n; public void Hit() { _n++; } }
            """, new TestOptions { EditorConfig = "tally.thread_safe_attributes = Shared" });

    [Fact]
    public Task SharedContractsKey_ReplacesTheDefaultContracts() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.Extensions.Logging;

            namespace App
            {
                interface IPlugin { void Run(); }

                class Plugin : IPlugin { private int _runs; public void Run() { {|TALLY005:_runs++|}; } }

                class Logger : ILogger
                {
                    private int _written;
                    public IDisposable BeginScope<TState>(TState state) where TState : notnull => null!;
                    public bool IsEnabled(LogLevel logLevel) => true;
                    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { _written++; }
                }
            }
            """, new TestOptions { AspNetCore = true, EditorConfig = "tally.shared_contracts = App.IPlugin" });

    [Fact]
    public Task CallDepthKey_FollowsMoreCalls() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Worker
            {
                private static int s_deep;
                public static void Start() => Task.Run(() => A());
                private static void A() => B();
                private static void B() => C();
                private static void C() { {|TALLY003:s_deep++|}; }
            }
            """, new TestOptions { EditorConfig = "tally.call_depth = 3" });

    [Fact]
    public Task CallDepthKey_Zero_FollowsNoCalls() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Worker
            {
                private static int s_count;
                public static void Start() => Task.Run(() => A());
                private static void A() { {|TALLY004:s_count++|}; }
            }
            """, new TestOptions { EditorConfig = "tally.call_depth = 0" });

    [Fact]
    public Task SeverityNone_SilencesARule() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_count;
                public void Up() { s_count++; }
            }
            """, new TestOptions { EditorConfig = "dotnet_diagnostic.TALLY004.severity = none" });

    [Fact]
    public Task SuppressMessageAttribute_SilencesTheUpdate() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics.CodeAnalysis;

            class Counter
            {
                private static int s_count;
                private static int s_other;

                [SuppressMessage("Concurrency", "TALLY004", Justification = "Only called from Main before any thread starts.")]
                public void Up() { s_count++; }

                public void Down() { {|TALLY004:s_other--|}; }
            }
            """);

    [Fact]
    public Task GeneratedCode_IsNotAnalyzed() =>
        Verify.VerifyAnalyzerAsync("""
            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            class Generated
            {
                private static int s_count;
                public void Up() { s_count++; }
            }
            """);

    [Fact]
    public Task InvalidValues_FallBackToSomethingSensible() =>
        Verify.VerifyAnalyzerAsync("""
            class Counter
            {
                private static int s_count;
                public void Up() { {|TALLY004:s_count++|}; }
            }
            """, new TestOptions { EditorConfig = "tally.call_depth = lots\ntally.lock_methods = nonsense\ntally.concurrent_methods = ." });

    private static string Expect(string source, string? forStatic, string? forVolatile, string? forElsewhere, string? forShared, string? forConcurrent)
        => source
            .Replace("{|#static:s_static++|}", Mark(forStatic, "s_static++"), System.StringComparison.Ordinal)
            .Replace("{|#volatile:_volatile++|}", Mark(forVolatile, "_volatile++"), System.StringComparison.Ordinal)
            .Replace("{|#elsewhere:_elsewhere++|}", Mark(forElsewhere, "_elsewhere++"), System.StringComparison.Ordinal)
            .Replace("{|#shared:_shared++|}", Mark(forShared, "_shared++"), System.StringComparison.Ordinal)
            .Replace("{|#concurrent:n++|}", Mark(forConcurrent, "n++"), System.StringComparison.Ordinal);

    private static string Mark(string? id, string text) => id == null ? text : "{|" + id + ":" + text + "|}";
}
