using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A method that blocks on its own instance's semaphore is written to be entered while another caller holds it, so an
/// unguarded update beside that wait overlaps by the code's own declaration: TALLY005 is certain there (a warning).
/// A lock, Interlocked, or a semaphore used only elsewhere in the type stays inferred evidence (hidden by default).
/// </summary>
public class SemaphoreWaitCertaintyTests
{
    [Fact]
    public async Task CounterRaisedBeforeWaitingOnTheInstancesSemaphore_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Turnstile
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _queued;
                public void Enter()
                {
                    _queued++;
                    _gate.Wait();
                }
                public void Leave() { _gate.Release(); }
                public bool Busy => _queued > 0;
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task CounterRaisedBeforeAwaitingTheInstancesSemaphore_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public class AsyncTurnstile
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _queued;
                public async Task EnterAsync()
                {
                    _queued++;
                    await _gate.WaitAsync();
                }
                public void Leave() { _gate.Release(); }
                public bool Busy => _queued > 0;
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task CounterRaisedBesideALockOnTheInstancesGate_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class Ledger
            {
                private readonly object _gate = new object();
                private readonly System.Collections.Generic.List<int> _entries = new System.Collections.Generic.List<int>();
                private int _posted;
                public void Post(int amount)
                {
                    _posted++;
                    lock (_gate) { _entries.Add(amount); }
                }
                public int Posted => _posted;
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task CounterLoweredWhereTheSemaphoreIsOnlyReleased_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public class Turnstile
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _queued;
                public void Enter() { _gate.Wait(); }
                public void Leave()
                {
                    _queued--;
                    _gate.Release();
                }
                public bool Busy => _queued > 0;
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Inferred", DiagnosticSeverity.Hidden);
    }

    private static void AssertFinding(Diagnostic diagnostic, string certainty, DiagnosticSeverity severity)
    {
        Assert.Equal("TALLY005", diagnostic.Id);
        Assert.True(diagnostic.Properties.TryGetValue("Certainty", out var actual), "no Certainty property on " + diagnostic);
        Assert.Equal(certainty, actual);
        Assert.Equal(severity, diagnostic.Severity);
    }
}
