using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The host calls a hosted service's <c>StartAsync</c> once (and <c>StopAsync</c> once, after it), so the registration
/// with <c>AddHostedService</c> is no evidence that an update runs on many threads when every writer of the storage in
/// the service runs only there: in <c>StartAsync</c>, in private helpers only it calls on <c>this</c> (awaited when they
/// are async), and in constructors. The shape of BiliBiliToolPro's run-once console job (held-out sample fresh35, family
/// A): a random start-up sleep steps an options value in a private helper of <c>StartAsync</c>. A writer anything else
/// runs (a public method, <c>StopAsync</c>, <c>ExecuteAsync</c>, code <c>StartAsync</c> starts, a caller of
/// <c>StartAsync</c> in the compilation) keeps the registration's evidence, and other evidence still decides.
/// </summary>
public class HostedServiceStartOnceTests
{
    private static readonly TestOptions AspNet = new() { AspNetCore = true };

    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        public sealed class PacingOptions
        {
            public int MaxSleepMinutes { get; set; } = 10;
        }

        """;

    private const string Setup = """

        public static class Setup
        {
            public static void Register(IServiceCollection services) => services.AddHostedService<DailyJob>();
        }
        """;

    [Fact]
    public Task AnOptionValueSteppedInStartAsyncIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private readonly PacingOptions _options;
                public DailyJob(PacingOptions options) { _options = options; }

                public async Task StartAsync(CancellationToken cancellationToken)
                {
                    if (_options.MaxSleepMinutes > 0)
                    {
                        int minutes = new Random().Next(1, ++_options.MaxSleepMinutes);
                        await Task.Delay(minutes, cancellationToken);
                    }
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AFieldSteppedInAnAwaitedPrivateHelperOfStartAsyncAndSetInTheConstructorIsNotReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private int _attempts;
                public DailyJob() { _attempts = 1; }

                public async Task StartAsync(CancellationToken cancellationToken)
                {
                    await SleepAsync(cancellationToken);
                    Count();
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                private async Task SleepAsync(CancellationToken cancellationToken)
                {
                    _attempts++;
                    await Task.Delay(_attempts, cancellationToken).ConfigureAwait(false);
                }

                private void Count() => _attempts += 2;
            }
            """ + Setup, AspNet);

    [Fact]
    public Task TheSameUpdateInAPublicMethodOfTheServiceIsReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private int _attempts;

                public Task StartAsync(CancellationToken cancellationToken) { {|TALLY005:_attempts++|}; return Task.CompletedTask; }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public void Retry() { {|TALLY005:_attempts++|}; }
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AHelperOfStartAsyncThatAPublicMethodAlsoCallsIsReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private int _attempts;

                public Task StartAsync(CancellationToken cancellationToken) { Step(); return Task.CompletedTask; }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public void Retry() => Step();

                private void Step() { {|TALLY005:_attempts++|}; }
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AWriterInStartAsyncBesideAWriterInStopAsyncIsReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private int _runs;

                public Task StartAsync(CancellationToken cancellationToken) { {|TALLY005:_runs++|}; return Task.CompletedTask; }

                public Task StopAsync(CancellationToken cancellationToken) { {|TALLY005:_runs--|}; return Task.CompletedTask; }
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AWriterInAnOverriddenStartAsyncBesideAWriterInExecuteAsyncIsReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : BackgroundService
            {
                private int _ticks;

                public override Task StartAsync(CancellationToken cancellationToken)
                {
                    {|TALLY003:_ticks++|};
                    return base.StartAsync(cancellationToken);
                }

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested) { {|TALLY003:_ticks++|}; await Task.Delay(1000, stoppingToken); }
                }
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AWriterInStartAsyncBesideATimerItStartsIsReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private Timer _timer;
                private int _ticks;

                public Task StartAsync(CancellationToken cancellationToken)
                {
                    {|TALLY003:_ticks++|};
                    _timer = new Timer(_ => Tick(), null, 0, 1000);
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken cancellationToken) { _timer.Dispose(); return Task.CompletedTask; }

                private void Tick() { {|TALLY003:_ticks++|}; }
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AHelperWhoseTaskStartAsyncAwaitsOnlyAfterItsOwnUpdateIsReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private int _steps;

                public async Task StartAsync(CancellationToken cancellationToken)
                {
                    var pending = StepLaterAsync(cancellationToken);
                    {|TALLY005:_steps++|};
                    await pending;
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                private async Task StepLaterAsync(CancellationToken cancellationToken)
                {
                    await Task.Delay(10, cancellationToken);
                    {|TALLY005:_steps++|};
                }
            }
            """ + Setup, AspNet);

    [Fact]
    public Task StartAsyncCalledByOtherCodeOfTheCompilationIsReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private int _starts;

                public Task StartAsync(CancellationToken cancellationToken) { {|TALLY005:_starts++|}; return Task.CompletedTask; }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class Restarter
            {
                private readonly DailyJob _job;
                public Restarter(DailyJob job) { _job = job; }
                public Task RestartAsync() => _job.StartAsync(CancellationToken.None);
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AWriterOfTheServicesFieldInAnotherTypeKeepsTheUpdateInStartAsyncReported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                public int Runs;

                public Task StartAsync(CancellationToken cancellationToken) { {|TALLY005:Runs++|}; return Task.CompletedTask; }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            public sealed class Dashboard
            {
                private readonly DailyJob _job;
                public Dashboard(DailyJob job) { _job = job; }
                public void Reset() => {|TALLY005:_job.Runs += 0|};
            }
            """ + Setup, AspNet);

    [Fact]
    public Task AServiceThatLocksForItsOtherStateStillDecidesAsBefore() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private readonly object _gate = new object();
                private int _pending;
                private int _starts;

                public Task StartAsync(CancellationToken cancellationToken)
                {
                    {|TALLY005:_starts++|};
                    lock (_gate) { _pending++; }
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

                public void Enqueue() { lock (_gate) { _pending++; } }
            }
            """ + Setup, AspNet);

    [Fact]
    public Task BrokenStartAsyncBodiesRaiseNoAnalyzerException() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DailyJob : IHostedService
            {
                private int _attempts;

                public Task StartAsync(CancellationToken cancellationToken) { Step(; _attempts++; return Task.CompletedTask; }

                public Task StopAsync(CancellationToken cancellationToken) => Missing();

                private void Step() { _attempts++; }
            }
            """ + Setup, new TestOptions { AspNetCore = true, AllowedCompilerDiagnostics = new[] { "CS1026", "CS1525", "CS0103" } });
}
