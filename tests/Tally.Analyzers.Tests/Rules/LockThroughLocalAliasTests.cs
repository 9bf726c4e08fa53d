using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A lock taken on a local that only aliases a lock field (<c>var gate = _gate; lock (gate)</c>) locks the field's
/// object: it is the same lock as <c>lock (_gate)</c>, not an object chosen per call. A local written again, passed by
/// <c>ref</c>, or initialised from anything but a field of <c>this</c> or a static stays an object chosen per call.
/// </summary>
public class LockThroughLocalAliasTests
{
    private const string Pump = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Pump
        {
            private readonly object _gate = new object();
            private readonly object _other = new object();
            private int _pending;

            public void Start() => Task.Run(() => Drain());

            public void Push()
            {
                lock (_gate) { _pending++; }
            }

            private void Drain()
            {
                var gate = _gate;
                lock (gate)
                {
                    _pending--;
                }
            }
        }
        """;

    [Fact]
    public Task UpdateUnderALocalAliasingTheLockField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Pump);

    [Fact]
    public Task UpdateUnderALocalAliasingTheLockFieldThroughThis_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Pump.Edit("var gate = _gate;", "object gate = this._gate;"));

    [Fact]
    public Task UpdateUnderALocalAliasTakenWithMonitorEnter_IsNotReported() =>
        Verify.VerifyAnalyzerAsync(Pump.Edit(
            """
                    lock (gate)
                    {
                        _pending--;
                    }
            """,
            """
                    Monitor.Enter(gate);
                    try
                    {
                        _pending--;
                    }
                    finally
                    {
                        Monitor.Exit(gate);
                    }
            """));

    [Fact]
    public Task UpdateUnderALocalAliasingAnotherField_IsReported() =>
        Verify.VerifyAnalyzerAsync(Pump
            .Edit("var gate = _gate;", "var gate = _other;")
            .Edit("lock (_gate) { _pending++; }", "lock (_gate) { {|TALLY001:_pending++|}; }")
            .Edit("_pending--;", "{|TALLY001:_pending--|};"));

    [Fact]
    public Task UpdateUnderALocalThatIsAssignedAgain_IsReported() =>
        Verify.VerifyAnalyzerAsync(Pump
            .Edit("var gate = _gate;", "var gate = _gate;\n        if (_pending > 8) gate = new object();")
            .Edit("_pending--;", "{|TALLY001:_pending--|};"));

    [Fact]
    public Task UpdateUnderALocalPassedByRef_IsReported() =>
        Verify.VerifyAnalyzerAsync(Pump
            .Edit("var gate = _gate;", "var gate = _gate;\n        Swap(ref gate);")
            .Edit("private void Drain()", "private static void Swap(ref object gate) => gate = new object();\n\n    private void Drain()")
            .Edit("_pending--;", "{|TALLY001:_pending--|};"));

    [Fact]
    public Task UpdateUnderALocalInitialisedFromACall_IsReported() =>
        Verify.VerifyAnalyzerAsync(Pump
            .Edit("var gate = _gate;", "var gate = GateFor(_pending);")
            .Edit("private void Drain()", "private object GateFor(int n) => n > 0 ? _gate : _other;\n\n    private void Drain()")
            .Edit("_pending--;", "{|TALLY001:_pending--|};"));

    [Fact]
    public Task StaticUpdateUnderALocalAliasingTheStaticLockField_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public static class Ledger
            {
                private static readonly object s_gate = new object();
                private static long s_total;

                public static void Start() => Task.Run(() => Credit(5));

                public static void Debit(long n)
                {
                    lock (s_gate) { s_total -= n; }
                }

                private static void Credit(long n)
                {
                    object gate = s_gate;
                    lock (gate) { s_total += n; }
                }
            }
            """);
}
