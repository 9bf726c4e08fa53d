using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 in a method with no lock of its own whose every caller holds one exclusive gate that every other writer
/// of the field holds too (OPC UA's diagnostics node manager, fresh12): a base class's public methods take a
/// <c>SemaphoreSlim(1, 1)</c> and call protected virtual hooks inside it, and the derived class's hooks step a count
/// with <c>Interlocked</c> and re-read it. No other step can come between the call and the re-read, so the Interlocked
/// calls are redundant, not misused. A writer outside the gate, a gate with several permits, two different gates, a
/// public hook, or an <c>await</c> before the step in the hook keep the report.
/// </summary>
public class ReadAfterInterlockedUnderCallersGateTests
{
    private const string Watched = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public abstract class ItemManager
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private readonly SemaphoreSlim _other = new SemaphoreSlim(1, 1);

            public async Task AddAsync(string item)
            {
                await _gate.WaitAsync().ConfigureAwait(false);
                try { OnAdded(item); }
                finally { _gate.Release(); }
            }

            public async Task RemoveAsync(string item)
            {
                await _gate.WaitAsync().ConfigureAwait(false);
                try { OnRemoved(item); }
                finally { _gate.Release(); }
            }

            protected virtual void OnAdded(string item)
            {
            }

            protected virtual void OnRemoved(string item)
            {
            }
        }

        public sealed class WatchedItems : ItemManager
        {
            private int _watched;
            private Timer? _scan;

            protected override void OnAdded(string item)
            {
                Interlocked.Increment(ref _watched);
                _scan ??= new Timer(Scan, null, 1000, 1000);
            }

            protected override void OnRemoved(string item)
            {
                Interlocked.Decrement(ref _watched);
                if (_watched == 0 && _scan != null)
                {
                    _scan.Dispose();
                    _scan = null;
                }
            }

            private void Scan(object? state)
            {
                if (_watched > 0)
                {
                    Console.WriteLine("scan");
                }
            }
        }
        """;

    private const string Reported = "if ({|TALLY007:_watched|} == 0 && _scan != null)";

    [Fact]
    public Task HookCalledOnlyUnderTheBaseClassGate_IsNotReported() => Verify.VerifyAnalyzerAsync(Watched);

    [Fact]
    public Task HookCalledThroughAnAwaitedVirtualStepInsideTheGate_IsNotReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);", "protected SemaphoreSlim _gate = new(1, 1);")
        .Edit("try { OnRemoved(item); }", "try { foreach (var part in item.Split(',')) { await RemoveOneAsync(part).ConfigureAwait(false); } }")
        .Edit("    protected virtual void OnAdded(string item)\n", """
                protected virtual async ValueTask<bool> RemoveOneAsync(string item)
                {
                    await Task.Yield();
                    OnRemoved(item);
                    return true;
                }

                protected virtual void OnAdded(string item)

            """));

    [Fact]
    public Task HookUnderALockStatementInEveryCaller_IsNotReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("await _gate.WaitAsync().ConfigureAwait(false);", "await Task.Yield();")
        .Edit("try { OnAdded(item); }", "lock (_gate) { OnAdded(item); }")
        .Edit("try { OnRemoved(item); }", "lock (_gate) { OnRemoved(item); }")
        .Edit("        finally { _gate.Release(); }\n", string.Empty));

    [Fact]
    public Task HookAlsoCalledByAPublicMethodWithoutTheGate_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("    protected virtual void OnAdded(string item)", "    public void Forget(string item) => OnRemoved(item);\n\n    protected virtual void OnAdded(string item)"));

    [Fact]
    public Task DerivedPublicMethodSteppingTheCountDirectly_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("    private void Scan(object? state)", "    public void Skip() => Interlocked.Increment(ref _watched);\n\n    private void Scan(object? state)"));

    [Fact]
    public Task TimerCallbackWritingTheCount_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("Console.WriteLine(\"scan\");", "Interlocked.Exchange(ref _watched, 0);"));

    [Fact]
    public Task GateWithTwoPermits_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("_gate = new SemaphoreSlim(1, 1);", "_gate = new SemaphoreSlim(2, 2);"));

    [Fact]
    public Task HooksCalledUnderTwoDifferentGates_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit(
            "await _gate.WaitAsync().ConfigureAwait(false);\n        try { OnAdded(item); }\n        finally { _gate.Release(); }",
            "await _other.WaitAsync().ConfigureAwait(false);\n        try { OnAdded(item); }\n        finally { _other.Release(); }"));

    [Fact]
    public Task StaticCountUnderEachInstancesOwnGate_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("private int _watched;", "private static int _watched;"));

    [Fact]
    public Task PublicHookCallableByAnyone_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("protected virtual void OnRemoved(string item)", "public virtual void OnRemoved(string item)")
        .Edit("protected override void OnRemoved(string item)", "public override void OnRemoved(string item)"));

    [Fact]
    public Task AsyncHookThatAwaitsBeforeTheStep_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("try { OnRemoved(item); }", "try { _ = OnRemovedAsync(item); }")
        .Edit("protected virtual void OnRemoved(string item)\n    {\n    }", "protected virtual Task OnRemovedAsync(string item) => Task.CompletedTask;")
        .Edit("protected override void OnRemoved(string item)\n    {\n", "protected override async Task OnRemovedAsync(string item)\n    {\n        await Task.Delay(10);\n"));

    [Fact]
    public Task OtherWriterThatAwaitsBeforeItsStep_IsReported() => Verify.VerifyAnalyzerAsync(Watched
        .Edit("if (_watched == 0 && _scan != null)", Reported)
        .Edit("try { OnAdded(item); }", "try { _ = OnAddedAsync(item); }")
        .Edit("protected virtual void OnAdded(string item)\n    {\n    }", "protected virtual Task OnAddedAsync(string item) => Task.CompletedTask;")
        .Edit("protected override void OnAdded(string item)\n    {\n", "protected override async Task OnAddedAsync(string item)\n    {\n        await Task.Delay(10);\n"));
}
