using System.Threading.Tasks;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// OpenTelemetry's processors are default <c>tally.shared_contracts</c>: the SDK calls one processor's <c>OnStart</c> and
/// <c>OnEnd</c> on whichever thread starts or ends a span, and the specification says every method of a span processor
/// must be safe to call concurrently. The code that implements a processor starts nothing, so the contract is the
/// evidence. The SDK's base class was renamed over time; each name is its own entry (stubs below stand in for the
/// packages: the contract is found by its full metadata name).
/// </summary>
public class TelemetryProcessorContractTests
{
    private const string CurrentSdk = """
        namespace OpenTelemetry
        {
            public abstract class BaseProcessor<T>
            {
                public virtual void OnStart(T data) { }
                public virtual void OnEnd(T data) { }
            }
        }
        namespace System.Diagnostics { public sealed class Activity { } }
        """;

    private const string EarlySdk = """
        namespace OpenTelemetry.Trace.Export
        {
            public sealed class SpanData { }
            public abstract class SpanProcessor
            {
                public abstract void OnStart(SpanData span);
                public abstract void OnEnd(SpanData span);
            }
        }
        """;

    private const string ActivityProcessorSdk = """
        namespace NAMESPACE
        {
            public abstract class ActivityProcessor
            {
                public abstract void OnStart(System.Diagnostics.Activity activity);
                public abstract void OnEnd(System.Diagnostics.Activity activity);
            }
        }
        namespace System.Diagnostics { public sealed class Activity { } }
        """;

    [Fact]
    public async Task ProcessorCountingStartedSpansWithIncrement_IsReportedAsCertain()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            using System.Diagnostics;
            using OpenTelemetry;

            public sealed class CountingProcessor : BaseProcessor<Activity>
            {
                private int _started;
                public int Started => _started;
                public override void OnStart(Activity data) { _started++; }
            }
            """, new TestOptions { AdditionalSources = new[] { CurrentSdk } });

        CertaintyAssert.SingleCertain(diagnostics);
        Assert.Equal("TALLY005", diagnostics[0].Id);
    }

    [Fact]
    public Task EarlySpanProcessorOverrideCountingSpans_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using OpenTelemetry.Trace.Export;

            public class TallyingSpanProcessor : SpanProcessor
            {
                private int _spans;
                public int Spans() => _spans;
                public override void OnStart(SpanData span) { {|TALLY005:_spans++|}; }
                public override void OnEnd(SpanData span) { }
            }
            """, new TestOptions { AdditionalSources = new[] { EarlySdk } });

    [Theory]
    [InlineData("OpenTelemetry.Trace")]
    [InlineData("OpenTelemetry.Trace.Export")]
    public Task ActivityProcessorSummingEndedActivities_IsReported_InEitherNamespaceItHad(string ns) =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using OpenTelemetry.Trace;
            using OpenTelemetry.Trace.Export;

            public class EndedActivities : ActivityProcessor
            {
                private long _ended;
                public long Ended => _ended;
                public override void OnStart(Activity activity) { }
                public override void OnEnd(Activity activity) { {|TALLY005:_ended += 1|}; }
            }
            """, new TestOptions { AdditionalSources = new[] { ActivityProcessorSdk.Replace("NAMESPACE", ns), "namespace OpenTelemetry.Trace { } namespace OpenTelemetry.Trace.Export { }" } });

    [Fact]
    public Task ProcessorThatOnlyReadsItsState_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using OpenTelemetry;

            public sealed class FilteringProcessor : BaseProcessor<Activity>
            {
                private readonly int _limit;
                private int _seen;
                public FilteringProcessor(int limit) { _limit = limit; _seen = 0; }
                public bool Over => _seen > _limit;
                public override void OnEnd(Activity data) { if (_seen > _limit) { return; } }
            }
            """, new TestOptions { AdditionalSources = new[] { CurrentSdk } });

    [Fact]
    public Task ProcessorCountingUnderALock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using OpenTelemetry;

            public sealed class LockedCountingProcessor : BaseProcessor<Activity>
            {
                private readonly object _gate = new object();
                private int _started;
                public override void OnStart(Activity data) { lock (_gate) { _started++; } }
                public int Started { get { lock (_gate) { return _started; } } }
            }
            """, new TestOptions { AdditionalSources = new[] { CurrentSdk } });

    [Fact]
    public Task ProcessorCountingWithInterlocked_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using System.Threading;
            using OpenTelemetry;

            public sealed class AtomicCountingProcessor : BaseProcessor<Activity>
            {
                private int _ended;
                public override void OnEnd(Activity data) { Interlocked.Increment(ref _ended); }
                public int Ended => Volatile.Read(ref _ended);
            }
            """, new TestOptions { AdditionalSources = new[] { CurrentSdk } });

    [Fact]
    public Task ProcessorWithTheContractRemovedFromTheOption_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using OpenTelemetry;

            public sealed class CountingProcessor : BaseProcessor<Activity>
            {
                private int _started;
                public int Started => _started;
                public override void OnStart(Activity data) { _started++; }
            }
            """, new TestOptions { AdditionalSources = new[] { CurrentSdk }, EditorConfig = "tally.shared_contracts = Serilog.Core.ILogEventSink" });
}
