using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 for a re-read the object stores or decides on: certain only when the concurrency model sees the step
/// overlap (a start that runs it beside ordinary calls, or two started writers), else inferred; the Interlocked call
/// alone does not say that its callers run at once (linq2db's stack guard, fresh15: a hop count stepped with
/// Interlocked for visibility while one visitor's recursion moves between threads, one thread at a time). A re-read
/// returned to the caller (an id) stays certain on the Interlocked call alone. Every finding stays reported.
/// </summary>
public class ReReadKeptWithoutOverlapTests
{
    private const string Moves = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Mover
        {
            private int _chain;
            private int _stopped;
            private int _refs = 1;

            public void StopChains()
            {
                Interlocked.Increment(ref _chain);
                _stopped = {|TALLY007:_chain|};
            }

            public bool Moving => _chain > _stopped;

            public void Release(Action free)
            {
                Interlocked.Decrement(ref _refs);
                if ({|TALLY007:_refs|} == 0)
                {
                    free();
                }
            }

            public int NextChain()
            {
                Interlocked.Increment(ref _chain);
                return {|TALLY007:_chain|};
            }
            /*MORE*/
        }
        """;

    /// <summary>The linq2db shape: a hop counted, the rest of the work started on a pool thread and waited for at once.</summary>
    private const string HopGuard = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class HopGuard
        {
            private int _hops;
            private readonly int _maxHops = 4;

            public T RunOnFreshStack<T>(Func<T> work)
            {
                Interlocked.Increment(ref _hops);
                if ({|TALLY007:_hops|} > _maxHops)
                {
                    throw new InsufficientExecutionStackException();
                }

                try
                {
                    var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
                    ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
                    return task.GetAwaiter().GetResult();
                }
                finally
                {
                    Interlocked.Decrement(ref _hops);
                }
            }
        }
        """;

    /// <summary>The Cachalot shape: a static id stepped in a constructor and kept in a field.</summary>
    private const string Ids = """
        using System.Threading;

        public sealed class GuardedLock
        {
            private static int s_lastId;
            private readonly int _id;

            public GuardedLock()
            {
                Interlocked.Increment(ref s_lastId);
                _id = {|TALLY007:s_lastId|};
            }

            public override string ToString() => "lock " + _id;
        }
        """;

    [Fact]
    public Task AStepStoredWithNoConcurrentCodeInSight_IsInferred()
        => AssertAsync(Moves, "_stopped =", "Inferred");

    [Fact]
    public Task AStepDecidedOnWithNoConcurrentCodeInSight_IsInferred()
        => AssertAsync(Moves, "if (", "Inferred");

    [Fact]
    public Task AStepReturnedWithNoConcurrentCodeInSight_StaysCertain()
        => AssertAsync(Moves, "return ", "Certain");

    [Fact]
    public Task TheSameStoreInMethodsAThreadAlsoRuns_IsCertain()
        => AssertAsync(Moves.Replace("/*MORE*/", "public void StopLater() => Task.Run(StopChains);"), "_stopped =", "Certain");

    [Fact]
    public Task TheSameDecisionInMethodsAThreadAlsoRuns_IsCertain()
        => AssertAsync(Moves.Replace("/*MORE*/", "public void ReleaseLater(Action free) => Task.Run(() => Release(free));"), "if (", "Certain");

    [Fact]
    public Task AHopCountCheckedBeforeAStartWaitedForAtOnce_IsInferred()
        => AssertAsync(HopGuard, "if (", "Inferred");

    [Fact]
    public Task AStaticIdStepStoredInAConstructor_IsInferred()
        => AssertAsync(Ids, "_id =", "Inferred");

    /// <summary>
    /// Every marked finding is reported (at any severity), and the one on the line that contains
    /// <paramref name="lineText"/> has <paramref name="certainty"/>: Warning when certain, hidden when inferred.
    /// </summary>
    private static async Task AssertAsync(string markup, string lineText, string certainty)
    {
        await Verify.VerifyAnalyzerAsync(markup);

        var source = MarkupParser.Parse(markup).Text;
        var diagnostics = await Verify.GetDiagnosticsAsync(source);
        var finding = Assert.Single(diagnostics.Where(d => d.Id == "TALLY007" && LineOf(d).Contains(lineText, System.StringComparison.Ordinal)));
        Assert.Equal(certainty, finding.Properties["Certainty"]);
        Assert.Equal(certainty == "Certain" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Hidden, finding.Severity);
    }

    private static string LineOf(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return diagnostic.Location.SourceTree!.GetText().Lines[span.StartLinePosition.Line].ToString();
    }
}
