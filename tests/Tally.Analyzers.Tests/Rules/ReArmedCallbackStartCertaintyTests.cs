using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The state at branch certain3 (docs/real-code-evidence.md, "Why hist2's I1 and I2 bugs stay inferred"), and since
/// branch rearm: an unawaited start in a method that an accept callback reaches, where the callback arms the next accept
/// itself (<c>BeginAccept(OnAccepted)</c>, and at the end of <c>OnAccepted</c> again), is certain: each completion starts
/// another copy while the earlier ones run (ReArmedAcceptStartTests). A hand-off from ordinary calls to a started loop
/// through a concurrent queue of the instance is certain since branch producer (a producer of a started consumer,
/// ProducerOfStartedConsumerTests), with or without the semaphore the loop waits on.
/// </summary>
public class ReArmedCallbackStartCertaintyTests
{
    [Fact]
    public async Task CounterOfAcceptedPeersBumpedInAStartPerAcceptAndDroppedByTheReader_IsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Net.Sockets;
            using System.Threading.Tasks;

            public class PeerListener
            {
                private readonly TcpListener _listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
                private int _peers;

                public void Start()
                {
                    _listener.Start();
                    ArmAccept();
                }

                public int Peers => _peers;

                private void ArmAccept() => _listener.BeginAcceptTcpClient(new AsyncCallback(OnAccepted), null);

                private void OnAccepted(IAsyncResult result)
                {
                    var peer = _listener.EndAcceptTcpClient(result);
                    Admit(peer);
                    ArmAccept();
                }

                private void Admit(TcpClient peer)
                {
                    Task.Run(() =>
                    {
                        _peers++;
                        Task.Run(async () => await ReadUntilClosed(peer));
                    });
                }

                private async Task ReadUntilClosed(TcpClient peer)
                {
                    try
                    {
                        await Task.Delay(10);
                    }
                    finally
                    {
                        _peers--;
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("Certain", d.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        });
    }

    [Fact]
    public async Task PendingCountRaisedByAPublicPostAndLoweredByTheStartedPollingDrainLoop_IsCertainOnBothSides()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            public class Inbox
            {
                private readonly ConcurrentQueue<string> _items = new ConcurrentQueue<string>();
                private int _pending;

                public Inbox()
                {
                    Task.Run(DrainAsync);
                }

                public int Pending => _pending;

                public void Post(string item)
                {
                    _pending++;
                    _items.Enqueue(item);
                }

                private async Task DrainAsync()
                {
                    while (true)
                    {
                        await Task.Delay(10);
                        while (_items.TryDequeue(out var item))
                        {
                            _pending--;
                        }
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic =>
        {
            Assert.Equal("Certain", diagnostic.Properties["Certainty"]);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        });
    }

    [Fact]
    public async Task PendingCountLoweredByADrainLoopThatWaitsOnTheInstancesSemaphore_IsCertainThereAndInThePost()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            public class Inbox
            {
                private readonly ConcurrentQueue<string> _items = new ConcurrentQueue<string>();
                private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
                private int _pending;

                public Inbox()
                {
                    Task.Run(DrainAsync);
                }

                public int Pending => _pending;

                public void Post(string item)
                {
                    _pending++;
                    _items.Enqueue(item);
                    _signal.Release();
                }

                private async Task DrainAsync()
                {
                    while (true)
                    {
                        await _signal.WaitAsync();
                        while (_items.TryDequeue(out var item))
                        {
                            _pending--;
                        }
                    }
                }
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        var drain = Assert.Single(diagnostics, d => d.GetMessage().Contains("'_pending--'"));
        var post = Assert.Single(diagnostics, d => d.GetMessage().Contains("'_pending++'"));
        Assert.Equal("Certain", drain.Properties["Certainty"]);
        Assert.Equal(DiagnosticSeverity.Warning, drain.Severity);
        Assert.Equal("Certain", post.Properties["Certainty"]);
        Assert.Equal(DiagnosticSeverity.Warning, post.Severity);
    }
}
