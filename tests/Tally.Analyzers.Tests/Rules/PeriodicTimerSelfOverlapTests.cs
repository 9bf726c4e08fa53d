using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// One periodic timer's handler paired with itself (a laptop tool's debounce counters, written only by the Elapsed
/// handler of one 300 ms auto-reset <c>System.Timers.Timer</c>): two runs of the handler overlap only when a run outlasts
/// the period. The timer's documentation allows it, so the finding stays, but the code does not declare it: inferred.
/// Another concurrent writer beside the timer (a thread, a second timer, a <c>Task.Run</c> loop) keeps it certain.
/// </summary>
public class PeriodicTimerSelfOverlapTests
{
    [Fact]
    public Task CounterWrittenOnlyByOneAutoResetTimersTimerHandler_IsInferred()
        => AssertCertaintyAsync("""
            using System.Timers;

            public sealed class Governor
            {
                private static Timer s_timer = default!;
                private static int s_upCount;

                public Governor()
                {
                    if (s_timer is null)
                    {
                        s_timer = new Timer(300);
                        s_timer.Elapsed += OnElapsed;
                    }
                }

                private void OnElapsed(object? sender, ElapsedEventArgs e)
                {
                    if (Load() > 0.9f) {|TALLY003:s_upCount++|};
                    else s_upCount = 0;
                }

                private static float Load() => 0.7f;
            }
            """, "Inferred");

    [Fact]
    public Task CounterWrittenOnlyByOneThreadingTimerCallbackWithAPeriod_IsInferred()
        => AssertCertaintyAsync("""
            using System.Threading;

            public static class Sampler
            {
                private static Timer? s_timer;
                private static int s_ticks;

                public static void Start() => s_timer ??= new Timer(_ => Tick(), null, 0, 1000);

                private static void Tick()
                {
                    {|TALLY003:s_ticks++|};
                }
            }
            """, "Inferred");

    [Fact]
    public Task TimerHandlerBesideAThreadsWrite_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading;
            using System.Timers;

            public sealed class Governor
            {
                private static System.Timers.Timer s_timer = default!;
                private static int s_upCount;

                public Governor()
                {
                    if (s_timer is null)
                    {
                        s_timer = new System.Timers.Timer(300);
                        s_timer.Elapsed += OnElapsed;
                        new Thread(Poll).Start();
                    }
                }

                private void OnElapsed(object? sender, ElapsedEventArgs e)
                {
                    {|TALLY003:s_upCount++|};
                }

                private void Poll()
                {
                    while (true) { {|TALLY003:s_upCount++|}; }
                }
            }
            """, "Certain");

    [Fact]
    public Task TwoTimersStepOneCounter_IsCertain()
        => AssertCertaintyAsync("""
            using System.Timers;

            public sealed class Governor
            {
                private static Timer s_fast = default!;
                private static Timer s_slow = default!;
                private static int s_ticks;

                public Governor()
                {
                    if (s_fast is null)
                    {
                        s_fast = new Timer(300);
                        s_fast.Elapsed += OnFast;
                        s_slow = new Timer(1000);
                        s_slow.Elapsed += OnSlow;
                    }
                }

                private void OnFast(object? sender, ElapsedEventArgs e) { {|TALLY003:s_ticks++|}; }

                private void OnSlow(object? sender, ElapsedEventArgs e) { {|TALLY003:s_ticks++|}; }
            }
            """, "Certain");

    [Fact]
    public Task TimerHandlerBesideATaskRunLoop_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading.Tasks;
            using System.Timers;

            public sealed class Governor
            {
                private static Timer s_timer = default!;
                private static int s_ticks;

                public Governor()
                {
                    if (s_timer is null)
                    {
                        s_timer = new Timer(300);
                        s_timer.Elapsed += OnElapsed;
                        Task.Run(async () => { while (true) { {|TALLY003:s_ticks++|}; await Task.Delay(10); } });
                    }
                }

                private void OnElapsed(object? sender, ElapsedEventArgs e) { {|TALLY003:s_ticks++|}; }
            }
            """, "Certain");

    [Fact]
    public Task TimerHandlerBesideAHelperTheTimerAndAThreadBothCall_IsCertain()
        => AssertCertaintyAsync("""
            using System.Threading;
            using System.Timers;

            public sealed class Governor
            {
                private static System.Timers.Timer s_timer = default!;
                private static int s_ticks;

                public Governor()
                {
                    if (s_timer is null)
                    {
                        s_timer = new System.Timers.Timer(300);
                        s_timer.Elapsed += OnElapsed;
                        new Thread(() => { while (true) { Step(); } }).Start();
                    }
                }

                private void OnElapsed(object? sender, ElapsedEventArgs e)
                {
                    {|TALLY003:s_ticks++|};
                    Step();
                }

                private static void Step() { {|TALLY003:s_ticks++|}; }
            }
            """, "Certain");

    [Fact]
    public Task TimerHandlerAlsoCalledFromOrdinaryCode_IsCertain()
        => AssertCertaintyAsync("""
            using System.Timers;

            public sealed class Overlay
            {
                private readonly Timer _timer = new Timer(1000);

                public Overlay() => _timer.Elapsed += (_, _) => Tick();

                public void Show()
                {
                    Tick();
                    _timer.Start();
                }

                private void Tick() => Sensors.Read();
            }

            public static class Sensors
            {
                private static int s_nullTicks;

                public static void Read()
                {
                    if ({|TALLY003:++s_nullTicks|} >= 5) s_nullTicks = 0;
                }
            }
            """, "Certain");

    /// <summary>The marked findings are reported (markup), each with <paramref name="certainty"/>.</summary>
    private static async Task AssertCertaintyAsync(string markup, string certainty)
    {
        await Verify.VerifyAnalyzerAsync(markup);

        var parsed = MarkupParser.Parse(markup);
        var spans = parsed.Spans.Select(s => s.Span).ToHashSet();
        var marked = (await Verify.GetDiagnosticsAsync(parsed.Text)).Where(d => spans.Contains(d.Location.SourceSpan)).ToList();
        Assert.Equal(spans.Count, marked.Count);
        Assert.All(marked, d => Assert.Equal(certainty, d.Properties["Certainty"]));
    }
}
