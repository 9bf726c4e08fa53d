using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A static written from ordinary calls only is inferred, unless the update's own function says its callers overlap
/// without excluding them from the static: a lock on one instance's own object around the update (callers of two
/// instances hold two locks), or a static manual-reset gate the function both waits on and resets. Then the finding
/// is certain (a warning). A lock a caller takes, a wait with no reset, a singleton's lock, or no synchronisation at
/// all leave it inferred (hidden by default).
/// </summary>
public class StaticDeclaredOverlapCertaintyTests
{
    [Fact]
    public async Task StaticCounterInsideALockOnThis_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class TicketStore
            {
                private static long s_ticket;

                public string NextTicket()
                {
                    lock (this)
                    {
                        return "t" + s_ticket++;
                    }
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task StaticCounterInsideALockOnAnInstanceField_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class ConnectionPool
            {
                private readonly object _sync = new object();
                private static int s_opened;

                public void Open()
                {
                    lock (_sync)
                    {
                        s_opened += 1;
                    }
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task StaticCounterInsideALockOnThisOfASingleton_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class TicketStore
            {
                public static readonly TicketStore Instance = new TicketStore();
                private static long s_ticket;

                private TicketStore() { }

                public string NextTicket()
                {
                    lock (this)
                    {
                        return "t" + s_ticket++;
                    }
                }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task StaticCounterInAHelperWhoseCallerLocksThis_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class TicketStore
            {
                private static long s_ticket;

                public string NextTicket()
                {
                    lock (this)
                    {
                        return Next();
                    }
                }

                private static string Next() => "t" + s_ticket++;
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task StaticNameCounterWithNoSynchronisation_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public class Widget
            {
                private static int s_made;

                public Widget()
                {
                    Name = "widget" + s_made++;
                }

                public string Name { get; }
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Inferred", DiagnosticSeverity.Hidden);
    }

    [Fact]
    public async Task StaticFailureCountBesideAGateTheMethodWaitsOnAndResets_IsACertainWarning()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            internal static class TypeCache
            {
                private static readonly ManualResetEventSlim s_loading = new ManualResetEventSlim(true);
                private static readonly ConcurrentDictionary<string, object> s_types = new ConcurrentDictionary<string, object>();
                private static int s_failed;

                public static object Find(string name)
                {
                    if (s_types.TryGetValue(name, out var found))
                    {
                        return found;
                    }

                    s_loading.Wait();
                    if (s_failed > 10)
                    {
                        return null;
                    }

                    s_loading.Reset();
                    try
                    {
                        Load();
                    }
                    catch (System.Exception)
                    {
                        s_failed++;
                    }
                    finally
                    {
                        s_loading.Set();
                    }

                    s_types.TryGetValue(name, out found);
                    return found;
                }

                private static void Load() => s_types.TryAdd("x", new object());
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Certain", DiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task StaticCountBeforeWaitingForAnotherThreadsSignal_StaysInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Threading;

            public static class Startup
            {
                private static readonly ManualResetEventSlim s_ready = new ManualResetEventSlim(false);
                private static int s_waiters;

                public static void AwaitReady()
                {
                    s_waiters++;
                    s_ready.Wait();
                }

                public static void SignalReady() => s_ready.Set();
            }
            """);

        AssertFinding(Assert.Single(diagnostics), "Inferred", DiagnosticSeverity.Hidden);
    }

    private static void AssertFinding(Diagnostic diagnostic, string certainty, DiagnosticSeverity severity)
    {
        Assert.Equal("TALLY004", diagnostic.Id);
        Assert.True(diagnostic.Properties.TryGetValue("Certainty", out var actual), "no Certainty property on " + diagnostic);
        Assert.Equal(certainty, actual);
        Assert.Equal(severity, diagnostic.Severity);
    }
}
