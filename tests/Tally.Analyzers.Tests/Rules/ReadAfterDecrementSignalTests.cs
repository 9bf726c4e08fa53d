using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 and a countdown latch: a private count only ever stepped down with <c>Interlocked</c> after construction,
/// re-read and tested for zero to raise an idempotent signal (XDM's <c>CountdownLatch</c>, fresh23). Nothing lifts the
/// count, so the last decrementer reads zero and a second thread that reads zero only signals twice: inferred (the one
/// way to lose the signal is a count decremented past zero). An increment anywhere, another constant, an
/// <c>AutoResetEvent</c>, <c>SetResult</c>, a callback, a counter or any other statement in the branch stay certain.
/// </summary>
public class ReadAfterDecrementSignalTests
{
    private const string Latch = """
        using System.Threading;
        using System.Threading.Tasks;

        public class Latch
        {
            private readonly ManualResetEvent _done = new ManualResetEvent(false);
            private readonly AutoResetEvent _auto = new AutoResetEvent(false);
            private readonly ManualResetEventSlim _slim = new ManualResetEventSlim(false);
            private readonly CancellationTokenSource _cts = new CancellationTokenSource();
            private readonly TaskCompletionSource<int> _tcs = new TaskCompletionSource<int>();
            private readonly EventWaitHandle _handle = new EventWaitHandle(false, EventResetMode.AutoReset);
            private readonly CountdownEvent _countdown = new CountdownEvent(1);
            private int _remaining;
            private int _signals;

            public Latch(int count) { _remaining = count; }

            public void Signal()
            {
                Interlocked.Decrement(ref _remaining);
                if (_remaining == 0) _done.Set();
            }

            public void Wait() => _done.WaitOne();

            public void Extend() { }

            private void Done() { }
        }

        public class Fetcher
        {
            public void FetchAll(int parts)
            {
                var latch = new Latch(parts);
                for (int i = 0; i < parts; i++)
                {
                    new Thread(() => latch.Signal()).Start();
                }

                latch.Wait();
            }
        }
        """;

    private static async Task AssertCertaintyAsync(string source, string certainty)
        => CertaintyAssert.SingleOf("TALLY007", certainty, await Verify.GetDiagnosticsAsync(source, CertaintyAssert.InferredShown));

    [Fact]
    public Task ManualResetEventSetWhenTheDecrementedCountReadsZero_IsInferred() => AssertCertaintyAsync(Latch, "Inferred");

    [Fact]
    public Task SignalsAfterAnAddOfANegativeConstant_AreInferred() => AssertCertaintyAsync(Latch
        .Edit("Interlocked.Decrement(ref _remaining);", "Interlocked.Add(ref _remaining, -1);"), "Inferred");

    [Fact]
    public Task SlimEventCancellationAndTrySetInABlock_AreInferred() => AssertCertaintyAsync(Latch
        .Edit("if (_remaining == 0) _done.Set();", "if (0 == _remaining) { _slim.Set(); _cts?.Cancel(); _tcs.TrySetResult(1); }"), "Inferred");

    [Fact]
    public Task AnIncrementElsewhere_KeepsItCertain() => AssertCertaintyAsync(Latch
        .Edit("public void Extend() { }", "public void Extend() => Interlocked.Increment(ref _remaining);"), "Certain");

    [Fact]
    public Task APlainResetElsewhere_KeepsItCertain() => AssertCertaintyAsync(Latch
        .Edit("public void Extend() { }", "public void Extend() { _remaining = 5; }"), "Certain");

    [Fact]
    public Task AnIncrementStep_KeepsItCertain() => AssertCertaintyAsync(Latch
        .Edit("Interlocked.Decrement(ref _remaining);", "Interlocked.Add(ref _remaining, 2);"), "Certain");

    [Fact]
    public Task ATestAgainstAnotherValue_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("if (_remaining == 0)", "if (_remaining == 1)"), "Certain");

    [Fact]
    public Task AnAutoResetEventSet_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "_auto.Set();"), "Certain");

    [Fact]
    public Task SetResult_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "_tcs.SetResult(1);"), "Certain");

    [Fact]
    public Task ACallback_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "Done();"), "Certain");

    [Fact]
    public Task ACounterBesideTheSignal_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "{ _done.Set(); _signals++; }"), "Certain");

    [Fact]
    public Task AnElseBranch_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "_done.Set(); else Done();"), "Certain");

    [Fact]
    public Task TheCountPassedToTrySetResult_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "_tcs.TrySetResult(_remaining);"), "Certain");

    [Fact]
    public Task AnEventWaitHandleSet_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "_handle.Set();"), "Certain");

    [Fact]
    public Task ACountdownEventSignal_StaysCertain() => AssertCertaintyAsync(Latch
        .Edit("_done.Set();", "_countdown.Signal();"), "Certain");
}
