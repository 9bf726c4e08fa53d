using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// <c>Parallel.Invoke</c> given one action runs it once and returns when it ends: the action runs as its caller's
/// call, not as copies at once (fresh21, Aurora: a device loop started with <c>Parallel.Invoke(options, () =&gt;
/// Loop(token))</c> was a certain fan-out). Reported twins: two actions that write the same storage, and one action
/// inside code that itself fans out.
/// </summary>
public class ParallelInvokeOneActionTests
{
    [Fact]
    public Task OneActionCallingAHelper_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            public class Device
            {
                private int _slowFrames;

                public void Start(CancellationToken token)
                {
                    var options = new ParallelOptions { CancellationToken = token };
                    Parallel.Invoke(options, () => Loop(token));
                }

                private void Loop(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        _slowFrames++;
                    }
                }
            }
            """);

    [Fact]
    public Task OneActionUpdatingACapturedLocal_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public class Counter
            {
                public int Count(int[] items)
                {
                    var seen = 0;
                    Parallel.Invoke(new[] { () => { foreach (var item in items) { seen += item; } } });
                    return seen;
                }
            }
            """);

    [Fact]
    public Task TwoActionsWritingOneField_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public class Device
            {
                private int _frames;

                public void Start() => Parallel.Invoke(() => Step(), () => Step());

                private void Step() => {|TALLY003:_frames++|};
            }
            """);

    [Fact]
    public Task OneActionInsideAParallelForBody_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public class Device
            {
                public int Run(int n)
                {
                    var frames = 0;
                    Parallel.For(0, n, i => Parallel.Invoke(() => {|TALLY003:frames++|}));
                    return frames;
                }
            }
            """);
}
