using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A start in a loop whose task each pass awaits before the next pass begins (<c>await Task.Run(work)</c>, through
/// <c>ConfigureAwait</c> or <c>WaitAsync</c> on the start's own token, or a local awaited later in the same block) runs
/// its delegate again only after the earlier run ended: the loop gives it no second concurrent instance (twelfth fresh
/// sample, family L: a peer's connection loop steps a captured handshake index inside the awaited start). Reported
/// twins: the same starts collected and awaited after the loop, not awaited, awaited on some paths only, waited for
/// with a timeout, and an update the awaited start shares with a second, independent start.
/// </summary>
public class AwaitedStartInLoopTests
{
    private static string Peer(string pass) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public class Peer
        {
            private static int Send(int attempt) => attempt;

            private static void Log(string text) { }

            public async Task RunAsync(CancellationToken token, CancellationToken other, bool quick)
            {
                var attempt = 0;
                var tasks = new List<Task>();
                while (!token.IsCancellationRequested)
                {
                    {{pass}}
                }

                await Task.WhenAll(tasks);
            }
        }
        """;

    [Theory]
    [InlineData("var id = await Task.Run(() => Send(++attempt), token).ConfigureAwait(false); if (id > 10) return;")]
    [InlineData("var id = await Task.Run(() => Send(++attempt), token).WaitAsync(token).ConfigureAwait(false); if (id > 10) return;")]
    [InlineData("await Task.Run(() => { Send(++attempt); });")]
    [InlineData("var sent = Task.Run(() => Send(++attempt)); Log(\"sent\"); var id = await sent.ConfigureAwait(false); if (id > 10) return;")]
    [InlineData("var sent = Task.Run(() => Send(++attempt)); sent.Wait();")]
    [InlineData("await Task.Factory.StartNew(() => Send(++attempt));")]
    [InlineData("await Task.Factory.StartNew(async () => { await Task.Yield(); Send(++attempt); }).Unwrap();")]
    public Task AStartEachPassAwaitsBeforeTheNext_IsNotReported(string pass)
        => Verify.VerifyAnalyzerAsync(Peer(pass));

    [Theory]
    [InlineData("tasks.Add(Task.Run(() => Send({|TALLY003:++attempt|})));")]
    [InlineData("_ = Task.Run(() => Send({|TALLY003:++attempt|}));")]
    [InlineData("var sent = Task.Run(() => Send({|TALLY003:++attempt|})); if (quick) await sent;")]
    [InlineData("var sent = Task.Run(() => Send({|TALLY003:++attempt|})); if (quick) continue; await sent;")]
    [InlineData("try { var sent = Task.Run(() => Send({|TALLY003:++attempt|})); Log(\"sent\"); await sent; } catch (InvalidOperationException) { }")]
    [InlineData("try { await Task.Run(() => Send({|TALLY003:++attempt|}), token).WaitAsync(TimeSpan.FromSeconds(1)); } catch (TimeoutException) { }")]
    [InlineData("await Task.Run(() => Send({|TALLY003:++attempt|}), other).WaitAsync(token);")]
    [InlineData("await Task.Factory.StartNew(async () => { await Task.Yield(); Send({|TALLY003:++attempt|}); });")]
    public Task AStartTheNextPassMayBeginBeforeItEnds_IsReported(string pass)
        => Verify.VerifyAnalyzerAsync(Peer(pass));

    [Fact]
    public Task ALocalTheAwaitedStartSharesWithAnIndependentStart_IsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public class Peer
        {
            private static int Send(int attempt) => attempt;

            public async Task RunAsync(CancellationToken token)
            {
                var attempt = 0;
                var keepAlive = Task.Run(() => Send({|TALLY003:++attempt|}));
                while (!token.IsCancellationRequested)
                {
                    await Task.Run(() => Send({|TALLY003:++attempt|}));
                }

                await keepAlive;
            }
        }
        """);

    private const string FieldSteppedInAnAwaitedStart = """
        using System.Threading;
        using System.Threading.Tasks;

        public class Peer
        {
            private int _handshakes;

            private int Handshake() => {|TALLY003:++_handshakes|};

            public async Task RunAsync(CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    var index = await Task.Run(() => Handshake(), token).ConfigureAwait(false);
                    if (index > 10) return;
                }
            }
        }
        """;

    [Fact]
    public async Task AFieldSteppedInAStartEachPassAwaits_IsNotCertain()
        => CertaintyAssert.AllInferred(await Verify.GetDiagnosticsAsync(FieldSteppedInAnAwaitedStart));

    [Fact]
    public Task AFieldSteppedInAStartEachPassAwaits_AndByAnIndependentStart_IsStillReported()
        => Verify.VerifyAnalyzerAsync(FieldSteppedInAnAwaitedStart.Replace(
            "public async Task RunAsync",
            "public void Start() => Task.Run(() => {|TALLY003:_handshakes++|});\n\n    public async Task RunAsync"));
}
