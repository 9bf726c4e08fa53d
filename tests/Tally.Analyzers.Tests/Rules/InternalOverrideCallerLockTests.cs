using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A public override is callable from outside the compilation only when the method it overrides is: an override of
/// an internal base type's abstract method (whose chain reaches nothing public) is called by the compilation alone,
/// so the locks every caller holds cover it, like a private helper's. The shape of gRPC's hedging call: the client
/// stream writer calls the call's write override inside its write lock, and the override counts the write before its
/// first <c>await</c>, i.e. inside that lock.
/// </summary>
public class InternalOverrideCallerLockTests
{
    private const string HedgedWrite = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        internal abstract class CallBase
        {
            protected readonly object Lock = new object();

            public abstract Task WriteAsync(string message);
        }

        internal sealed class HedgedCall : CallBase
        {
            private readonly List<string> _buffered = new List<string>();
            private int _writes;

            public override async Task WriteAsync(string message)
            {
                {|TALLY005:_writes++|};
                lock (Lock) { _buffered.Add(message); }
                await Task.Yield();
            }

            public int Writes() => _writes;
            public bool IsIdle() => _writes == 0;
        }

        internal sealed class CallStreamWriter
        {
            private readonly object _writeLock = new object();
            private readonly CallBase _call;
            private Task _pending = Task.CompletedTask;

            public CallStreamWriter(CallBase call) => _call = call;

            public Task WriteAsync(string message)
            {
                lock (_writeLock)
                {
                    if (!_pending.IsCompleted)
                    {
                        return Task.FromException(new InvalidOperationException("A write is in progress."));
                    }

                    _pending = _call.WriteAsync(message);
                    return _pending;
                }
            }
        }
        """;

    [Fact]
    public Task OverrideOfAnInternalBaseCalledOnlyInsideTheWritersLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(HedgedWrite.Edit("{|TALLY005:_writes++|}", "_writes++"));

    [Fact]
    public Task OverrideOfAPublicBaseCalledInsideTheWritersLock_IsReported() =>
        Verify.VerifyAnalyzerAsync(HedgedWrite
            .Edit("internal abstract class CallBase", "public abstract class CallBase")
            .Edit("internal sealed class HedgedCall", "public sealed class HedgedCall"));

    [Fact]
    public Task OverrideOfAnInternalBaseAlsoCalledOutsideTheLock_IsReported() =>
        Verify.VerifyAnalyzerAsync(HedgedWrite.Edit(
            "    public CallStreamWriter(CallBase call) => _call = call;",
            "    public CallStreamWriter(CallBase call) => _call = call;\n\n    public Task FlushAsync() => _call.WriteAsync(string.Empty);"));

    [Fact]
    public Task OverrideOfAnInternalBaseImplementingAPublicInterface_IsReported() =>
        Verify.VerifyAnalyzerAsync(HedgedWrite
            .Edit("internal abstract class CallBase\n", "public interface IWritableCall\n{\n    Task WriteAsync(string message);\n}\n\ninternal abstract class CallBase : IWritableCall\n")
            .Edit("\n}\n\ninternal sealed class HedgedCall", "\n\n    public IWritableCall AsWritable() => this;\n}\n\ninternal sealed class HedgedCall"));
}
