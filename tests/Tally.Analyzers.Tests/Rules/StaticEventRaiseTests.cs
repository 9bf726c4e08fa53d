using System.Linq;
using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A handler of a static event declared in source runs where the compilation raises the event: the raise calls it, as
/// for an instance event (TreeSummarizer.Events.cs). Before, every such handler was a start site of its own that overlaps
/// with itself, so a settings event raised from a property setter on the UI thread made its handlers concurrent (fresh21,
/// Hearthstone Deck Tracker's news bar: three false certain warnings). A static event nobody in the compilation raises
/// (raised by reflection or generated code) keeps that start site.
/// </summary>
public class StaticEventRaiseTests
{
    [Fact]
    public Task LambdaHandlerOfAStaticEventRaisedFromASetterOnTheCallersThread_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            public static class Settings
            {
                public static event Action? Changed;
                private static int s_level;

                public static int Level
                {
                    get => s_level;
                    set { s_level = value; Changed?.Invoke(); }
                }
            }

            public sealed class View
            {
                private int _refreshes;

                public View() => Settings.Changed += () => _refreshes++;

                public void Refresh() => _refreshes++;
            }
            """);

    [Fact]
    public async Task MethodGroupHandlerOfAStaticEventRaisedThroughALocalCopy_IsLeftToTheStaticFieldRule()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;

            public static class Settings
            {
                public static event EventHandler? Changed;

                public static void Save()
                {
                    var handler = Changed;
                    handler?.Invoke(null, EventArgs.Empty);
                }
            }

            public sealed class View
            {
                private static int s_redraws;

                public View() => Settings.Changed += OnChanged;

                public void Redraw() => s_redraws++;

                private void OnChanged(object? sender, EventArgs e) => s_redraws++;
            }
            """);

        Assert.All(diagnostics, diagnostic => Assert.Equal("TALLY004", diagnostic.Id)); // a static anyone may update, not code that runs concurrently
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task HandlerThatStartsAnAsyncLoopOnTheRaisersThread_IsNotReportedAsConcurrent()
    {
        // fresh21's news bar: the settings event starts a ticker loop that steps the line a button steps too, all on
        // the UI thread.
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Settings
            {
                public static event Action? IgnoreChanged;
                private static int s_ignoreId;

                public static int IgnoreId
                {
                    get => s_ignoreId;
                    set { s_ignoreId = value; IgnoreChanged?.Invoke(); }
                }
            }

            public sealed class NewsBar
            {
                private static bool s_updating;
                private static int s_currentLine;
                private readonly List<string> _items = new() { "a", "b" };

                public NewsBar()
                {
                    Settings.IgnoreChanged += () =>
                    {
                        if (Settings.IgnoreId == -1) Show();
                        else s_updating = false;
                    };
                }

                public void Previous()
                {
                    s_currentLine--;
                    if (s_currentLine < 0) s_currentLine = _items.Count - 1;
                }

                private void Show()
                {
                    if (!s_updating) Loop();
                }

                private async void Loop()
                {
                    s_updating = true;
                    while (s_updating)
                    {
                        await Task.Delay(10000);
                        s_currentLine++;
                        if (s_currentLine > _items.Count - 1) s_currentLine = 0;
                    }
                }
            }
            """);

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "TALLY003");
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task HandlerOfAStaticEventRaisedByTasksStartedInALoop_IsReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System;
            using System.Threading.Tasks;

            public static class Feed
            {
                public static event Action<int>? Received;

                public static void Start()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        var n = i;
                        Task.Run(() => Received?.Invoke(n));
                    }
                }
            }

            public sealed class Stats
            {
                private int _count;

                public Stats() => Feed.Received += OnReceived;

                private void OnReceived(int n) => _count += n;
            }
            """);

        Assert.Equal("TALLY003", Assert.Single(diagnostics).Id);
        Assert.Contains("Task.Run", diagnostics.Single().GetMessage(), System.StringComparison.Ordinal);
        CertaintyAssert.AllInferred(diagnostics); // which object's handler runs is not followed, as for an instance event
    }

    [Fact]
    public Task StaticCounterOfAHandlerRaisedFromTasksStartedInALoop_IsReportedWhereverItIsWritten() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            public static class Feed
            {
                public static event Action? Tick;

                public static void Pump() => Tick?.Invoke();
            }

            public sealed class Server
            {
                public void Serve()
                {
                    for (var i = 0; i < 4; i++)
                    {
                        Task.Run(() => Feed.Pump());
                    }
                }
            }

            public sealed class Stats
            {
                private static int s_ticks;

                public Stats() => Feed.Tick += () => {|TALLY003:s_ticks++|};

                public void Add() => {|TALLY003:s_ticks++|};
            }
            """);

    [Fact]
    public Task HandlerOfAStaticEventNobodyInTheCompilationRaises_IsStillReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;

            public static class Plugins
            {
                public static event Action? Loaded; // raised by the host, through reflection
            }

            public sealed class Stats
            {
                private int _loads;

                public Stats() => Plugins.Loaded += () => {|TALLY003:_loads++|};

                public void Reset() => {|TALLY003:_loads++|};
            }
            """);
}
