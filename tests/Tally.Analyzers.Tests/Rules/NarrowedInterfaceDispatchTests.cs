using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// An interface call runs the implementations of the objects its receiver can hold: on a receiver typed as a source
/// interface that derives from the member's own (<c>IStatus : IRefresh</c>, <c>control.Refresh()</c>), only the
/// implementations the types implementing <c>IStatus</c> use (one inherited from a base class that is not an
/// <c>IStatus</c> included), not every <c>IRefresh</c>'s. A receiver typed as the declaring interface reaches every
/// implementation, and a class receiver reaches the overrides in its class and the classes deriving from it.
/// </summary>
public class NarrowedInterfaceDispatchTests
{
    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public interface IRefresh { void Refresh(); }
        public interface IStatus : IRefresh { void SetStatus(string text); }

        public class Report : IStatus
        {
            public string Text = "";
            public void Refresh() { Text = "refreshed"; }
            public void SetStatus(string text) { Text = text; }
        }

        """;

    private const string Chart = """
        public class Chart : IRefresh
        {
            public double AxisMax { get; private set; }
            private readonly List<double> _values = new List<double>();
            public void Refresh()
            {
                AxisMax = 0;
                foreach (var v in _values) AxisMax = Math.Max(AxisMax, v);
            }
        }

        """;

    private const string Host = """
        public class Host
        {
            private readonly Chart _chart = new Chart();
            private readonly Report _report = new Report();
            public void OnTimer() { _chart.Refresh(); }
            public Task OnClick() => Trigger.Run(_report);
        }
        """;

    private static string TriggerOn(string receiverType) => $$"""
        public static class Trigger
        {
            public static Task Run({{receiverType}} control) => Task.Run(() => Reply(control));
            private static void Reply({{receiverType}} control)
            {
                control.Refresh();
            }
        }

        """;

    [Fact]
    public async Task RefreshCalledOnAStatusControl_DoesNotRunAChartThatIsOnlyARefresh()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Contracts + Chart + TriggerOn("IStatus") + Host);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task RefreshCalledOnAControlOfAGenericTypeConstrainedToStatus_DoesNotRunAChartThatIsOnlyARefresh()
    {
        var trigger = """
            public static class Trigger
            {
                public static Task Run<T>(T control) where T : IStatus => Task.Run(() => control.Refresh());
            }

            """;
        var diagnostics = await Verify.GetDiagnosticsAsync(Contracts + Chart + trigger + Host);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task RefreshImplementedExplicitlyByAChartThatIsOnlyARefresh_IsNotRunThroughStatus()
    {
        var chart = Chart.Replace("public void Refresh()", "void IRefresh.Refresh()").Replace("_chart.Refresh()", "((IRefresh)_chart).Refresh()");
        var host = Host.Replace("_chart.Refresh()", "((IRefresh)_chart).Refresh()");
        var diagnostics = await Verify.GetDiagnosticsAsync(Contracts + chart + TriggerOn("IStatus") + host);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task RefreshCalledOnAStatusControl_StillRunsAChartThatIsAStatusToo()
    {
        var chart = Chart.Replace("public class Chart : IRefresh", "public class Chart : IStatus")
            .Replace("public void Refresh()", "public void SetStatus(string text) { }\n    public void Refresh()");
        var diagnostics = await Verify.GetDiagnosticsAsync(Contracts + chart + TriggerOn("IStatus") + Host);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task RefreshCalledOnAStatusControl_StillRunsARefreshInheritedFromABaseThatIsNotAStatus()
    {
        var source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public interface IRefresh { void Refresh(); }
            public interface IStatus : IRefresh { void SetStatus(string text); }

            public class ChartBase : IRefresh
            {
                public double AxisMax { get; private set; }
                private readonly List<double> _values = new List<double>();
                public void Refresh()
                {
                    AxisMax = 0;
                    foreach (var v in _values) AxisMax = Math.Max(AxisMax, v);
                }
            }

            public class Report : ChartBase, IStatus
            {
                public string Text = "";
                public void SetStatus(string text) { Text = text; }
            }

            """ + TriggerOn("IStatus") + """
            public class Host
            {
                private readonly ChartBase _chart = new ChartBase();
                private readonly Report _report = new Report();
                public void OnTimer() { _chart.Refresh(); }
                public Task OnClick() => Trigger.Run(_report);
            }
            """;
        var diagnostics = await Verify.GetDiagnosticsAsync(source);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task RefreshCalledOnAControlTypedAsTheDeclaringInterface_StillRunsEveryImplementation()
    {
        var host = Host.Replace("Trigger.Run(_report)", "Trigger.Run(_chart)");
        var diagnostics = await Verify.GetDiagnosticsAsync(Contracts + Chart + TriggerOn("IRefresh") + host);

        CertaintyAssert.AllInferred(diagnostics);
    }

    private const string Widgets = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public class Widget { public virtual void Refresh() { } }

        public class Chart : Widget
        {
            public double AxisMax { get; private set; }
            private readonly List<double> _values = new List<double>();
            public override void Refresh()
            {
                AxisMax = 0;
                foreach (var v in _values) AxisMax = Math.Max(AxisMax, v);
            }
        }

        public class Gauge : Widget
        {
            public string Text = "";
            public override void Refresh() { Text = "refreshed"; }
        }

        """;

    [Fact]
    public async Task VirtualRefreshCalledOnASiblingClass_DoesNotRunTheChartsOverride()
    {
        var host = Host.Replace("Report _report = new Report()", "Gauge _report = new Gauge()");
        var diagnostics = await Verify.GetDiagnosticsAsync(Widgets + TriggerOn("Gauge") + host);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task VirtualRefreshCalledOnTheBaseClass_StillRunsTheChartsOverride()
    {
        var host = Host.Replace("Report _report = new Report()", "Gauge _report = new Gauge()");
        var diagnostics = await Verify.GetDiagnosticsAsync(Widgets + TriggerOn("Widget") + host);

        CertaintyAssert.AllInferred(diagnostics);
    }

    [Fact]
    public async Task RefreshCalledOnAReceiverOfAnUnknownType_DoesNotThrow()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync(Contracts + Chart + TriggerOn("IMissing") + Host,
            new TestOptions { AllowedCompilerDiagnostics = new[] { "CS0246", "CS1503" } });

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
    }
}
