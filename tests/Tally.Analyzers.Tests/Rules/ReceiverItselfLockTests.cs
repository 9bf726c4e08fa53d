using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Tally.Analyzers.Tests.Verification;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;
using VerifyMisuse = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.InterlockedMisuse.InterlockedMisuseAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A public method whose every call in the compilation holds a lock on the call's receiver itself: <c>var job = _current;
/// lock (job) { job.NextNonce(); }</c> (fresh26, Miningcore: a job's extra-nonce counter stepped with
/// <c>Interlocked.Increment</c> and reset when it wraps, its one caller locking the job it reads from a field), or a call
/// on <c>this</c> inside <c>lock (this)</c>. Inside the callee that lock is <c>lock (this)</c>, so the compilation's calls
/// on one object exclude each other; outside code may still call the public method without it, so the finding stays,
/// inferred instead of certain (as for a readonly lock field of the receiver, <see cref="ReceiverFieldLockTests"/>).
/// Still certain: a caller without the lock, a lock on another object, a receiver field that is not readonly, a
/// receiver reassigned inside the lock, another writer without the lock (or under <c>lock (typeof(T))</c>, which is not
/// the object). TALLY007's re-read in such a method is inferred the same way.
/// </summary>
public class ReceiverItselfLockTests
{
    private const string Jobs = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class BlockJob
        {
            private int _nonce;

            public uint NextNonce()
            {
                var value = (uint)Interlocked.Increment(ref _nonce);
                if (_nonce < 0)
                {
                    {|TALLY001:_nonce = 0|};
                }

                return value;
            }
        }

        public sealed class JobManager
        {
            private readonly object _gate = new object();
            private BlockJob _current = new BlockJob();

            public void Renew() => _current = new BlockJob();

            public uint Prepare()
            {
                var job = _current;
                lock (job)
                {
                    return job.NextNonce();
                }
            }
        }

        public sealed class Server
        {
            private readonly JobManager _manager = new JobManager();

            public void OnConnection() => Task.Run(() => _manager.Prepare());
        }
        """;

    private const string Counter = """
        using System.Threading.Tasks;

        public sealed class Counter
        {
            private int _taken;

            public void Count() => {|TALLY003:_taken++|};

            public void Start()
            {
                for (var i = 0; i < 4; i++)
                {
                    Task.Run(() => Work());
                }
            }

            private void Work()
            {
                lock (this)
                {
                    Count();
                }
            }
        }
        """;

    [Fact]
    public Task PublicMethodWhoseOnlyCallerLocksALocalCopyOfTheReceiver_IsReported_AsInferred() => AssertInferred(Jobs);

    [Fact]
    public Task PublicMethodCalledOnAReadonlyFieldInsideALockOnThatField_IsReported_AsInferred() => AssertInferred(Jobs
        .Edit("private BlockJob _current = new BlockJob();", "private readonly BlockJob _current = new BlockJob();")
        .Edit("    public void Renew() => _current = new BlockJob();\n", string.Empty)
        .Edit("var job = _current;\n        lock (job)\n        {\n            return job.NextNonce();", "lock (_current)\n        {\n            return _current.NextNonce();"));

    [Fact]
    public Task PublicMethodCalledOnAParameterInsideALockOnIt_IsReported_AsInferred() => AssertInferred(Jobs
        .Edit("public uint Prepare()\n    {\n        var job = _current;\n", "public uint Prepare() => Prepare(_current);\n\n    private static uint Prepare(BlockJob job)\n    {\n"));

    [Fact]
    public Task PublicMethodCalledOnThisInsideLockThis_IsReported_AsInferred() => AssertInferred(Counter);

    [Fact]
    public Task AnotherPublicWriterWhoseCallersAlsoLockTheReceiver_IsReported_AsInferred() => AssertInferred(Jobs
        .Edit("        return value;\n    }\n", "        return value;\n    }\n\n    public void Rewind() => _nonce = 0;\n")
        .Edit("return job.NextNonce();", "job.Rewind();\n            return job.NextNonce();"));

    [Fact]
    public Task AnotherWriterThatLocksItsOwnObject_IsReported_AsInferred() => AssertInferred(Jobs
        .Edit("        return value;\n    }\n", "        return value;\n    }\n\n    public void Rewind()\n    {\n        lock (this)\n        {\n            _nonce = 0;\n        }\n    }\n"));

    [Fact]
    public Task PublicMethodCalledOnThisWithoutTheLock_IsReported_AsCertain() => AssertCertain(Counter
        .Edit("lock (this)", "if (_taken >= 0)"));

    [Fact]
    public Task PublicMethodAlsoCalledWithoutTheLock_IsReported_AsCertain() => AssertCertain(Jobs
        .Edit("    public uint Prepare()", "    public uint Peek() => _current.NextNonce();\n\n    public uint Prepare()"));

    [Fact]
    public Task PublicMethodCalledUnderTheCallersOwnLock_IsReported_AsCertain() => AssertCertain(Jobs
        .Edit("lock (job)", "lock (_gate)"));

    [Fact]
    public Task PublicMethodCalledUnderALockOnAnotherJob_IsReported_AsCertain() => AssertCertain(Jobs
        .Edit("var job = _current;", "var job = _current;\n        var other = new BlockJob();")
        .Edit("lock (job)", "lock (other)"));

    [Fact]
    public Task PublicMethodCalledOnAReceiverFieldThatIsNotReadonly_IsReported_AsCertain() => AssertCertain(Jobs
        .Edit("var job = _current;\n        lock (job)\n        {\n            return job.NextNonce();", "lock (_current)\n        {\n            return _current.NextNonce();"));

    [Fact]
    public Task PublicMethodCalledOnAReceiverReassignedInsideTheLock_IsReported_AsCertain() => AssertCertain(Jobs
        .Edit("return job.NextNonce();", "job = _current;\n            return job.NextNonce();"));

    [Fact]
    public Task AnotherWriterWithoutTheLock_IsReported_AsCertain() => AssertCertain(Jobs
        .Edit("        return value;\n    }\n", "        return value;\n    }\n\n    public void Rewind() => _nonce = 0;\n"));

    [Fact]
    public Task AnotherWriterUnderALockOnTheType_IsReported_AsCertain() => AssertCertain(Jobs
        .Edit("        return value;\n    }\n", "        return value;\n    }\n\n    public void Rewind()\n    {\n        lock (typeof(BlockJob))\n        {\n            _nonce = 0;\n        }\n    }\n"));

    private const string Stamps = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Batch
        {
            private int _sequence;

            public int Last { get; private set; }

            public void Stamp()
            {
                Interlocked.Increment(ref _sequence);
                Last = {|TALLY007:_sequence|};
            }
        }

        public sealed class Stamper
        {
            private Batch _current = new Batch();

            public void Renew() => _current = new Batch();

            public void StampCurrent()
            {
                var batch = _current;
                lock (batch)
                {
                    batch.Stamp();
                }
            }

            public void Start() => Task.Run(() => StampCurrent());
        }
        """;

    [Fact]
    public async Task ReReadStoredInAPublicMethodWhoseCallersLockTheReceiver_IsReported_AsInferred()
    {
        await VerifyMisuse.VerifyAnalyzerAsync(Stamps);
        CertaintyAssert.AllInferred(await VerifyMisuse.GetDiagnosticsAsync(Stamps));
    }

    [Fact]
    public async Task ReReadStoredInAPublicMethodWhoseCallerHoldsNoLock_IsReported_AsCertain()
    {
        var source = Stamps.Edit("lock (batch)", "if (batch != null)");
        await VerifyMisuse.VerifyAnalyzerAsync(source);
        CertaintyAssert.SingleCertain(await VerifyMisuse.GetDiagnosticsAsync(source));
    }

    private static async Task AssertInferred(string markup)
    {
        await Verify.VerifyAnalyzerAsync(markup);
        CertaintyAssert.AllInferred(await Verify.GetDiagnosticsAsync(markup));
    }

    private static async Task AssertCertain(string markup)
    {
        await Verify.VerifyAnalyzerAsync(markup);
        var diagnostics = await Verify.GetDiagnosticsAsync(markup);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }
}
