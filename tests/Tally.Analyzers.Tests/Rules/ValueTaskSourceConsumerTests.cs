using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A hand-written <c>IValueTaskSource&lt;T&gt;</c>: its <c>GetResult</c>, <c>GetStatus</c> and <c>OnCompleted</c> are
/// called by the one awaiter of the current operation (a <c>ValueTask</c> is awaited once), one after the other, and
/// producers complete it through Interlocked transitions of another field. A field only those members write has one
/// writer at a time, however much the type synchronises elsewhere. The shape of a cache's eviction waiter, whose
/// <c>GetResult</c> bumps the operation's version.
/// </summary>
public class ValueTaskSourceConsumerTests
{
    private const string Waiter = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Sources;

        public sealed class EvictionWaiter : IValueTaskSource<bool>
        {
            private static readonly Action<object?> Done = _ => { };
            private Action<object?>? _continuation;
            private object? _state;
            private short _version;

            public ValueTask<bool> WaitAsync() => new ValueTask<bool>(this, _version);

            public void Signal()
            {
                var current = Interlocked.Exchange(ref _continuation, Done);
                if (current != null && !ReferenceEquals(current, Done))
                {
                    current(_state);
                }
            }

            public bool Cancel() => Interlocked.Exchange(ref _continuation, null) != null;

            bool IValueTaskSource<bool>.GetResult(short token)
            {
                _state = null;
                _version++;
                return Interlocked.Exchange(ref _continuation, null) == Done;
            }

            ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token)
                => ReferenceEquals(Volatile.Read(ref _continuation), Done) ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

            void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            {
                _state = state;
                if (Interlocked.CompareExchange(ref _continuation, continuation, null) != null)
                {
                    continuation(state);
                }
            }
        }
        """;

    [Fact]
    public Task VersionBumpedInAnExplicitGetResult_IsNotReported() => Verify.VerifyAnalyzerAsync(Waiter);

    [Fact]
    public Task VersionBumpedInAPublicGetResultThatImplementsTheInterface_IsNotReported() => Verify.VerifyAnalyzerAsync(Waiter
        .Edit("bool IValueTaskSource<bool>.GetResult(short token)", "public bool GetResult(short token)"));

    [Fact]
    public Task VersionBumpedInAnExplicitOnCompleted_IsNotReported() => Verify.VerifyAnalyzerAsync(Waiter
        .Edit("_state = state;", "_state = state;\n        _version++;"));

    [Fact]
    public Task VersionBumpedInAGetResultOfATypeThatIsNoValueTaskSource_IsReported() => Verify.VerifyAnalyzerAsync(Waiter
        .Edit("public sealed class EvictionWaiter : IValueTaskSource<bool>", "public sealed class EvictionWaiter")
        .Edit("public ValueTask<bool> WaitAsync() => new ValueTask<bool>(this, _version);", "public bool WaitAsync() => _version > 0;")
        .Edit("bool IValueTaskSource<bool>.GetResult(short token)", "public bool GetResult(short token)")
        .Edit("_version++;", "{|TALLY005:_version++|};")
        .Edit("ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token)", "public ValueTaskSourceStatus GetStatus(short token)")
        .Edit("void IValueTaskSource<bool>.OnCompleted(", "public void OnCompleted("));

    [Fact]
    public Task VersionAlsoBumpedByAProducerMethod_IsReportedThere() => Verify.VerifyAnalyzerAsync(Waiter
        .Edit("public bool Cancel() => Interlocked.Exchange(ref _continuation, null) != null;", """
            public bool Cancel()
                {
                    {|TALLY005:_version++|};
                    return Interlocked.Exchange(ref _continuation, null) != null;
                }
            """));

    [Fact]
    public Task GetResultCalledFromAParallelLoopOfTheCompilation_IsReported() => Verify.VerifyAnalyzerAsync(Waiter
        .Edit("bool IValueTaskSource<bool>.GetResult(short token)", "public bool GetResult(short token)")
        .Edit("_version++;", "{|TALLY005:_version++|};")
        + """

        public static class Drain
        {
            public static void All(EvictionWaiter waiter) => Parallel.For(0, 4, i => waiter.GetResult(0));
        }
        """);
}
