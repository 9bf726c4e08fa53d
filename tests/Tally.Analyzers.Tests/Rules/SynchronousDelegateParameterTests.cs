using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A delegate handed to a method that only invokes it, at once, on the calling thread runs where <em>that</em> call
/// runs: the lambda a started task hands to the helper runs on the task's thread, the lambda an input handler hands to
/// the same helper runs where the handler does, not on the task's thread.
/// </summary>
public class SynchronousDelegateParameterTests
{
    private const string Helper = """
        using System;

        public static class Measured
        {
            public static void Run(Action action)
            {
                var started = DateTime.UtcNow;
                action();
                Last = DateTime.UtcNow - started;
            }

            public static TimeSpan Last { get; private set; }
        }
        """;

    private const string Source = """
        using System;
        using System.Threading.Tasks;

        public sealed class Window
        {
            public event Action<int> KeyDown;

            public void Poll(int key) => KeyDown?.Invoke(key);
        }

        public sealed class DeviceScanner
        {
            private static int s_scans;

            public void Enable() => Task.Run(() => Measured.Run(() => { s_scans++; }));
        }

        public sealed class KeyHandler
        {
            private static int s_keys;

            public KeyHandler(Window window) => window.KeyDown += OnKeyDown;

            private void OnKeyDown(int key) => Measured.Run(() => { s_keys++; });
        }
        """;

    [Fact]
    public async Task ALambdaAnInputHandlerHandsToTheHelper_IsNotReachedFromTheTaskThatCallsTheHelperToo()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Source, new TestOptions { AdditionalSources = new[] { Helper } });

        Assert.False(diagnostics.Any(d => d.GetMessage().Contains("s_keys") && d.GetMessage().Contains("Task.Run")), Listed(diagnostics));
    }

    [Fact]
    public async Task ALambdaTheStartedTaskHandsToTheHelper_IsReported()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Source, new TestOptions { AdditionalSources = new[] { Helper } });

        Assert.True(diagnostics.Any(d => d.Id == "TALLY003" && d.GetMessage().Contains("s_scans++") && d.GetMessage().Contains("Task.Run")), Listed(diagnostics));
    }

    private static string Listed(System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics)
        => string.Join("\n", diagnostics.Select(d => $"{d.Id} {(d.Properties.TryGetValue("Certainty", out var c) ? c : "-")}: {d.GetMessage()}"));
}
