using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Invoking a delegate kept in a field or auto-property runs every lambda, anonymous method, local function or method
/// group the compilation assigns to it (in its initializer, a constructor or any method): a parallelizer that stores its
/// task function in a field and invokes it from <c>Parallel.ForEachAsync</c> runs that function, the event it raises and
/// the handlers of that event on many threads at once (the fresh17 miss, OpenBullet2's proxy check job). Which object's
/// field holds which delegate is not known, so an update of instance state found this way is inferred, as for events;
/// a static one is certain, as it would be for a direct call.
/// </summary>
public class DelegateFieldInvocationTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    /// <summary>A base parallelizer that keeps its task function in a field; a subclass runs it on many items at once.</summary>
    private static string Parallelizer(string invoke, string run = "await Parallel.ForEachAsync(items, async (item, _) => {{INVOKE}});", string report = "NewResult?.Invoke(this, new ResultDetails(item, result));") => $$"""
        public readonly record struct ResultDetails(int Input, int Output);

        public abstract class Parallelizer
        {
            protected readonly Func<int, Task> TaskFunction;

            protected Parallelizer(Func<int, CancellationToken, Task<int>> workFunction)
            {
                TaskFunction = async item =>
                {
                    var result = await workFunction(item, CancellationToken.None);
                    {{report}}
                };
            }

            public event EventHandler<ResultDetails>? NewResult;

            protected virtual void OnNewResult(ResultDetails details) => NewResult?.Invoke(this, details);

            public abstract Task RunAsync(IEnumerable<int> items);
        }

        public sealed class ParallelBasedParallelizer : Parallelizer
        {
            public ParallelBasedParallelizer(Func<int, CancellationToken, Task<int>> workFunction)
                : base(workFunction)
            {
            }

            public override async Task RunAsync(IEnumerable<int> items)
            {
                {{run.Replace("{{INVOKE}}", invoke, System.StringComparison.Ordinal)}}
            }
        }

        """;

    private const string CheckJob = """
        public sealed class ProxyCheckJob
        {
            public int Tested { get; set; }

            public int Working { get; set; }

            public async Task StartAsync(IEnumerable<int> proxies)
            {
                var parallelizer = new ParallelBasedParallelizer(CheckAsync);
                parallelizer.NewResult += UpdateProxy;
                await parallelizer.RunAsync(proxies);
            }

            private static async Task<int> CheckAsync(int proxy, CancellationToken token)
            {
                await Task.Delay(1, token);
                return proxy % 3;
            }

            private void UpdateProxy(object? sender, ResultDetails details)
            {
                if (details.Output == 0)
                {
                    Working++;
                }

                Tested++;
            }
        }
        """;

    [Theory]
    [InlineData("await TaskFunction(item)")]
    [InlineData("await TaskFunction.Invoke(item)")]
    [InlineData("await (TaskFunction?.Invoke(item) ?? Task.CompletedTask)")]
    public async Task CountersOfAHandlerOfTheEventATaskFunctionKeptInAFieldRaises_AreReported_AsInferred(string invoke)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Parallelizer(invoke) + CheckJob);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, diagnostic => Assert.Equal("TALLY003", diagnostic.Id));
        Assert.Contains(diagnostics, diagnostic => diagnostic.GetMessage().Contains("'Working'", System.StringComparison.Ordinal));
        Assert.Contains(diagnostics, diagnostic => diagnostic.GetMessage().Contains("'Tested'", System.StringComparison.Ordinal));
        CertaintyAssert.AllInferred(diagnostics);
    }

    /// <summary>
    /// OpenBullet2's own shape raises through a helper (<c>OnNewResult</c>): the handler is three calls from the
    /// <c>Parallel.ForEachAsync</c> body (the field's invocation, the helper, the raise), as it would be for a direct call
    /// of a task method, so it is reported from <c>tally.call_depth</c> 3 and counts as ordinary code below that.
    /// </summary>
    [Theory]
    [InlineData(3, 2)]
    [InlineData(2, 0)]
    public async Task AHandlerRaisedThroughAHelperOfTheTaskFunction_IsThreeCallsAway(int depth, int reported)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Parallelizer("await TaskFunction(item)", report: "OnNewResult(new ResultDetails(item, result));") + CheckJob,
            new TestOptions { EditorConfig = "tally.call_depth = " + depth.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(reported, diagnostics.Length);
    }

    [Fact]
    public async Task TheSameTaskFunctionInvokedOneItemAfterAnother_IsSilent()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Parallelizer("await TaskFunction(item)", "foreach (var item in items) { {{INVOKE}}; }") + CheckJob);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("private readonly Action _step;", "_step = Step;", "_step()")]
    [InlineData("private Action? _step;", "_step ??= Step;", "_step?.Invoke()")]
    [InlineData("internal Action Work { get; }", "Work = Step;", "Work()")]
    [InlineData("private readonly Action _step;", "_step = PumpOnce; void PumpOnce() => Step();", "_step()")]
    public async Task AMethodGroupKeptInAFieldAndInvokedFromTaskRunInALoop_IsReported_AsInferred(string declaration, string store, string invoke)
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Pump(declaration, store, invoke) + Host);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TALLY003", diagnostic.Id);
        Assert.Contains("_pumped", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task TheSameFieldInvokedOnlyFromTheHostsOwnLoop_IsSilent()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + Pump("private readonly Action _step;", "_step = Step;", "_step()").Replace("_ = Task.Run(() => _step());", "_step();", System.StringComparison.Ordinal) + Host);

        Assert.Empty(diagnostics);
    }

    /// <summary>
    /// A field assigned only from a parameter holds delegates the model does not see: nothing is linked to it, and the
    /// type's own method that is never stored there is not reached through it.
    /// </summary>
    [Fact]
    public async Task AFieldAssignedOnlyFromAParameter_LinksNothing()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            public sealed class Pump
            {
                private int _pumped;
                private Action? _step;

                public void OnStep(Action step) => _step = step;

                public void Start(int workers)
                {
                    for (var i = 0; i < workers; i++)
                    {
                        _ = Task.Run(() => _step?.Invoke());
                    }
                }

                public void StepNow() => Step();

                private void Step() => _pumped++;
            }
            """);

        Assert.Empty(diagnostics);
    }

    /// <summary>
    /// A delegate the compilation hands to such a setter is not followed into the field (only a constructor's
    /// parameter that is only stored in a field that is only invoked is, TreeSummarizer.DelegateFields.cs); the type
    /// runs the delegates handed to it from its <c>Task.Run</c> (the hand-off rule), which reports it as before.
    /// </summary>
    [Fact]
    public async Task AMethodGroupHandedToTheSetter_IsReportedThroughTheHandOff_AsBefore()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            public sealed class Pump
            {
                private Action? _step;

                public void OnStep(Action step) => _step = step;

                public void Start(int workers)
                {
                    for (var i = 0; i < workers; i++)
                    {
                        _ = Task.Run(() => _step?.Invoke());
                    }
                }
            }

            public sealed class Host
            {
                private int _pumped;

                public void Run()
                {
                    var pump = new Pump();
                    pump.OnStep(Step);
                    pump.Start(4);
                }

                private void Step() => _pumped++;
            }
            """);

        Assert.Contains("Task.Run in 'Pump'", Assert.Single(diagnostics).GetMessage(), System.StringComparison.Ordinal);
        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task ARecursiveDelegate_AFieldAssignedItself_AndANeverAssignedField_AreWalkedWithoutEnd()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Header + """
            public sealed class Walker
            {
                private readonly object _gate = new object();
                private Action<int>? _visit;
                private Action<int>? _first;
                private Action<int>? _second;
                private Action? _never;
                private int _visited;

                public Walker()
                {
                    _visit = depth =>
                    {
                        lock (_gate)
                        {
                            _visited++;
                        }

                        if (depth > 0)
                        {
                            _visit?.Invoke(depth - 1);
                        }
                    };
                    _visit = _visit;
                    _first = _second;
                    _second = _first;
                }

                public void WalkAll(int[] roots) => Parallel.ForEach(roots, root =>
                {
                    _visit?.Invoke(root);
                    _first?.Invoke(root);
                    _never?.Invoke();
                });
            }
            """);

        Assert.Empty(diagnostics);
    }

    /// <summary>A pump that keeps its step in <paramref name="declaration"/>, stored with <paramref name="store"/>, and invokes it from a loop of starts.</summary>
    private static string Pump(string declaration, string store, string invoke) => $$"""
        public sealed class Pump
        {
            private int _pumped;

            {{declaration}}

            public Pump()
            {
                {{store}}
            }

            public int Pumped => _pumped;

            public void Start(int workers)
            {
                for (var i = 0; i < workers; i++)
                {
                    _ = Task.Run(() => {{invoke}});
                }
            }

            private void Step() => _pumped++;
        }

        """;

    private const string Host = """
        public sealed class Host
        {
            private readonly Pump _pump = new Pump();

            public void Run(int workers) => _pump.Start(workers);
        }
        """;

    [Fact]
    public async Task ALambdaInAFieldInitializerInvokedFromParallelForEach_IsReported_AsCertain_ForAStatic()
    {
        await Verify.VerifyAnalyzerAsync(Header + """
            public static class Totals
            {
                public static int Characters;
            }

            public sealed class LineCounter
            {
                private readonly Action<string> _record = line => {|TALLY003:Totals.Characters += line.Length|};

                public void CountAll(string[] lines) => Parallel.ForEach(lines, line => _record(line));
            }
            """);
    }
}
