using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The partner rule reads a lock that several functions take as "these functions run beside each other". A partner
/// that the synchronising function reaches itself (or that reaches it), along calls made outside any exclusive lock,
/// is part of the same run: a connector's <c>Open</c> locks against its keep-alive and then reads the server's
/// responses, and the reader's delayed-cancellation helper locks the same object. That helper running beside
/// <c>Open</c> is <c>Open</c>'s own run of the reader, not a second writer of the reader's count. Such partners are set
/// aside; the other partners decide, and when none is left the lock says the function runs beside itself.
/// </summary>
public class PartnerReachedThroughWriterTests
{
    private const string Reader = """
                internal void Prepend(int responses) { _pending += responses; }

                internal int ReadResponses()
                {
                    var read = 0;
                    for (; _pending > 0; _pending--)
                    {
                        read++;
                    }

                    if (_cancelRequested) { CancelDelayed(); }
                    return read;
                }

                private void CancelDelayed()
                {
                    lock (_sync) { _cancelRequested = false; }
                }
        """;

    [Fact]
    public Task OpenWhoseOnlyOtherPartnerIsTheReadersOwnHelper_IsNoEvidenceForTheReadersCount() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Connector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private int _pending;
                private bool _cancelRequested;
                private int _pings;

                public Connector() { _keepAlive = new Timer(KeepAlive, null, Timeout.Infinite, Timeout.Infinite); }

                internal void Open()
                {
                    ReadResponses();
                    lock (_sync) { _keepAlive.Change(1000, 1000); }
                }

                internal int Pings() => _pings;

                private void KeepAlive(object state)
                {
                    if (!Monitor.TryEnter(_sync)) { return; }
                    try { _pings = _pings + 1; } finally { Monitor.Exit(_sync); }
                }

            """ + Reader + """
            }
            """);

    [Fact]
    public Task KeepAliveThatAlsoReadsOutsideItsLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Connector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private int _pending;
                private bool _cancelRequested;
                private int _pings;

                public Connector() { _keepAlive = new Timer(KeepAlive, null, Timeout.Infinite, Timeout.Infinite); }

                internal void Open()
                {
                    ReadResponses();
                    lock (_sync) { _keepAlive.Change(1000, 1000); }
                }

                internal int Pings() => _pings;

                private void KeepAlive(object state)
                {
                    if (Monitor.TryEnter(_sync))
                    {
                        try { _pings = _pings + 1; } finally { Monitor.Exit(_sync); }
                    }

                    ReadResponses();
                }

                internal void Prepend(int responses) { {|TALLY003:_pending += responses|}; }

                internal int ReadResponses()
                {
                    var read = 0;
                    for (; _pending > 0; {|TALLY003:_pending--|})
                    {
                        read++;
                    }

                    if (_cancelRequested) { CancelDelayed(); }
                    return read;
                }

                private void CancelDelayed()
                {
                    lock (_sync) { _cancelRequested = false; }
                }
            }
            """);

    [Fact]
    public Task OpenWhoseOnlyPartnerIsTheReadersOwnHelper_RunsBesideItselfAndIsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Connector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive = new Timer(_ => { }, null, Timeout.Infinite, Timeout.Infinite);
                private int _pending;
                private bool _cancelRequested;

                internal void Open()
                {
                    ReadResponses();
                    lock (_sync) { _keepAlive.Change(1000, 1000); }
                }

                internal void Prepend(int responses) { _pending += responses; }

                internal int ReadResponses()
                {
                    var read = 0;
                    for (; _pending > 0; {|TALLY005:_pending--|})
                    {
                        read++;
                    }

                    if (_cancelRequested) { CancelDelayed(); }
                    return read;
                }

                private void CancelDelayed()
                {
                    lock (_sync) { _cancelRequested = false; }
                }
            }
            """);

    [Fact]
    public Task HelperOfTheReaderWhosePartnerOpenRunsTheReader_IsNoEvidenceEither() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Connector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private int _pending;
                private bool _cancelRequested;
                private int _pings;

                public Connector() { _keepAlive = new Timer(KeepAlive, null, Timeout.Infinite, Timeout.Infinite); }

                internal void Open()
                {
                    lock (_sync) { _keepAlive.Change(1000, 1000); }
                    ReadResponses();
                }

                internal void Close()
                {
                    lock (_sync) { _keepAlive.Change(Timeout.Infinite, Timeout.Infinite); }
                }

                internal int Pings() => _pings;

                private void KeepAlive(object state)
                {
                    lock (_sync) { _pings = _pings + 1; }
                }

            """ + Reader + """
            }
            """);
}
