using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY007 and a re-read passed on as the field's current value: after <c>Interlocked.Increment(ref _completed)</c>,
/// <c>_statistics.Sample(_pending.Count, _completed)</c>, where the type also calls <c>Sample</c> with the plain field
/// from a member that makes no step of it. That other call hands over a value no step of its thread produced, so the
/// parameter means "the total now", which the re-read gives. Where nothing shows that (the sink only ever gets re-reads,
/// the plain read goes to another parameter or another sink, the other member also steps the field), it is reported.
/// </summary>
public class ReadAfterInterlockedCurrentValueTests
{
    private const string Pool = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public interface IPoolStatistics
        {
            void Sample(long queued, long completed);

            void Report(long completed);
        }

        public sealed class WorkerPool
        {
            private readonly IPoolStatistics _statistics;
            private readonly Queue<object> _pending = new Queue<object>();
            private long _completed;
            private int _running;

            public WorkerPool(IPoolStatistics statistics) => _statistics = statistics;

            public event Action<long>? Usage;

            public event Action<long>? Drained;

            public void Queued()
            {
                _statistics.Sample(_pending.Count, _completed);
                Usage?.Invoke(_completed);
                Interlocked.Increment(ref _running);
            }

            public void Completed()
            {
                Interlocked.Decrement(ref _running);
                Interlocked.Increment(ref _completed);
                _statistics.Sample(_pending.Count, _completed);
            }

            public void Returned(long count)
            {
                Interlocked.Add(ref _completed, count);
                this.Usage?.Invoke(this._completed);
            }
        }
        """;

    [Fact]
    public Task ReReadPassedToASampleThatElsewhereGetsThePlainTotal_IsNotReported() => Verify.VerifyAnalyzerAsync(Pool);

    [Fact]
    public Task ReReadPassedToASampleThatOnlyEverGetsReReads_IsReported() => Verify.VerifyAnalyzerAsync(Pool
        .Edit("_statistics.Sample(_pending.Count, _completed);\n        Usage", "Usage")
        .Edit("Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, _completed);",
              "Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, {|TALLY007:_completed|});"));

    [Fact]
    public Task ReReadWhoseOtherSiteAlsoStepsTheField_IsReported() => Verify.VerifyAnalyzerAsync(Pool
        .Edit("_statistics.Sample(_pending.Count, _completed);\n        Usage",
              "Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, {|TALLY007:_completed|});\n        Usage")
        .Edit("Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, _completed);\n    }",
              "Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, {|TALLY007:_completed|});\n    }")
        .Edit("Usage?.Invoke(_completed);\n        Interlocked.Increment(ref _running);", "Interlocked.Increment(ref _running);")
        .Edit("this.Usage?.Invoke(this._completed);", "this.Usage?.Invoke({|TALLY007:this._completed|});"));

    [Fact]
    public Task ReReadPassedWhereThePlainTotalGoesToAnotherParameter_IsReported() => Verify.VerifyAnalyzerAsync(Pool
        .Edit("_statistics.Sample(_pending.Count, _completed);\n        Usage", "_statistics.Sample(_completed, _pending.Count);\n        Usage")
        .Edit("Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, _completed);",
              "Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, {|TALLY007:_completed|});"));

    [Fact]
    public Task ReReadPassedWhereThePlainTotalGoesToAnotherMethod_IsReported() => Verify.VerifyAnalyzerAsync(Pool
        .Edit("_statistics.Sample(_pending.Count, _completed);\n        Usage", "_statistics.Report(_completed);\n        Usage")
        .Edit("Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, _completed);",
              "Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, {|TALLY007:_completed|});"));

    [Fact]
    public Task ReReadRaisedOnAnEventThatElsewhereGetsThePlainTotal_IsNotReported() => Verify.VerifyAnalyzerAsync(Pool
        .Edit("_statistics.Sample(_pending.Count, _completed);\n        Usage", "Usage")
        .Edit("Interlocked.Increment(ref _completed);\n        _statistics.Sample(_pending.Count, _completed);", "Interlocked.Increment(ref _completed);"));

    [Fact]
    public Task ReReadRaisedOnAnotherEventOfTheSameDelegateType_IsReported() => Verify.VerifyAnalyzerAsync(Pool
        .Edit("this.Usage?.Invoke(this._completed);", "this.Drained?.Invoke({|TALLY007:this._completed|});"));

    [Fact]
    public Task ReReadPassedToADelegateInALocal_IsReported() => Verify.VerifyAnalyzerAsync(Pool
        .Edit("this.Usage?.Invoke(this._completed);", "var report = Usage;\n        report?.Invoke({|TALLY007:this._completed|});"));
}
