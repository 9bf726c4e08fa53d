using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A synchronisation in another function than the update's (a caller, or a helper only the update's function calls)
/// says that function runs at the same time as the other functions synchronising on the same object, not as itself.
/// TALLY005 takes it as evidence for the update only when no other function synchronises on that object (the function
/// then overlaps with itself), or when one that does also runs a writer of the updated storage: two writers that can
/// overlap. Objects changed only by the thread that owns them (a collecting thread's batch, a connector being opened,
/// an actor's status flags) stay silent while the lock or concurrent collection they use is shared with other code.
/// </summary>
public class SynchronizationPartnersTests
{
    [Fact]
    public Task CollectHelperLockingTheRecordersTable_IsNoEvidenceForTheBatchCount() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            internal sealed class PointStore
            {
                private readonly Dictionary<string, int> _lookup = new Dictionary<string, int>();
                private readonly int[] _batch = new int[64];
                private readonly bool[] _stale = new bool[64];
                private int _batchSize;

                internal void Record(string key)
                {
                    lock (_lookup) { if (!_lookup.ContainsKey(key)) { _lookup[key] = _lookup.Count; } }
                }

                internal int Snapshot()
                {
                    _batchSize = 0;
                    for (var i = 0; i < _batch.Length; i++)
                    {
                        if (_stale[i]) { Reclaim(i); continue; }
                        _batch[_batchSize] = i;
                        _batchSize++;
                    }

                    return _batchSize;
                }

                internal int Count() => _batchSize;
                internal bool IsEmpty() => _batchSize == 0;

                private void Reclaim(int index)
                {
                    lock (_lookup) { _lookup.Remove(index.ToString()); }
                }
            }
            """);

    [Fact]
    public Task CollectHelperLockingATableWhoseOtherUserAlsoCounts_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            internal sealed class PointStore
            {
                private readonly Dictionary<string, int> _lookup = new Dictionary<string, int>();
                private readonly int[] _batch = new int[64];
                private readonly bool[] _stale = new bool[64];
                private int _batchSize;

                internal void Record(string key)
                {
                    lock (_lookup) { if (!_lookup.ContainsKey(key)) { _lookup[key] = _lookup.Count; } }
                    {|TALLY005:_batchSize++|};
                }

                internal int Snapshot()
                {
                    _batchSize = 0;
                    for (var i = 0; i < _batch.Length; i++)
                    {
                        if (_stale[i]) { Reclaim(i); continue; }
                        _batch[_batchSize] = i;
                        {|TALLY005:_batchSize++|};
                    }

                    return _batchSize;
                }

                internal int Count() => _batchSize;
                internal bool IsEmpty() => _batchSize == 0;

                private void Reclaim(int index)
                {
                    lock (_lookup) { _lookup.Remove(index.ToString()); }
                }
            }
            """);

    [Fact]
    public Task OpenThatLocksAgainstTheKeepAlive_IsNoEvidenceForTheResetCount() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Connector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive = new Timer(_ => { }, null, Timeout.Infinite, Timeout.Infinite);
                private int _resetCount;
                private int _pings;

                internal void Open(bool discard)
                {
                    BuildResetMessage(discard);
                    lock (_sync) { _keepAlive.Change(1000, 1000); }
                }

                internal void Close() { BuildResetMessage(false); }
                internal int Pending() => _resetCount;
                internal int Pings() => _pings;

                internal void KeepAlive()
                {
                    lock (_sync) { _pings = _pings + 1; }
                }

                private void BuildResetMessage(bool discard)
                {
                    _resetCount = 1;
                    if (discard) { _resetCount++; }
                    _resetCount += 2;
                }
            }
            """);

    [Fact]
    public Task OpenThatLocksAgainstAKeepAliveThatAlsoResets_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            public sealed class Connector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive = new Timer(_ => { }, null, Timeout.Infinite, Timeout.Infinite);
                private int _resetCount;
                private int _pings;

                internal void Open(bool discard)
                {
                    BuildResetMessage(discard);
                    lock (_sync) { _keepAlive.Change(1000, 1000); }
                }

                internal void Close() { BuildResetMessage(false); }
                internal int Pending() => _resetCount;
                internal int Pings() => _pings;

                internal void KeepAlive()
                {
                    lock (_sync) { _pings = _pings + 1; }
                    BuildResetMessage(false);
                }

                private void BuildResetMessage(bool discard)
                {
                    _resetCount = 1;
                    if (discard) { {|TALLY005:_resetCount++|}; }
                    {|TALLY005:_resetCount += 2|};
                }
            }
            """);

    [Fact]
    public Task HandlerThatDrainsAQueueTheWriterFills_IsNoEvidenceForTheStatusFlags() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public sealed class Connection
            {
                private readonly ConcurrentQueue<object> _pendingAcks = new ConcurrentQueue<object>();
                private int _status;

                public bool Receive(object message)
                {
                    if (message is string) { AcknowledgeSent(); return true; }
                    if (message is int size) { SetStatus(1); DoWrite(size); return true; }
                    return false;
                }

                public bool IsSending() => (_status & 1) != 0;

                private void DoWrite(int size) { _pendingAcks.Enqueue(size); }

                private void AcknowledgeSent()
                {
                    while (_pendingAcks.TryDequeue(out _)) { }
                    ClearStatus(1);
                }

                private void SetStatus(int flag) => _status |= flag;
                private void ClearStatus(int flag) => _status &= ~flag;
            }
            """);

    [Fact]
    public Task HandlerThatIsTheOnlyUserOfAConcurrentQueue_IsEvidenceForWhatItCalls() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            public sealed class Connection
            {
                private readonly ConcurrentQueue<object> _pendingAcks = new ConcurrentQueue<object>();
                private int _status;

                public bool Receive(object message)
                {
                    if (message is string) { AcknowledgeSent(); return true; }
                    if (message is int) { SetStatus(1); return true; }
                    return false;
                }

                public bool IsSending() => (_status & 1) != 0;

                private void AcknowledgeSent()
                {
                    while (_pendingAcks.TryDequeue(out _)) { }
                    ClearStatus(1);
                }

                private void SetStatus(int flag) => _status |= flag;
                private void ClearStatus(int flag) => {|TALLY005:_status &= ~flag|};
            }
            """);

    [Fact]
    public Task LockHelperOnlyAnotherWriterCalls_MakesTheOpenLockSpeakForTheCount() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Connector
            {
                private readonly object _sync = new object();
                private int _resetCount;
                private int _actions;

                internal void Open()
                {
                    BuildResetMessage();
                    lock (_sync) { _actions = 0; }
                }

                internal void Reset()
                {
                    StartUserAction();
                    {|TALLY005:_resetCount++|};
                }

                internal int Pending() => _resetCount;
                internal int Actions() => _actions;
                internal bool IsIdle() => _actions == 0;

                private void StartUserAction()
                {
                    lock (_sync) { _actions = _actions + 1; }
                }

                private void BuildResetMessage()
                {
                    _resetCount = 1;
                    {|TALLY005:_resetCount += 2|};
                }
            }
            """);

    [Fact]
    public Task UpdateBesideALockOtherMethodsAlsoTake_IsStillReportedInTheSameMethod() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;

            public sealed class HedgingCall
            {
                private readonly object _lock = new object();
                private readonly List<byte[]> _buffered = new List<byte[]>();

                public int MessagesWritten { get; private set; }

                public async Task WriteNewMessage(Stream stream, byte[] message)
                {
                    lock (_lock) { _buffered.Add(message); }
                    await stream.WriteAsync(message, 0, message.Length);
                    {|TALLY005:MessagesWritten++|};
                }

                public void Commit()
                {
                    lock (_lock) { _buffered.Clear(); }
                }

                public int Buffered() => _buffered.Count;
                public bool IsEmpty() => MessagesWritten == 0;
                public void Restart() => MessagesWritten = 0;
            }
            """);
}
