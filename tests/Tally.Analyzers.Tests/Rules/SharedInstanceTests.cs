using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>TALLY005: non-atomic update of an instance field of a type whose one instance serves many threads.</summary>
public class SharedInstanceTests
{
    private static readonly TestOptions AspNet = new() { AspNetCore = true };

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task InstanceFieldsWithoutEvidence_AreNotReported(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections;
            using System.Collections.Generic;
            using System.Text;

            class Tokenizer
            {
                private readonly string _text;
                private int _pos;
                public Tokenizer(string text) { _text = text; }
                public char Next() { var c = _text[_pos]; _pos++; return c; }
                public void Skip(int n) { _pos += n; }
            }

            class RangeEnumerator : IEnumerator<int>
            {
                private int _index = -1;
                public int Current => _index;
                object IEnumerator.Current => Current;
                public bool MoveNext() { _index++; return _index < 10; }
                public void Reset() { _index = -1; }
                public void Dispose() { }
            }

            class IndentedWriter
            {
                private readonly StringBuilder _builder = new StringBuilder();
                private int _indent;
                public void Push() { _indent++; }
                public void Pop() { _indent--; }
            }
            """, new TestOptions { LanguageVersion = version });

    [Theory]
    [MemberData(nameof(TestData.LanguageVersions), MemberType = typeof(TestData))]
    public Task TypeThatLocksItsOtherState_IsShared(LanguageVersion version) =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Cache
            {
                private readonly object _gate = new object();
                private readonly Dictionary<string, string> _items = new Dictionary<string, string>();
                private int _misses;

                public string Get(string key)
                {
                    string value;
                    lock (_gate)
                    {
                        if (_items.TryGetValue(key, out value)) { return value; }
                    }

                    {|TALLY005:_misses++|};
                    return null;
                }
            }
            """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task TypeThatUsesInterlockedOrConcurrentCollectionsOrSemaphores_IsShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            class Metrics
            {
                private long _requests;
                private long _errors;
                public void Request() { Interlocked.Increment(ref _requests); }
                public void Error() { {|TALLY005:_errors++|}; }
            }

            class Registry
            {
                private readonly ConcurrentDictionary<string, int> _map = new ConcurrentDictionary<string, int>();
                private int _lookups;
                public int Find(string key) { {|TALLY005:_lookups++|}; return _map.GetOrAdd(key, 0); }
            }

            class Throttle
            {
                private readonly SemaphoreSlim _sem = new SemaphoreSlim(4);
                private int _rejected;
                public bool TryEnter() { if (_sem.Wait(0)) { return true; } {|TALLY005:_rejected++|}; return false; }
            }
            """);

    [Fact]
    public Task LockOnStaticObject_DoesNotMakeInstancesShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Parser
            {
                private static readonly object s_gate = new object();
                private static readonly Dictionary<string, int> s_cache = new Dictionary<string, int>();
                private int _pos;

                public int Parse(string s)
                {
                    _pos++;
                    lock (s_gate) { return s_cache.Count; }
                }
            }
            """);

    [Fact]
    public Task DisposeOnceFlag_DoesNotMakeInstancesShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            sealed class Reader : IDisposable
            {
                private int _disposed;
                private int _position;

                public int Read() { _position++; return _position; }
                public void Dispose() { if (Interlocked.Exchange(ref _disposed, 1) == 0) { } }
            }
            """);

    [Fact]
    public Task TypeThatStartsConcurrentWork_ReportsOnlyTheStateItsConcurrentCodeWrites() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Flusher
            {
                private int _pending;
                private int _flushes;

                public void Start() => Task.Run(() => Flush());
                private void Flush() { {|TALLY003:_flushes++|}; }
                public void Enqueue() { _pending++; }
            }
            """);

    [Fact]
    public Task SingletonRegistrations_MakeTheImplementationShared() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.DependencyInjection.Extensions;

            interface IClock { }
            class Clock : IClock { private int _ticks; public void Tick() { {|TALLY005:_ticks++|}; } }
            class Counter { public int Hits { get; set; } public void Hit() { {|TALLY005:Hits++|}; } }
            class FromFactory : IClock { private int _n; public void Hit() { {|TALLY005:_n++|}; } }
            class FromInstance : IClock { private int _n; public void Hit() { {|TALLY005:_n += 2|}; } }
            class TryAdded { private int _n; public void Hit() { {|TALLY005:_n--|}; } }
            class ByType { private int _n; public void Hit() { {|TALLY005:++_n|}; } }

            static class Setup
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddSingleton<IClock, Clock>();
                    services.AddSingleton<Counter>();
                    services.AddSingleton<IClock>(sp => new FromFactory());
                    services.AddSingleton<IClock>(new FromInstance());
                    services.TryAddSingleton<TryAdded>();
                    services.AddSingleton(typeof(ByType));
                }
            }
            """, AspNet);

    [Fact]
    public Task HostedServiceAndConventionalMiddleware_AreShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            class Worker : IHostedService
            {
                private int _pokes;
                public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
                public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
                public void Poke() { {|TALLY005:_pokes++|}; } // StartAsync alone runs once: HostedServiceStartOnceTests
            }

            class RequestCounter
            {
                private readonly RequestDelegate _next;
                private long _requests;
                public RequestCounter(RequestDelegate next) { _next = next; }
                public Task InvokeAsync(HttpContext context) { {|TALLY005:_requests++|}; return _next(context); }
            }

            class FactoryMiddleware : IMiddleware
            {
                private int _requests;
                public Task InvokeAsync(HttpContext context, RequestDelegate next) { _requests++; return next(context); }
            }

            static class Setup
            {
                public static void Register(IServiceCollection services) { services.AddHostedService<Worker>(); services.AddTransient<FactoryMiddleware>(); }
                public static void Configure(IApplicationBuilder app) { app.UseMiddleware<RequestCounter>(); app.UseMiddleware<FactoryMiddleware>(); }
            }
            """, AspNet);

    [Fact]
    public Task ScopedTransientServicesControllersAndPages_AreNotShared() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            using Microsoft.Extensions.DependencyInjection;

            class UnitOfWork { private readonly object _gate = new object(); private int _changes; public void Change() { lock (_gate) { } _changes++; } }
            class Formatter { private readonly object _gate = new object(); private int _calls; public void Format() { lock (_gate) { } _calls++; } }

            public class HomeController : Controller
            {
                private static int s_total;
                private int _calls;
                public IActionResult Index() { _calls++; {|TALLY004:s_total++|}; return View(); }
            }

            public class IndexModel : PageModel
            {
                private int _views;
                public void OnGet() { _views++; }
            }

            static class Setup
            {
                public static void Register(IServiceCollection services) { services.AddScoped<UnitOfWork>(); services.AddTransient<Formatter>(); }
            }
            """, AspNet);

    [Fact]
    public Task LoggingAndHttpContracts_AreShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;

            class CountingLogger : ILogger
            {
                private int _written;
                public IDisposable BeginScope<TState>(TState state) where TState : notnull => null!;
                public bool IsEnabled(LogLevel logLevel) => true;
                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { {|TALLY005:_written++|}; }
            }

            class CountingProvider : ILoggerProvider
            {
                private int _created;
                public ILogger CreateLogger(string categoryName) { {|TALLY005:_created++|}; return new CountingLogger(); }
                public void Dispose() { }
            }

            class RetryHandler : DelegatingHandler
            {
                private int _retries;
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) { {|TALLY005:_retries++|}; return base.SendAsync(request, ct); }
            }
            """, AspNet);

    [Fact]
    public Task TypeMarkedThreadSafe_IsShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            [AttributeUsage(AttributeTargets.Class)]
            sealed class ThreadSafeAttribute : Attribute { }

            [ThreadSafe]
            class Sequence
            {
                private int _next;
                public int Next() { {|TALLY005:_next++|}; return _next; }
            }
            """);

    [Fact]
    public Task UpdateInConstructorOfSharedType_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Metrics
            {
                private long _requests;
                private int _instances;
                public Metrics() { _instances++; this._instances += 2; }
                public void Request() { Interlocked.Increment(ref _requests); }
            }
            """);

    [Fact]
    public Task FieldsOfALocallyCreatedObject_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Totals
            {
                private long _shared;
                public int Count;
                public long Sum;

                public static Totals Build(int[] values)
                {
                    var totals = new Totals();
                    foreach (var v in values) { totals.Count++; totals.Sum += v; }
                    return null;
                }

                public void Add() { Interlocked.Increment(ref _shared); }
            }
            """);

    [Fact]
    public Task FieldOfAnotherSingletonType_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.DependencyInjection;

            class Stats { public long Sent { get; set; } }

            class Sender
            {
                private readonly Stats _stats;
                public Sender(Stats stats) { _stats = stats; }
                public void Send() { {|TALLY005:_stats.Sent++|}; }
            }

            static class Setup
            {
                public static void Register(IServiceCollection services) { services.AddSingleton<Stats>(); services.AddScoped<Sender>(); }
            }
            """, AspNet);

    [Fact]
    public Task MemberOfObjectHeldByFieldOfSharedType_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.DependencyInjection;

            sealed class Totals { public long Bytes; public int Calls { get; set; } }

            sealed class Uploader
            {
                private readonly Totals _totals = new Totals();
                public void Upload(long n) { {|TALLY005:_totals.Bytes += n|}; {|TALLY005:_totals.Calls++|}; }
            }

            sealed class Parser
            {
                private readonly Totals _totals = new Totals();
                public void Parse(long n) { _totals.Bytes += n; _totals.Calls++; }
            }

            static class Setup
            {
                public static void Register(IServiceCollection services) { services.AddSingleton<Uploader>(); services.AddTransient<Parser>(); }
            }
            """, AspNet);

    [Fact]
    public Task InheritedFieldUpdatedInSharedDerivedType_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Microsoft.Extensions.DependencyInjection;

            abstract class ServiceBase { protected int _calls; }

            sealed class PriceService : ServiceBase
            {
                public decimal Price() { {|TALLY005:_calls++|}; return 1m; }
            }

            sealed class Formatter : ServiceBase
            {
                public string Format() { _calls++; return ""; }
            }

            static class Setup
            {
                public static void Register(IServiceCollection services) { services.AddSingleton<PriceService>(); }
            }
            """, AspNet);

    [Fact]
    public async Task Diagnostic_NamesTheRegistration_AndPointsAtIt()
    {
        const string source = """
            using Microsoft.Extensions.DependencyInjection;

            class Clock { private int _ticks; public void Tick() { _ticks++; } }

            static class Setup
            {
                public static void Register(IServiceCollection services) { services.AddSingleton<Clock>(); }
            }
            """;
        var diagnostic = Assert.Single(await Verify.GetDiagnosticsAsync(source, AspNet));
        Assert.Equal("TALLY005", diagnostic.Id);
        Assert.Contains("'Clock'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("AddSingleton", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        var registration = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("services.AddSingleton<Clock>()", registration.SourceTree!.GetText().ToString(registration.SourceSpan));
    }

    [Fact]
    public Task LockingTypeDoesNotMakeTheObjectsItHoldsShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Page { public int Dirty; }

            class Transaction
            {
                private readonly object _gate = new object();
                private readonly Page _page = new Page();
                private readonly List<int> _log = new List<int>();

                public void Log(int x) { lock (_gate) { _log.Add(x); } }
                public void Touch() { _page.Dirty++; }
            }
            """);

    [Fact]
    public Task SingleWriterWithVolatileObservers_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Progress
            {
                private readonly Thread _worker;
                private long _done;

                public Progress() { _worker = new Thread(Work); _worker.Start(); }
                public long Done => Volatile.Read(ref _done);
                private void Work() { for (int i = 0; i < 100; i++) { _done++; } }
            }
            """);

    [Fact]
    public Task HostedServiceExecuteAsync_RunsOnce_ButItsPublicMethodsRunPerRequest() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            sealed class Sweeper : BackgroundService
            {
                private int _runs;
                private int _requests;
                public void Request() { {|TALLY005:_requests++|}; }
                protected override async Task ExecuteAsync(CancellationToken token)
                {
                    while (!token.IsCancellationRequested) { _runs++; await Task.Delay(1000, token); }
                }
            }

            static class Setup
            {
                public static void Register(IServiceCollection services) => services.AddHostedService<Sweeper>();
            }
            """, AspNet);

    [Fact]
    public Task ConcurrentCollectionInAnAutoPropertyOrABaseType_MakesTheTypeShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading;

            class Registry
            {
                private int _opened;
                public ConcurrentDictionary<Guid, string> Sessions { get; } = new ConcurrentDictionary<Guid, string>();
                public void Open(string user) { Sessions[Guid.NewGuid()] = user; {|TALLY005:_opened++|}; }
            }

            class PoolBase
            {
                private int _rented;
                protected void Rent() => Interlocked.Increment(ref _rented);
            }

            class BufferPool : PoolBase
            {
                private int _created;
                public void Create() { Rent(); {|TALLY005:_created++|}; }
            }
            """);

    [Fact]
    public Task SerilogSink_IsShared_BecauseLoggersHandItEventsOnEveryThread() =>
        Verify.VerifyAnalyzerAsync("""
            using Serilog.Core;
            using Serilog.Events;

            sealed class NumberingSink : ILogEventSink
            {
                private long _row;
                private int _batches;

                public NumberingSink() { _batches++; }

                public void Emit(LogEvent logEvent) { Store(logEvent, {|TALLY005:_row++|}); }

                private static void Store(LogEvent logEvent, long row) { }
            }
            """, new TestOptions
        {
            AdditionalSources = new[]
            {
                // Stands in for the Serilog package: the contract is found by its full name.
                """
                namespace Serilog.Events { public sealed class LogEvent { } }
                namespace Serilog.Core { public interface ILogEventSink { void Emit(Serilog.Events.LogEvent logEvent); } }
                """,
            },
        });
}
