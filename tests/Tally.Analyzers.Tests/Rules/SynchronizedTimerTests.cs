using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A <c>System.Timers.Timer</c> whose <c>SynchronizingObject</c> is set raises <c>Elapsed</c> through that object
/// (<c>BeginInvoke</c> on a window): the handler runs on the window's thread, one run at a time, like the window's other
/// handlers. It is no concurrent entry (fresh24, iSpy's housekeeping timer: two certain warnings on counters only its
/// handler steps). Reported twins: a timer without it, one whose <c>SynchronizingObject</c> is set to <c>null</c>, one
/// whose other timer is the synchronised one, and a handler whose field a started task also writes.
/// </summary>
public class SynchronizedTimerTests
{
    private const string Window = """
        using System;
        using System.ComponentModel;

        public abstract class Window : ISynchronizeInvoke
        {
            public bool InvokeRequired => false;
            public IAsyncResult BeginInvoke(Delegate method, object?[]? args) => throw new NotSupportedException();
            public object? EndInvoke(IAsyncResult result) => null;
            public object? Invoke(Delegate method, object?[]? args) => method.DynamicInvoke(args);
        }
        """;

    private static TestOptions WithWindow => new TestOptions { AdditionalSources = new[] { Window } };

    [Fact]
    public Task HandlerOfATimerWhoseSynchronizingObjectIsSet_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Timer = System.Timers.Timer;

            public sealed class MainWindow : Window
            {
                private int _pings;
                private Timer? _houseKeeping;

                public void Load()
                {
                    _houseKeeping = new Timer(1000);
                    _houseKeeping.Elapsed += HouseKeepingElapsed;
                    _houseKeeping.SynchronizingObject = this;
                    _houseKeeping.Start();
                }

                private void HouseKeepingElapsed(object? sender, System.Timers.ElapsedEventArgs e)
                {
                    _pings++;
                    if (_pings >= 300)
                    {
                        _pings = 0;
                    }
                }
            }
            """, WithWindow);

    [Fact]
    public Task SynchronizingObjectSetInTheObjectInitializer_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Timer = System.Timers.Timer;

            public sealed class ProgressBar : Window
            {
                private Timer _tick;
                private int _value;
                private int _frames;

                public ProgressBar()
                {
                    _tick = new Timer(50) { SynchronizingObject = this };
                    _tick.Elapsed += (s, e) => _value += 5;
                    var local = new Timer(20) { SynchronizingObject = this };
                    local.Elapsed += (s, e) => _frames++;
                }
            }
            """, WithWindow);

    [Fact]
    public async Task StaticCounterOfASynchronizedHandler_IsOnlyInferred()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using Timer = System.Timers.Timer;

            public sealed class MainWindow : Window
            {
                private static int _storageChecks;
                private readonly Timer _timer = new Timer(1000);

                public void Load()
                {
                    _timer.Elapsed += (s, e) => _storageChecks++;
                    _timer.SynchronizingObject = this;
                    _timer.Start();
                }
            }
            """, WithWindow);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public Task TimerWithoutSynchronizingObject_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Timer = System.Timers.Timer;

            public sealed class MainWindow : Window
            {
                private int _pings;
                private readonly Timer _timer = new Timer(1000);

                public void Load()
                {
                    _timer.Elapsed += (s, e) => {|TALLY003:_pings++|};
                    _timer.Start();
                }
            }
            """, WithWindow);

    [Fact]
    public Task TimerWhoseSynchronizingObjectIsSetToNull_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Timer = System.Timers.Timer;

            public sealed class MainWindow : Window
            {
                private int _pings;
                private int _polls;
                private readonly Timer _timer = new Timer(1000);
                private readonly Timer _poll = new Timer(1000) { SynchronizingObject = null };

                public void Load()
                {
                    _timer.SynchronizingObject = this;
                    _timer.SynchronizingObject = null;
                    _timer.Elapsed += (s, e) => {|TALLY003:_pings++|};
                    _poll.Elapsed += (s, e) => {|TALLY003:_polls++|};
                }
            }
            """, WithWindow);

    [Fact]
    public Task TimerBesideTheSynchronizedOne_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using Timer = System.Timers.Timer;

            public sealed class MainWindow : Window
            {
                private int _pings;
                private readonly Timer _ui = new Timer(1000);
                private readonly Timer _background = new Timer(1000);

                public void Load()
                {
                    _ui.SynchronizingObject = this;
                    _background.Elapsed += (s, e) => {|TALLY003:_pings++|};
                }
            }
            """, WithWindow);

    [Fact]
    public Task SynchronizedHandlerWritingWhatAStartedTaskWrites_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Timer = System.Timers.Timer;

            public sealed class MainWindow : Window
            {
                private int _frames;
                private readonly Timer _timer = new Timer(1000);

                public void Load()
                {
                    _timer.SynchronizingObject = this;
                    _timer.Elapsed += (s, e) => {|TALLY003:_frames++|};
                    Task.Run(() => { while (true) { {|TALLY003:_frames++|}; } });
                }
            }
            """, WithWindow);
}
