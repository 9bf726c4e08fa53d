using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A call of an async method of the compilation whose task nobody awaits (discarded, or kept in a local that is only
/// stored or continued) runs on by itself from its first await: in a loop, the started copies overlap with each other.
/// Fired once it stays an ordinary call.
/// </summary>
public class UnawaitedAsyncCallTests
{
    private const string Header = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private static string PollLoop(string fire) => Header + $$"""
        class Dispatcher
        {
            private int _failures;

            public async Task PollAsync(IEnumerable<string> due, CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    foreach (var job in due)
                    {
                        {{fire}}
                    }

                    await Task.Delay(1000, token);
                }
            }

            private async Task RunAsync(string job, CancellationToken token)
            {
                try { await Task.Delay(job.Length, token); }
                catch (Exception) { _failures++; }
            }
        }
        """;

    [Theory]
    [InlineData("_ = RunAsync(job, token);")]
    [InlineData("RunAsync(job, token);")]
    public async Task UpdateAfterTheAwaitOfAnAsyncMethodFiredInALoopWithoutAwait_IsCertain_AndAWarning(string fire)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(PollLoop(fire));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Equal("Certain", diagnostic.Properties["Certainty"]);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Theory]
    [InlineData("await RunAsync(job, token);")]
    [InlineData("var run = RunAsync(job, token); await run;")]
    [InlineData("var run = RunAsync(job, token); run.Wait();")]
    [InlineData("var run = RunAsync(job, token); await Task.WhenAny(run, Task.Delay(10));")]
    public async Task TheSameLoopAwaitingEachRun_IsSilent(string fire)
    {
        Assert.Empty(await Verify.GetDiagnosticsAsync(PollLoop(fire)));
    }

    [Fact]
    public async Task AnAsyncMethodWithoutAnAwaitFiredInALoop_IsSilent_ItRunsOnTheCallersThread()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            class Dispatcher
            {
                private int _failures;

                public void Poll(IEnumerable<string> due)
                {
                    foreach (var job in due) { _ = RunAsync(job); }
                }

            #pragma warning disable CS1998
                private async Task RunAsync(string job)
                {
                    if (job.Length == 0) { _failures++; }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task AnAsyncMethodWhoseOnlySuspensionIsADeconstructingAwaitForeach_FiredInALoop_Reported()
    {
        // Its first pass of the loop suspends like an await: the fired copies run on by themselves and overlap.
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            class Importer
            {
                private int _skipped;

                public void ImportAll(IEnumerable<IAsyncEnumerable<(string Name, int Size)>> batches)
                {
                    foreach (var batch in batches) { _ = ImportAsync(batch); }
                }

                private async Task ImportAsync(IAsyncEnumerable<(string Name, int Size)> batch)
                {
                    await foreach (var (name, size) in batch)
                    {
                        if (size > name.Length) { _skipped++; }
                    }
                }
            }
            """);

        Assert.Equal("TALLY003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task AnAsyncMethodFiredOnceWithNoOtherWriter_IsSilent()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            class Warmup
            {
                private int _loaded;

                public void Start() { _ = LoadAsync(); }

                private async Task LoadAsync()
                {
                    await Task.Delay(10);
                    _loaded++;
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task AConnectionThatRestartsItsOwnReadAtTheEndOfARequest_IsSilent()
    {
        // Fired once, not in a loop: the next read starts only when the request before it is done, and each accepted
        // socket gets a connection of its own.
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            class Connection
            {
                private readonly System.IO.Stream _stream;
                private readonly byte[] _buffer = new byte[512];
                private int _position;
                public Connection(System.IO.Stream stream) { _stream = stream; }
                public int Requests { get; private set; }

                public async Task ReadRequestAsync()
                {
                    var read = await _stream.ReadAsync(_buffer, 0, _buffer.Length);
                    _position += read;
                    if (read > 0) { Finish(); }
                }

                private void Finish()
                {
                    Requests++;
                    _position = 0;
                    _ = ReadRequestAsync();
                }
            }

            class Listener
            {
                private readonly ConcurrentDictionary<Connection, byte> _open = new ConcurrentDictionary<Connection, byte>();

                public void Accepted(IEnumerable<System.IO.Stream> streams)
                {
                    foreach (var stream in streams)
                    {
                        var connection = new Connection(stream);
                        _open[connection] = 0;
                        _ = connection.ReadRequestAsync();
                    }
                }
            }
            """);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task AnAsyncMethodFiredFromAPeriodicTimerCallback_OverlapsWithItself_Reported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            class Refresher
            {
                private Timer _timer;
                private int _refreshes;

                public Refresher() { _timer = new Timer(_ => { _ = RefreshAsync(); }, null, 0, 1000); }

                private async Task RefreshAsync()
                {
                    await Task.Delay(10);
                    _refreshes++;
                }
            }
            """);

        Assert.Equal("TALLY003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task RunsOfOneTriggerFiredUnawaitedAndKeptInASet_CountErrorsOnTheTrigger_Reported()
    {
        // The shape of a job scheduler: due triggers fire in a loop, each run's task is only kept in a set of running
        // tasks and removed when done, and a failing run counts an error on its trigger.
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            class Trigger
            {
                public int Errors { get; private set; }
                public void CountError() { Errors++; }
            }

            class JobHost
            {
                private readonly ConcurrentDictionary<Task, byte> _running = new ConcurrentDictionary<Task, byte>();

                public async Task LoopAsync(Func<IEnumerable<Trigger>> due, CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        foreach (var trigger in due())
                        {
                            var run = FireAsync(trigger, token);
                            _running.TryAdd(run, 0);
                            _ = run.ContinueWith(t => _running.TryRemove(t, out _), TaskContinuationOptions.ExecuteSynchronously);
                        }

                        await Task.Delay(1000, token);
                    }
                }

                private async Task FireAsync(Trigger trigger, CancellationToken token)
                {
                    try { await Task.Delay(100, token); }
                    catch (Exception) { trigger.CountError(); }
                }
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains("Errors", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
