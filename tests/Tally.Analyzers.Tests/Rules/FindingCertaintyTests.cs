using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Every TALLY001-005 finding is certain (the code declares the overlap: an atomic partner, a read lock, a fan-out, a
/// static field, declared sharing) and reported at the rule's severity, or inferred (the analyzer concluded it) and
/// reported at <c>tally.inferred_severity</c>, hidden (<c>silent</c>) by default. The "Certainty" property says which.
/// </summary>
public class FindingCertaintyTests
{
    private const string AtomicPartner = """
        using System.Threading;

        class Stats
        {
            private int _hits;
            public void Fast() => Interlocked.Increment(ref _hits);
            public void Slow() { _hits++; }
        }
        """;

    private const string LockedPartner = """
        class Stats
        {
            private readonly object _gate = new object();
            private int _hits;
            public void Locked() { lock (_gate) { _hits++; } }
            public void Unlocked() { _hits++; }
        }
        """;

    private const string ThreadStartedOnceAndOrdinaryCalls = """
        using System.Threading.Tasks;

        class Pump
        {
            private int _pending;
            public void Start() { Task.Run(() => Drain()); }
            private void Drain() { while (_pending > 0) { _pending--; } }
            public void Add() { _pending++; }
        }
        """;

    [Fact]
    public async Task UpdateBesideAnInterlockedWriter_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(AtomicPartner);

        AssertFinding(Assert.Single(diagnostics), "TALLY001", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateBesideALockedWriter_IsInferred_AndHidden()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(LockedPartner);

        AssertFinding(Assert.Single(diagnostics), "TALLY001", "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task UpdateBesideALockedWriter_InAParallelBody_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            class Stats
            {
                private readonly object _gate = new object();
                private int _hits;
                public void Locked() { lock (_gate) { _hits++; } }
                public void All(int n) { Parallel.For(0, n, i => { _hits++; }); }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY001", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateBesideALockedWriter_InATypeMarkedThreadSafe_IsCertain_AndAWarning()
    {
        // TALLY001 names the locked partner (the stronger evidence), and the type is declared shared: certain.
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;

            [AttributeUsage(AttributeTargets.Class)]
            sealed class ThreadSafeAttribute : Attribute { }

            [ThreadSafe]
            class Stats
            {
                private readonly object _gate = new object();
                private int _hits;
                public void Locked() { lock (_gate) { _hits++; } }
                public void Unlocked() { _hits++; }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY001", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateOfAVolatileField_InAParallelBody_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            class Meter
            {
                private volatile int _bytes;
                public void All(int n) { Parallel.For(0, n, i => { _bytes += 2; }); }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY002", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateOfAVolatileField_IsInferred_AndHidden()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            class Pump
            {
                private volatile int _pending;
                public void Start() { Task.Run(() => { _pending++; }); }
                public void Add() { _pending++; }
            }
            """);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => AssertFinding(d, "TALLY002", "Inferred", DiagnosticSeverity.Hidden));
    }

    [Fact]
    public async Task UpdateUnderOnlyAReadLock_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            class RouteTable
            {
                private readonly ReaderWriterLockSlim _gate = new ReaderWriterLockSlim();
                private long _lookups;

                public void Resolve()
                {
                    _gate.EnterReadLock();
                    try { _lookups++; }
                    finally { _gate.ExitReadLock(); }
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Certain", DiagnosticSeverity.Warning);
    }

    [Theory]
    [InlineData("Parallel.For(0, n, i => { _count++; });")]
    [InlineData("Parallel.ForEach(Enumerable.Range(0, n), i => { _count++; });")]
    [InlineData("Enumerable.Range(0, n).AsParallel().ForAll(i => { _count++; });")]
    [InlineData("for (int i = 0; i < n; i++) { Task.Run(() => { _count++; }); }")]
    [InlineData("for (int i = 0; i < n; i++) { new Thread(() => { _count++; }).Start(); }")]
    [InlineData("for (int i = 0; i < n; i++) { ThreadPool.QueueUserWorkItem(_ => { _count++; }); }")]
    [InlineData("Task.WhenAll(Enumerable.Range(0, n).Select(async i => { await Task.Yield(); _count++; })).Wait();")]
    public async Task UpdateInAFanOut_IsCertain_AndAWarning(string fanOut)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync($$"""
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class Crawler
            {
                private int _count;
                public void Run(int n) { {{fanOut}} }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateInAConfiguredConcurrentMethod_IsCertain_AndAWarning()
    {
        // tally.concurrent_methods declares that the method runs its delegate on several threads at once.
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;

            static class Pool { public static void OnThreads(Action<int> body) { body(0); } }

            class Crawler
            {
                private int _count;
                public void Run() { Pool.OnThreads(i => { _count++; }); }
            }
            """, new TestOptions { EditorConfig = "tally.concurrent_methods = Pool.OnThreads" });

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdatesInCallsAwaitedTogether_AreCertain_AndWarnings()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            class Syncer
            {
                private int _synced;
                public Task BothAsync() => Task.WhenAll(UsersAsync(), OrdersAsync());
                private async Task UsersAsync() { await Task.Yield(); _synced += 1; }
                private async Task OrdersAsync() { await Task.Yield(); _synced += 2; }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => AssertFinding(d, "TALLY003", "Certain", DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task UpdateReachedThroughACallOnEachItemsObject_InAStartLoop_IsInferred_AndHidden()
    {
        // Each queued copy calls Begin on the connection of its own iteration: whether two copies write one object is
        // inferred, not declared by the loop.
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Threading;

            class Connection
            {
                private readonly object _sync = new object();
                private readonly List<int> _sizes = new List<int>();
                private int _attempts;
                public void Begin() { _attempts++; }
                public void Record(int size) { lock (_sync) { _sizes.Add(size); } }
            }

            class Server
            {
                public void Serve(Connection[] connections)
                {
                    foreach (var connection in connections)
                    {
                        ThreadPool.QueueUserWorkItem(_ => connection.Begin());
                    }
                }
            }
            """);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => AssertFinding(d, d.Id, "Inferred", DiagnosticSeverity.Hidden));
    }

    [Fact]
    public async Task CapturedLocalInAThreadStartedFromACallback_IsInferred_AndHidden()
    {
        // The callback of an unknown API may run once: the start in it is not repeated by construction.
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Threading.Tasks;

            class Wheel { public void After(Action<int> callback) { callback(0); } }

            class Pool
            {
                private readonly Wheel _wheel = new Wheel();

                public void Drain(int steps)
                {
                    _wheel.After(_ =>
                    {
                        Task.Run(() =>
                        {
                            if (--steps >= 0) { Drain(steps); }
                        });
                    });
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task CapturedLocalInAThreadStartedPerItem_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class Loader
            {
                public static int LoadAll(List<string> names)
                {
                    int loaded = 0;
                    Task.WaitAll(names.Select(n => Task.Run(() => { loaded++; })).ToArray());
                    return loaded;
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateInAThreadStartedOnce_PairedWithOrdinaryCalls_IsInferred_AndHidden()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(ThreadStartedOnceAndOrdinaryCalls);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => AssertFinding(d, "TALLY003", "Inferred", DiagnosticSeverity.Hidden));
    }

    [Fact]
    public async Task UpdateInAPeriodicTimerCallback_IsInferred_AndHidden()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            class Poller
            {
                private readonly Timer _timer;
                private int _ticks;
                public Poller() { _timer = new Timer(_ => { _ticks++; }, null, 0, 100); }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task CapturedLocalInAParallelBody_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            static class Counter
            {
                public static int Count(int n)
                {
                    int total = 0;
                    Parallel.For(0, n, i => { total++; });
                    return total;
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task CapturedLocalWrittenByAThreadAndItsStarter_IsInferred_AndHidden()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            static class Producer
            {
                public static async Task<int> RunAsync(int n)
                {
                    int pending = 0;
                    var consumer = Task.Run(() => { while (pending > 0) { pending--; } });
                    for (int i = 0; i < n; i++) { pending++; }
                    await consumer;
                    return pending;
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => AssertFinding(d, "TALLY003", "Inferred", DiagnosticSeverity.Hidden));
    }

    [Fact]
    public async Task UpdateOfAStaticFieldReachedFromStartedLoops_IsConcurrentCode_Certain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading.Tasks;

            class Counter
            {
                private static int s_count;
                public void Up() { s_count++; }
                public void StartAll() { for (int i = 0; i < 4; i++) { Task.Run(() => Up()); } }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY003", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateOfAStaticFieldFromOrdinaryCallsOnly_IsInferred_AndHidden()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            class Counter
            {
                private static int s_count;
                public void Up() { s_count++; }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY004", "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task UpdateInATypeMarkedThreadSafe_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;

            [AttributeUsage(AttributeTargets.Class)]
            sealed class ThreadSafeAttribute : Attribute { }

            [ThreadSafe]
            class Sequence
            {
                private int _next;
                public int Next() { _next++; return _next; }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY005", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateInATypeRegisteredAsASingleton_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using Microsoft.Extensions.DependencyInjection;

            class Clock { private int _ticks; public void Tick() { _ticks++; } }

            static class Setup
            {
                public static void Register(IServiceCollection services) { services.AddSingleton<Clock>(); }
            }
            """, new TestOptions { AspNetCore = true });

        AssertFinding(Assert.Single(diagnostics), "TALLY005", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateInATypeImplementingASharedContract_IsCertain_AndAWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            namespace Plugins
            {
                public interface IRequestFilter { void Filter(string path); }

                class CountingFilter : IRequestFilter
                {
                    private int _seen;
                    public void Filter(string path) { _seen++; }
                }
            }
            """, new TestOptions { EditorConfig = "tally.shared_contracts = Plugins.IRequestFilter" });

        AssertFinding(Assert.Single(diagnostics), "TALLY005", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task UpdateInATypeThatLocksItsOtherState_IsInferred_AndHidden()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Generic;

            class Cache
            {
                private readonly object _gate = new object();
                private readonly Dictionary<string, string> _items = new Dictionary<string, string>();
                private int _misses;

                public string Get(string key)
                {
                    lock (_gate)
                    {
                        if (_items.TryGetValue(key, out var value)) { return value; }
                    }

                    _misses++;
                    return null;
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "TALLY005", "Inferred", DiagnosticSeverity.Hidden);
    }

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("silent", DiagnosticSeverity.Hidden)]
    [InlineData("Warning", DiagnosticSeverity.Warning)]
    public async Task InferredSeverityOption_SetsTheSeverityOfInferredFindings_Only(string value, DiagnosticSeverity expected)
    {
        var inferred = await Verify.GetDiagnosticsAsync(LockedPartner, new TestOptions { EditorConfig = "tally.inferred_severity = " + value });
        var certain = await Verify.GetDiagnosticsAsync(AtomicPartner, new TestOptions { EditorConfig = "tally.inferred_severity = " + value });

        AssertFinding(Assert.Single(inferred), "TALLY001", "Inferred", expected);
        AssertFinding(Assert.Single(certain), "TALLY001", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task InferredSeverityNone_HidesInferredFindings_AndKeepsCertainOnes()
    {
        var options = new TestOptions { EditorConfig = "tally.inferred_severity = none" };

        Assert.Empty(await Verify.GetDiagnosticsAsync(LockedPartner, options));
        Assert.Empty(await Verify.GetDiagnosticsAsync(ThreadStartedOnceAndOrdinaryCalls, options));
        AssertFinding(Assert.Single(await Verify.GetDiagnosticsAsync(AtomicPartner, options)), "TALLY001", "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task ABadInferredSeverityValue_KeepsTheDefault()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(LockedPartner, new TestOptions { EditorConfig = "tally.inferred_severity = loud" });

        AssertFinding(Assert.Single(diagnostics), "TALLY001", "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task ConfiguredRuleSeverity_AppliesToInferredAndCertainFindingsAlike()
    {
        // Roslyn applies dotnet_diagnostic.ID.severity after the analyzer, to every diagnostic of the ID, whatever
        // severity the analyzer reported it at.
        var raised = await Verify.GetDiagnosticsAsync(LockedPartner, new TestOptions { EditorConfig = "dotnet_diagnostic.TALLY001.severity = warning" });
        var lowered = await Verify.GetDiagnosticsAsync(AtomicPartner, new TestOptions { EditorConfig = "dotnet_diagnostic.TALLY001.severity = suggestion" });
        var errors = await Verify.GetDiagnosticsAsync(LockedPartner, new TestOptions { EditorConfig = "dotnet_diagnostic.TALLY001.severity = error" });

        AssertFinding(Assert.Single(raised), "TALLY001", "Inferred", DiagnosticSeverity.Warning);
        AssertFinding(Assert.Single(lowered), "TALLY001", "Certain", DiagnosticSeverity.Info);
        AssertFinding(Assert.Single(errors), "TALLY001", "Inferred", DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task InferredSeverityNone_WinsOverAConfiguredRuleSeverity()
    {
        // An inferred finding that is not reported has no severity to raise.
        var diagnostics = await Verify.GetDiagnosticsAsync(LockedPartner, new TestOptions
        {
            EditorConfig = "tally.inferred_severity = none\ndotnet_diagnostic.TALLY001.severity = warning",
        });

        Assert.Empty(diagnostics);
    }

    private static void AssertFinding(Diagnostic diagnostic, string id, string certainty, DiagnosticSeverity severity)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.True(diagnostic.Properties.TryGetValue("Certainty", out var actual), "no Certainty property on " + diagnostic);
        Assert.Equal(certainty, actual);
        Assert.Equal(severity, diagnostic.Severity);
    }
}
