using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY001's evidence when no concurrent start reaches the update: a writer that holds a lock counts only when the
/// lock is the storage's own (taken by the code of the storage's type or of the writer's type), not a lock an owner of
/// another type holds around some of its calls into a helper object.
/// </summary>
public class OwnersLockEvidenceTests
{
    private const string Owner = """
        public abstract class SocketBase
        {
            private readonly object _sync = new object();
            private readonly bool _threadSafe;

            protected SocketBase(bool threadSafe) { _threadSafe = threadSafe; }

            internal void Lock() { if (_threadSafe) System.Threading.Monitor.Enter(_sync); }

            internal void Unlock() { if (_threadSafe) System.Threading.Monitor.Exit(_sync); }

            public bool Send(byte[] frame)
            {
                Lock();
                try { return XSend(frame); }
                finally { Unlock(); }
            }

            public void OnPipeAttached(object pipe) => XAttach(pipe);

            protected abstract bool XSend(byte[] frame);

            protected abstract void XAttach(object pipe);
        }

        public sealed class PubSocket : SocketBase
        {
            private readonly Fanout _fanout = new Fanout();

            public PubSocket() : base(threadSafe: true) { }

            protected override bool XSend(byte[] frame) => _fanout.Send(frame);

            protected override void XAttach(object pipe) => _fanout.Attach(pipe);
        }

        """;

    [Fact]
    public Task HelperFieldUpdatedWithoutALock_AndUnderItsOwnersLockOnAnotherPath_AreNotReported() =>
        Verify.VerifyAnalyzerAsync(Owner + """
            internal sealed class Fanout
            {
                private readonly System.Collections.Generic.List<object> _pipes = new System.Collections.Generic.List<object>();
                private int _active;

                public void Attach(object pipe) { _pipes.Add(pipe); _active++; }

                public bool Send(byte[] frame)
                {
                    if (_active == 0) return false;
                    _active--;
                    return true;
                }
            }
            """);

    [Fact]
    public Task HelperFieldUpdatedWithoutALock_AndUnderTheHelpersOwnLockOnAnotherPath_IsReported() =>
        Verify.VerifyAnalyzerAsync(Owner + """
            internal sealed class Fanout
            {
                private readonly object _gate = new object();
                private readonly System.Collections.Generic.List<object> _pipes = new System.Collections.Generic.List<object>();
                private int _active;

                public void Attach(object pipe) { _pipes.Add(pipe); {|TALLY001:_active++|}; }

                public bool Send(byte[] frame)
                {
                    lock (_gate)
                    {
                        if (_active == 0) return false;
                        _active--;
                        return true;
                    }
                }
            }
            """);

    [Fact]
    public Task HelperFieldUpdatedWithoutALock_AndWithInterlockedOnAnotherPath_IsReported() =>
        Verify.VerifyAnalyzerAsync(Owner + """
            internal sealed class Fanout
            {
                private readonly System.Collections.Generic.List<object> _pipes = new System.Collections.Generic.List<object>();
                private int _active;

                public void Attach(object pipe) { _pipes.Add(pipe); {|TALLY001:_active++|}; }

                public bool Send(byte[] frame) => System.Threading.Interlocked.Decrement(ref _active) >= 0;
            }
            """);

    [Fact]
    public Task HelperFieldUpdatedWithoutALockFromAStartedLoop_AndUnderItsOwnersLockOnAnotherPath_IsReported() =>
        Verify.VerifyAnalyzerAsync(Owner.Replace("public void OnPipeAttached(object pipe) => XAttach(pipe);", "public void StartAccepting() => System.Threading.Tasks.Task.Run(() => { while (true) XAttach(new object()); });") + """
            internal sealed class Fanout
            {
                private readonly System.Collections.Generic.List<object> _pipes = new System.Collections.Generic.List<object>();
                private int _active;

                public void Attach(object pipe) { _pipes.Add(pipe); {|TALLY001:_active++|}; }

                public bool Send(byte[] frame)
                {
                    if (_active == 0) return false;
                    _active--;
                    return true;
                }
            }
            """);

    [Fact]
    public Task FieldUpdatedWithoutALock_AndUnderALockTheWritersOwnTypeTakes_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            internal sealed class Stats
            {
                public int Hits;
            }

            public sealed class Handler
            {
                private readonly object _gate = new object();
                private readonly Stats _stats = new Stats();

                public void Hit() { {|TALLY001:_stats.Hits++|}; }

                public void Reset() { lock (_gate) { _stats.Hits = 0; } }
            }
            """);

    [Fact]
    public Task CountersUpdatedWithoutALock_AndFilledUnderAnotherTypesLockThroughAParameter_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Counters
            {
                public int Pending { get; internal set; }

                internal void Add(Counters other) { Pending += other.Pending; }
            }

            public sealed class Connection
            {
                private readonly System.Collections.Generic.Queue<int> _awaiting = new System.Collections.Generic.Queue<int>();

                internal void Fill(Counters counters)
                {
                    lock (_awaiting)
                    {
                        counters.Pending = _awaiting.Count;
                    }
                }
            }

            public sealed class Totals
            {
                private readonly Counters _total = new Counters();

                public Counters Collect(Connection connection)
                {
                    var counters = new Counters();
                    connection.Fill(counters);
                    _total.Add(counters);
                    return _total;
                }
            }
            """);

    [Fact]
    public Task CountersUpdatedWithoutALock_AndWrittenUnderTheirOwnLock_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Counters
            {
                private readonly object _gate = new object();

                public int Pending { get; internal set; }

                internal void Add(Counters other) { {|TALLY001:Pending += other.Pending|}; }

                internal void Set(int pending) { lock (_gate) { Pending = pending; } }
            }

            public sealed class Totals
            {
                private readonly Counters _total = new Counters();

                public void Collect(Counters counters) => _total.Add(counters);

                public void Reset() => _total.Set(0);
            }
            """);
}
