using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A callback handed to a <c>Subscribe</c> method that only keeps it (adds it to a list of subscribers, <c>+=</c>'s it to a
/// delegate field or event, assigns it to a delegate field) runs where the kept delegates are invoked
/// (<c>foreach (var s in _subs) s(x)</c>, <c>_subs.ForEach(s =&gt; s(x))</c>, <c>_handlers?.Invoke(x)</c>), not in the code
/// that subscribes it (fresh25, G-Helper's audio-reactive light: a method group subscribed from a settings page's
/// <c>Task.Run</c> and invoked by the audio capture's data handler).
/// </summary>
public class SubscriberListTests
{
    private const string Header = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    /// <summary>A publisher whose one capture thread (started once) invokes what <c>Subscribe</c> keeps.</summary>
    private static string CaptureThread(string fields, string store, string remove, string invoke, string extra = "") => $$"""
        public sealed class Spectrum
        {
            public static readonly Spectrum Shared = new Spectrum();
            private readonly object _gate = new object();
            {{fields}}
            private Thread? _capture;

            public void Subscribe(Action<double[]> handler)
            {
                lock (_gate)
                {
                    {{store}}
                    if (_capture == null)
                    {
                        _capture = new Thread(CaptureLoop);
                        _capture.Start();
                    }
                }
            }

            public void Unsubscribe(Action<double[]> handler)
            {
                lock (_gate)
                {
                    {{remove}}
                }
            }

            private void CaptureLoop()
            {
                while (true)
                {
                    var bars = new double[] { 1 };
                    {{invoke}}
                }
            }
            {{extra}}
        }

        """;

    /// <summary>The subscriber: a light whose hue filter the callback steps; the settings page starts it with <c>Task.Run</c>.</summary>
    private static string Lights(string reset = "") => $$"""
        public static class Lights
        {
            private static double _hue;

            public static void StartAudio()
            {
                {{reset}}
                Spectrum.Shared.Subscribe(OnSpectrum);
            }

            public static void StopAudio() => Spectrum.Shared.Unsubscribe(OnSpectrum);

            private static void OnSpectrum(double[] bars)
            {
                _hue = _hue * 0.6 + bars[0] * 0.4;
            }
        }

        public sealed class SettingsPage
        {
            public void OnModeChanged() => Task.Run(() => Lights.StartAudio());
        }
        """;

    public static TheoryData<string, string, string, string> Lists => new()
    {
        // A list copied under the lock and invoked outside it.
        {
            "private readonly List<Action<double[]>> _subscribers = new List<Action<double[]>>();",
            "_subscribers.Add(handler);",
            "_subscribers.Remove(handler);",
            "Action<double[]>[] copy; lock (_gate) copy = _subscribers.ToArray(); foreach (var subscriber in copy) subscriber(bars);"
        },
        // G-Helper's shape: a set, and a snapshot array the capture handler walks.
        {
            "private readonly HashSet<Action<double[]>> _subscribers = new HashSet<Action<double[]>>(); private volatile Action<double[]>[] _snapshot = Array.Empty<Action<double[]>>();",
            "if (_subscribers.Contains(handler)) return; _subscribers.Add(handler); _snapshot = _subscribers.ToArray();",
            "if (!_subscribers.Remove(handler)) return; _snapshot = _subscribers.ToArray();",
            "foreach (var subscriber in _snapshot) { try { subscriber.Invoke(bars); } catch (Exception) { } }"
        },
        {
            "private readonly ConcurrentBag<Action<double[]>> _subscribers = new ConcurrentBag<Action<double[]>>();",
            "_subscribers.Add(handler);",
            "if (handler is null) throw new ArgumentNullException(nameof(handler));",
            "foreach (var subscriber in _subscribers) subscriber(bars);"
        },
        {
            "private readonly List<Action<double[]>> _subscribers = new List<Action<double[]>>();",
            "_subscribers.Add(handler);",
            "_subscribers.Remove(handler);",
            "lock (_gate) _subscribers.ForEach(subscriber => subscriber(bars));"
        },
        { "private Action<double[]>? _handlers;", "_handlers += handler;", "_handlers -= handler;", "_handlers?.Invoke(bars);" },
        { "private event Action<double[]>? Data;", "Data += handler;", "Data -= handler;", "Data?.Invoke(bars);" },
        { "private Action<double[]>? _handler;", "_handler = handler;", "if (_handler == handler) _handler = null;", "_handler?.Invoke(bars);" },
    };

    /// <summary>
    /// The callback runs on the one capture thread only: two runs of the settings page's <c>Task.Run</c> subscribe it,
    /// they do not run it. (Before, the method group handed to <c>Subscribe</c> counted as run by that <c>Task.Run</c>, and
    /// the step was reported as overlapping itself.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Lists))]
    public async Task ACallbackSubscribedFromTaskRunAndInvokedByOneCaptureThread_IsNotReported(string fields, string store, string remove, string invoke)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + CaptureThread(fields, store, remove, invoke) + Lights());

        Assert.Empty(diagnostics);
    }

    /// <summary>
    /// A reset in the subscribing code (run by the settings page's <c>Task.Run</c>) beside the callback's step on the
    /// capture thread is a pair the model does see: reported, with the capture thread as the step's context.
    /// </summary>
    [Theory]
    [MemberData(nameof(Lists))]
    public async Task AResetInTheSubscribingCodeBesideTheCallbacksStep_IsReported_AgainstTheCaptureThread(string fields, string store, string remove, string invoke)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + CaptureThread(fields, store, remove, invoke) + Lights("_hue = 0;"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Contains("'Spectrum.CaptureLoop'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("which runs 'SettingsPage.OnModeChanged'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>Subscribe</c> that also calls the callback at once with the current value runs it in the subscribing code: the
    /// settings page's <c>Task.Run</c> runs it, twice at once.
    /// </summary>
    [Fact]
    public async Task ASubscribeThatCallsTheCallbackAtOnce_StillRunsItInTheSubscribingCode()
    {
        var publisher = CaptureThread(
            "private readonly List<Action<double[]>> _subscribers = new List<Action<double[]>>(); private double[] _last = new double[] { 0 };",
            "_subscribers.Add(handler); handler(_last);",
            "_subscribers.Remove(handler);",
            "Action<double[]>[] copy; lock (_gate) copy = _subscribers.ToArray(); foreach (var subscriber in copy) subscriber(bars);");

        var diagnostics = await Verify.GetDiagnosticsAsync(Header + publisher + Lights());

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Contains("'SettingsPage.OnModeChanged'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A list that leaks (handed out by a property or a method) may be invoked by code the model does not follow: the
    /// subscribing code keeps running the callback, as before.
    /// </summary>
    [Theory]
    [InlineData("public IReadOnlyList<Action<double[]>> Subscribers => _subscribers;")]
    [InlineData("public void Replay(double[] bars) => Fanout.RunAll(_subscribers, bars);")]
    public async Task AListThatLeaks_StillRunsTheCallbackInTheSubscribingCode(string leak)
    {
        var publisher = CaptureThread(
            "private readonly List<Action<double[]>> _subscribers = new List<Action<double[]>>();",
            "_subscribers.Add(handler);",
            "_subscribers.Remove(handler);",
            "Action<double[]>[] copy; lock (_gate) copy = _subscribers.ToArray(); foreach (var subscriber in copy) subscriber(bars);",
            leak);
        const string Fanout = """

            public static class Fanout
            {
                public static void RunAll(List<Action<double[]>> handlers, double[] bars) { }
            }
            """;

        var diagnostics = await Verify.GetDiagnosticsAsync(Header + publisher + Lights() + Fanout);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Contains("'SettingsPage.OnModeChanged'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    private const string Counter = """
        public sealed class Counter
        {
            private static long s_seen;

            public Counter(Bus bus)
            {
                bus.Subscribe(OnItem);
            }

            private static void OnItem(int item)
            {
                s_seen++;
            }
        }

        public static class Program
        {
            public static void Main()
            {
                var bus = new Bus();
                _ = new Counter(bus);
                bus.PublishAll(new[] { 1, 2, 3 });
            }
        }
        """;

    /// <summary>
    /// The twin that must be reported: the list is invoked from <c>Parallel.ForEach</c> (or from a <c>Task.Run</c> per
    /// item), so the callback, subscribed once from a constructor, runs on many threads at once. Before, the
    /// <c>Task.Run</c> form counted as run by the constructor that subscribed it (a hidden TALLY004 by the static's own
    /// rule); the <c>Parallel.ForEach</c> form was found already, by the hand-off rule (a type that starts delegates).
    /// </summary>
    [Theory]
    [InlineData("public void PublishAll(int[] items) => Parallel.ForEach(items, item => { foreach (var handler in _handlers) handler(item); });")]
    [InlineData("public void PublishAll(int[] items) { foreach (var item in items) Task.Run(() => _handlers.ForEach(handler => handler(item))); }")]
    public async Task ACallbackInvokedFromParallelCode_IsReported(string publish)
    {
        var bus = $$"""
            public sealed class Bus
            {
                private readonly List<Action<int>> _handlers = new List<Action<int>>();

                public void Subscribe(Action<int> handler) => _handlers.Add(handler);

                {{publish}}
            }

            """;

        var diagnostics = await Verify.GetDiagnosticsAsync(Header + bus + Counter);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Contains("'s_seen'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>The same bus invoking its list from the one thread that calls <c>PublishAll</c>: nothing overlaps.</summary>
    [Fact]
    public async Task ACallbackInvokedFromOrdinaryCode_IsNotReported()
    {
        const string Bus = """
            public sealed class Bus
            {
                private readonly List<Action<int>> _handlers = new List<Action<int>>();

                public void Subscribe(Action<int> handler) => _handlers.Add(handler);

                public void PublishAll(int[] items) { foreach (var item in items) foreach (var handler in _handlers) handler(item); }
            }

            """;

        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Bus + Counter);

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);
        Assert.All(diagnostics, diagnostic => Assert.NotEqual("TALLY003", diagnostic.Id));
    }
}
