using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>TALLY003: non-atomic update in code that runs concurrently, including captured locals.</summary>
public class ConcurrentCodeTests
{
    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task CapturedLocalUpdatedInParallelFor_IsReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Summer
            {
                public int Count(int n)
                {
                    int count = 0;
                    Parallel.For(0, n, i => {|TALLY003:count++|});
                    return count;
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task CapturedLocalsInParallelForEachInvokeAndPlinq_AreReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class Summer
            {
                public long Sum(List<int> values)
                {
                    long total = 0;
                    int calls = 0;
                    int seen = 0;
                    Parallel.ForEach(values, v => { {|TALLY003:total += v|}; });
                    Parallel.Invoke(() => {|TALLY003:calls++|}, () => {|TALLY003:calls++|});
                    values.AsParallel().ForAll(v => {|TALLY003:seen++|});
                    return total + calls + seen;
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task CapturedLocalInParallelForEachAsync_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Summer
            {
                public async Task<int> CountAsync(List<int> values)
                {
                    int count = 0;
                    await Parallel.ForEachAsync(values, async (v, ct) => { {|TALLY003:count += v|}; await Task.Yield(); });
                    return count;
                }
            }
            """);

    [Fact]
    public Task CapturedLocalInTasksStartedInALoop_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Starter
            {
                public int Run(int n)
                {
                    int done = 0;
                    var tasks = new List<Task>();
                    for (int i = 0; i < n; i++)
                    {
                        tasks.Add(Task.Run(() => {|TALLY003:done++|}));
                        tasks.Add(Task.Factory.StartNew(() => {|TALLY003:done += 2|}));
                        ThreadPool.QueueUserWorkItem(_ => {|TALLY003:done--|});
                        new Thread(() => {|TALLY003:done++|}).Start();
                    }

                    Task.WaitAll(tasks.ToArray());
                    return done;
                }
            }
            """);

    [Fact]
    public Task CapturedLocalInOneTaskRunOnce_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Starter
            {
                public async Task<int> RunAsync()
                {
                    int done = 0;
                    await Task.Run(() => done++);
                    return done;
                }
            }
            """);

    [Fact]
    public Task LocalDeclaredInsideTheConcurrentLambda_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Worker
            {
                public void Run(List<int[]> batches)
                {
                    Parallel.ForEach(batches, batch =>
                    {
                        int sum = 0;
                        foreach (var v in batch) { sum += v; }
                        batch.ForEach2(x => sum++);
                    });
                }
            }

            static class Ext
            {
                public static void ForEach2(this int[] items, System.Action<int> action) { foreach (var i in items) action(i); }
            }
            """);

    [Fact]
    public Task LocalStateOfParallelForWithLocalInit_IsNotReported_ButTheSharedTotal_Is() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Summer
            {
                public long Sum(int[] values)
                {
                    long total = 0;
                    Parallel.For(0, values.Length, () => 0L, (i, state, local) => { local += values[i]; return local; }, local => {|TALLY003:total += local|});
                    return total;
                }
            }
            """);

    [Fact]
    public Task FieldUpdatedInTaskRunLambda_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Poller
            {
                private int _polls;

                public Task Start() => Task.Run(() => {|TALLY003:_polls++|});
            }
            """);

    [Fact]
    public Task StaticFieldUpdatedInParallelCode_IsReportedAsConcurrent() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Stats
            {
                private static int s_processed;

                public static void Process(int[] items) => Parallel.ForEach(items, item => {|TALLY003:s_processed++|});
            }
            """);

    [Fact]
    public Task MethodGroupAndTheMethodsItCalls_AreConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Worker
            {
                private int _loops;
                private int _items;
                private int _deep;

                public void Start() => Task.Run(Loop);
                public void StartThread() => new Thread(Loop).Start();

                private void Loop() { {|TALLY003:_loops++|}; Process(); }
                private void Process() { {|TALLY003:_items += 2|}; Deeper(); }
                private void Deeper() { {|TALLY003:_deep++|}; Deepest(); }
                private void Deepest() { {|TALLY003:_deep--|}; }
            }
            """);

    [Fact]
    public Task MethodCalledFromConcurrentLambda_IsConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                private int _items;

                public void Run(int n) => Parallel.For(0, n, i => Process(i));
                private void Process(int i) { {|TALLY003:_items += i|}; }
            }
            """);

    [Fact]
    public Task LocalFunctionPassedToParallelInvoke_IsConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                public int Run()
                {
                    int count = 0;
                    void Work() { {|TALLY003:count++|}; }
                    Parallel.Invoke(Work, Work);
                    return count;
                }
            }
            """);

    [Fact]
    public Task TimerCallbacks_AreConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            class Ticker : IDisposable
            {
                private readonly Timer _timer;
                private readonly System.Timers.Timer _other = new System.Timers.Timer(100);
                private int _ticks;
                private int _elapsed;

                public Ticker()
                {
                    _timer = new Timer(_ => {|TALLY003:_ticks++|}, null, 0, 100);
                    _other.Elapsed += (s, e) => {|TALLY003:_elapsed++|};
                }

                public void Dispose() { _timer.Dispose(); _other.Dispose(); }
            }
            """);

    [Fact]
    public Task UpdatesInRequestHandlers_AreConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            static class App
            {
                public static void Configure(WebApplication app)
                {
                    int hits = 0;
                    long bytes = 0;
                    int used = 0;
                    app.MapGet("/", () => {|TALLY003:hits++|});
                    app.MapPost("/upload", (HttpContext ctx) => { {|TALLY003:bytes += ctx.Request.ContentLength ?? 0|}; return Results.Ok(); });
                    app.Use(async (ctx, next) => { {|TALLY003:used++|}; await next(ctx); });
                    app.Run(ctx => { {|TALLY003:hits += 2|}; return Task.CompletedTask; });
                }
            }
            """, new TestOptions { AspNetCore = true });

    [Fact]
    public Task UpdatesInMinimalApiTopLevelStatements_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var visits = 0;
            app.MapGet("/", () => {|TALLY003:++visits|});
            app.Run();
            """, new TestOptions { AspNetCore = true, OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task LocalFunctionCalledFromParallelLambda_IsConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                public int Run(int n)
                {
                    int count = 0;
                    void Work(int i) { {|TALLY003:count += i|}; }
                    Parallel.For(0, n, i => Work(i));
                    return count;
                }
            }
            """);

    [Fact]
    public Task TimerCallbackMethodGroup_IsConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            class Ticker : IDisposable
            {
                private readonly Timer _timer;
                private int _ticks;

                public Ticker() { _timer = new Timer(OnTick, null, 0, 100); }
                private void OnTick(object state) { {|TALLY003:_ticks++|}; }
                public void Dispose() => _timer.Dispose();
            }
            """);

    [Fact]
    public Task RequestHandlerLocalFunction_IsConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            var hits = 0;
            app.MapGet("/", Handle);
            app.Run();

            int Handle() => {|TALLY003:++hits|};
            """, new TestOptions { AspNetCore = true, OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication });

    [Fact]
    public Task RequestHandlerMethodGroupOfTheSameType_IsConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;

            static class Endpoints
            {
                private static int s_hits;
                private static int s_errors;

                public static void Map(IEndpointRouteBuilder routes) { routes.MapGet("/", Get); routes.MapPost("/", Post); }
                private static string Get() { {|TALLY003:s_hits++|}; return "ok"; }
                private static string Post() { {|TALLY003:s_errors += 1|}; return "ok"; }
            }
            """, new TestOptions { AspNetCore = true });

    [Fact]
    public Task UpdateUnderLockInConcurrentLambda_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Summer
            {
                public int Count(int n)
                {
                    var gate = new object();
                    int count = 0;
                    Parallel.For(0, n, i => { lock (gate) { count++; } });
                    return count;
                }
            }
            """);

    [Fact]
    public Task ArrayElementAtTheParallelForIndex_IsNotReported_ButASharedElement_Is() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Histogram
            {
                public int[] Build(int n)
                {
                    var perIndex = new int[n];
                    var buckets = new int[4];
                    var grid = new int[n, 4];
                    Parallel.For(0, n, i => { perIndex[i] += i; {|TALLY003:buckets[i % 4]++|}; for (int j = 0; j < 4; j++) { grid[i, j] += j; } });
                    return buckets;
                }
            }
            """);

    [Fact]
    public Task LambdaPassedToOrdinaryMethod_IsNotConcurrentCode() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class Summer
            {
                private int _seen;

                public int Count(List<int> values)
                {
                    int count = 0;
                    values.ForEach(v => count++);
                    var doubled = values.Select(v => { _seen++; return v * 2; }).ToList();
                    return count + doubled.Count;
                }
            }
            """);

    [Fact]
    public async Task Diagnostic_NamesTheStartSite_AndPointsAtIt()
    {
        const string source = """
            using System.Threading.Tasks;

            class Summer
            {
                public int Count(int n)
                {
                    int count = 0;
                    Parallel.For(0, n, i => count++);
                    return count;
                }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source));
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Contains("Parallel.For", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        var site = Assert.Single(diagnostic.AdditionalLocations);
        Assert.StartsWith("Parallel.For(", site.SourceTree!.GetText().ToString(site.SourceSpan), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task UpdateReachedFromParallelThroughAnotherType_IsReported_ButOwnedObjectsAreNot() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Stats
            {
                private int _recorded;
                public void Record(int x) { {|TALLY003:_recorded++|}; }
            }

            class Parser
            {
                private int _pos;
                public void Step() { _pos++; }
            }

            static class Importer
            {
                public static void Run(Stats stats, List<int> items)
                {
                    Parallel.ForEach(items, x => stats.Record(x));
                    Parallel.ForEach(items, x => { var parser = new Parser(); parser.Step(); });
                }
            }
            """);

    [Fact]
    public Task LoopStartedOnceFromAConstructor_IsNotReported_ButStartedAgainPerCall_Is() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Pump
            {
                private long _pumped;
                public Pump() { new Thread(Loop).Start(); }
                public long Pumped => Volatile.Read(ref _pumped);
                private void Loop() { while (true) { _pumped++; } }
            }

            class Spinner
            {
                private long _spins;
                public void Start() => Task.Run(() => Spin());
                private void Spin() { {|TALLY003:_spins++|}; }
            }
            """);

    [Fact]
    public Task TwoTaskRunsOfOneObjectsMethod_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Worker
            {
                private int _iterations;
                public void Spin() { {|TALLY003:_iterations++|}; }
            }

            static class Harness
            {
                public static Task RunAsync()
                {
                    var worker = new Worker();
                    return Task.WhenAll(Task.Run(() => worker.Spin()), Task.Run(() => worker.Spin()));
                }
            }
            """);

    [Fact]
    public Task OneShotAndAutoResetFalseTimers_AreNotReported_ButPeriodicOnesAre() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            class Poller : IDisposable
            {
                private readonly Timer _oneShot;
                private readonly Timer _periodic;
                private readonly System.Timers.Timer _manual = new System.Timers.Timer(100) { AutoReset = false };
                private int _polls;
                private int _ticks;
                private int _elapsed;

                public Poller()
                {
                    _oneShot = new Timer(_ => { _polls++; _oneShot!.Change(100, Timeout.Infinite); }, null, 100, Timeout.Infinite);
                    _periodic = new Timer(_ => {|TALLY003:_ticks++|}, null, 0, 100);
                    _manual.Elapsed += (s, e) => { _elapsed++; _manual.Start(); };
                }

                public void Dispose() { _oneShot.Dispose(); _periodic.Dispose(); _manual.Dispose(); }
            }
            """);

    [Fact]
    public Task OneShotTimersWithUnsignedOrLongPeriods_AreNotReported_ButPeriodicOnesAre() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            class Sampler : IDisposable
            {
                private readonly Timer _unsignedOnce;
                private readonly Timer _longOnce;
                private readonly Timer _longPeriodic;
                private int _first;
                private int _second;
                private int _samples;

                public Sampler()
                {
                    _unsignedOnce = new Timer(_ => _first++, null, 100u, uint.MaxValue);
                    _longOnce = new Timer(_ => _second++, null, 100L, -1L);
                    _longPeriodic = new Timer(_ => {|TALLY003:_samples++|}, null, 0L, 250L);
                }

                public void Dispose() { _unsignedOnce.Dispose(); _longOnce.Dispose(); _longPeriodic.Dispose(); }
            }
            """);

    [Fact]
    public Task CallbacksRaisedOnOtherThreads_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using System.IO;
            using System.Threading;

            class Watchers
            {
                private int _changes;
                private int _started;
                private int _cancelled;
                private int _lines;

                public void Watch(FileSystemWatcher watcher, CancellationToken token, Process process)
                {
                    watcher.Changed += (s, e) => {|TALLY003:_changes++|};
                    var listener = new ActivityListener { ActivityStarted = a => {|TALLY003:_started++|} };
                    token.Register(() => {|TALLY003:_cancelled++|});
                    process.OutputDataReceived += (s, e) => {|TALLY003:_lines++|};
                    _cancelled = 0;
                    _lines = 0;
                }
            }
            """);

    [Fact]
    public Task AsyncFanOut_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class Syncer
            {
                private int _synced;
                private int _done;

                public Task AllAsync(IEnumerable<int> items) => Task.WhenAll(items.Select(async x => { await Task.Yield(); {|TALLY003:_done++|}; }));
                public Task BothAsync() => Task.WhenAll(UsersAsync(), OrdersAsync());
                private async Task UsersAsync() { await Task.Yield(); {|TALLY003:_synced += 1|}; }
                private async Task OrdersAsync() { await Task.Yield(); {|TALLY003:_synced += 2|}; }
            }
            """);

    [Fact]
    public Task CapturedLocalWrittenByAStartedLoopAndByItsStarter_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Producer
            {
                public static async Task<int> RunAsync(int n)
                {
                    int pending = 0;
                    var consumer = Task.Run(() => { while (pending > 0) { {|TALLY003:pending--|}; } });
                    for (int i = 0; i < n; i++) { {|TALLY003:pending++|}; }
                    await consumer;
                    return pending;
                }
            }
            """);

    [Fact]
    public Task NewObjectCapturedByParallelCode_IsReported_ButUsedSequentially_IsNot() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Totals { public int Count; }

            static class Counter
            {
                public static Totals Parallel_(int n)
                {
                    var totals = new Totals();
                    Parallel.For(0, n, i => {|TALLY003:totals.Count++|});
                    return totals;
                }

                public static Totals Sequential(int n)
                {
                    var totals = new Totals();
                    for (int i = 0; i < n; i++) { totals.Count++; }
                    return totals;
                }
            }
            """);

    private const string DedicatedScheduler = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        sealed class DedicatedScheduler : TaskScheduler
        {
            public DedicatedScheduler(int threadCount, string name) { }
            protected override void QueueTask(Task task) { }
            protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
            protected override IEnumerable<Task> GetScheduledTasks() => new Task[0];
        }
        """;

    [Fact]
    public Task LoopStartedWithStartNewOnASchedulerMadeWithOneThread_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Monitor
            {
                private TaskScheduler _scheduler = TaskScheduler.Default;
                private int _failures;

                public void Start(CancellationToken token)
                {
                    Check();
                    _scheduler = new DedicatedScheduler(threadCount: 1, "monitor");
                    Task.Factory.StartNew(() => Loop(token), token, TaskCreationOptions.None, _scheduler);
                }

                private void Loop(CancellationToken token) { while (!token.IsCancellationRequested) Check(); }
                private void Check() { _failures++; }
            }
            """, new TestOptions { AdditionalSources = new[] { DedicatedScheduler } });

    [Fact]
    public Task LoopStartedWithStartNewOnASchedulerWithFourThreads_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Monitor
            {
                private readonly TaskScheduler _scheduler = new DedicatedScheduler(threadCount: 4, "monitor");
                private int _failures;

                public void Start(CancellationToken token)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        Task.Factory.StartNew(() => Loop(token), token, TaskCreationOptions.None, _scheduler);
                    }
                }

                private void Loop(CancellationToken token) { while (!token.IsCancellationRequested) Check(); }
                private void Check() { {|TALLY003:_failures++|}; }
            }
            """, new TestOptions { AdditionalSources = new[] { DedicatedScheduler } });

    [Fact]
    public Task OnCallbackOfAnOptionsType_RunsConcurrently_AndItsFieldUpdatesAreReported_ButNotItsCapturedLocals() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            sealed class RetryOptions
            {
                public int MaxAttempts { get; set; } = 3;
                public Action<int>? OnRetry { get; set; }
            }

            class Client
            {
                private int _retries;
                private int _timeouts;

                public RetryOptions Options()
                {
                    int local = 0;
                    return new RetryOptions
                    {
                        MaxAttempts = 5,
                        OnRetry = attempt =>
                        {
                            {|TALLY003:_retries++|};
                            local++;
                            Interlocked.Increment(ref _timeouts);
                        },
                    };
                }
            }
            """);

    [Fact]
    public Task DelegatePropertyThatIsNotAnOnCallbackOfAnOptionsType_IsNotAStart() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            sealed class RetryOptions
            {
                public Action<int>? Retry { get; set; }
            }

            sealed class Button
            {
                public Action? OnClick { get; set; }
            }

            class Form
            {
                private int _retries;
                private int _clicks;

                public void Wire(RetryOptions options, Button button)
                {
                    options.Retry = attempt => _retries++;
                    button.OnClick = () => _clicks++;
                }
            }
            """);
}
