using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 and a re-read tested for zero right after <c>Interlocked.Increment</c>: the step's own result is zero only
/// when the count was -1, so the test most likely asks whether other threads have already brought a pending count back
/// to zero (this thread's own operation included). Still reported, but inferred; the same test after a
/// <c>Decrement</c> (the last release), any other constant, and a zero test beside another certain use stay certain
/// (the step also runs on a pool thread, <c>SendLater</c>, the overlap a decision needs: <see cref="ReReadKeptWithoutOverlapTests"/>).
/// </summary>
public class ReadAfterIncrementZeroTestTests
{
    private const string Writer = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Writer
        {
            private readonly TaskCompletionSource<bool> _drained = new TaskCompletionSource<bool>();
            private int _pending;

            public Task? Send(Func<Action, bool> startIo)
            {
                if (startIo(OnCompleted))
                {
                    Interlocked.Increment(ref _pending);
                    if (_pending == 0)
                    {
                        return null;
                    }
                }

                return _drained.Task;
            }

            public void SendLater(Func<Action, bool> startIo) => Task.Run(() => Send(startIo));

            private void OnCompleted()
            {
                if (Interlocked.Decrement(ref _pending) == 0)
                {
                    _drained.TrySetResult(true);
                }
            }
        }
        """;

    private static async Task AssertCertaintyAsync(string source, string certainty)
        => CertaintyAssert.SingleOf("TALLY007", certainty, await Verify.GetDiagnosticsAsync(source, CertaintyAssert.InferredShown));

    [Fact]
    public Task PendingCountTestedForZeroAfterIncrement_IsInferred() => AssertCertaintyAsync(Writer, "Inferred");

    [Fact]
    public Task PendingCountTestedForNonZeroAfterIncrement_IsInferred() => AssertCertaintyAsync(Writer
        .Edit("if (_pending == 0)", "if (0 != _pending)"), "Inferred");

    [Fact]
    public Task CountTestedForZeroAfterDecrement_IsCertain() => AssertCertaintyAsync(Writer
        .Edit("Interlocked.Increment(ref _pending);\n            if (_pending == 0)", "Interlocked.Decrement(ref _pending);\n            if (_pending == 0)"), "Certain");

    [Fact]
    public Task CountTestedForOneAfterIncrement_IsCertain() => AssertCertaintyAsync(Writer
        .Edit("if (_pending == 0)", "if (_pending == 1)"), "Certain");

    [Fact]
    public Task ZeroTestBesideAReturnedReRead_IsCertain() => AssertCertaintyAsync(Writer
        .Edit("return null;", "return Task.FromResult(_pending > 0);"), "Certain");
}
