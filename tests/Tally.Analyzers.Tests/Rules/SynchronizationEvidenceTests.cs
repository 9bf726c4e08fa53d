using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// TALLY005's <c>synchronization</c> evidence speaks for an update only when the synchronisation says that update's code
/// runs on many threads: it is in the same function, in a function that calls it outside its lock, in a helper only
/// that function calls, or most of the type's methods synchronise. A lock or Interlocked for one small part of the
/// state elsewhere in the type (or in a base type) does not make the rest shared.
/// </summary>
public class SynchronizationEvidenceTests
{
    [Fact]
    public Task LazyInitialisationLockInAnotherMethod_DoesNotMakeTheTypeShared() =>
        Verify.VerifyAnalyzerAsync("""
            class StreamState
            {
                private object _header;
                private int _pending;
                private int _bitCount;

                public void Put(byte b) { _pending++; }
                public void SendBits(int length) { _bitCount += length; }
                public void Flush() { _pending = 0; }

                public object Header()
                {
                    lock (this)
                    {
                        if (_header == null) { _header = new object(); }
                        return _header;
                    }
                }
            }
            """);

    [Fact]
    public Task LockInTheSameMethodAsTheUpdate_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            class StreamState
            {
                private object _header;
                private int _pending;
                private int _bitCount;

                public void Put(byte b) { _pending++; }
                public void SendBits(int length) { _bitCount += length; }
                public void Flush() { _pending = 0; }

                public object Header()
                {
                    {|TALLY005:_bitCount++|};
                    lock (this)
                    {
                        if (_header == null) { _header = new object(); }
                        return _header;
                    }
                }
            }
            """);

    [Fact]
    public Task BaseClassReferenceCount_DoesNotMakeTheDerivedTypesDataShared() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            abstract class RefCounted
            {
                private int _references = 1;
                public void Retain() => Interlocked.Increment(ref _references);
                public void Release() { if (Interlocked.Decrement(ref _references) == 0) { Deallocate(); } }
                protected abstract void Deallocate();
            }

            sealed class BodyPart : RefCounted
            {
                private int _size;
                private int _read;
                public void Add(int count) { _size += count; }
                public void Read(int count) { _read += count; }
                protected override void Deallocate() { _size = 0; }
            }
            """);

    [Fact]
    public Task BaseClassMethodThatSynchronisesAndCallsDerivedCode_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            abstract class PoolBase
            {
                private int _leased;
                public object Rent() { Interlocked.Increment(ref _leased); return Create(); }
                protected abstract object Create();
            }

            sealed class SocketPool : PoolBase
            {
                private int _created;
                private int _inspected;
                public void Inspect() { _inspected++; }
                protected override object Create() { {|TALLY005:_created++|}; return new object(); }
            }
            """);

    [Fact]
    public Task ActorsInterlockedCommandCounterInAnotherMethod_IsNotEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            abstract class Actor
            {
                private long _sent;
                private long _processed;
                private int _termAcks;

                public void IncSeqnum() { Interlocked.Increment(ref _sent); }
                public void Process(int command) { if (command == 0) { ProcessSeqnum(); } else { ProcessTermAck(); } }
                protected virtual void ProcessSeqnum() { _processed++; }
                protected void RegisterTermAcks(int count) { _termAcks += count; }
                protected void ProcessTermAck() { _termAcks--; }
                protected void Terminate() { RegisterTermAcks(2); }
            }
            """);

    [Fact]
    public Task TypeWhoseMethodsMostlySynchronise_IsSharedForEveryMethod() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class RequestStats
            {
                private long _started;
                private long _bytes;
                private int _failed;

                public void Started() { Interlocked.Increment(ref _started); }
                public void Received(int bytes) { Interlocked.Add(ref _bytes, bytes); }
                public void Failed() { {|TALLY005:_failed++|}; }
            }
            """);

    [Fact]
    public Task SynchronisingMethodCallingTheUpdateOutsideItsLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Registry
            {
                private readonly object _gate = new object();
                private readonly List<string> _names = new List<string>();
                private int _added;
                private int _renamed;

                public void Add(string name)
                {
                    lock (_gate) { _names.Add(name); }
                    Count();
                }

                public void Rename(string name) { _renamed++; }

                public void Reset() { _renamed = 0; }

                private void Count() { {|TALLY005:_added++|}; }
            }
            """);

    [Fact]
    public Task SynchronisingMethodCallingTheUpdateOnlyInsideItsLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Registry
            {
                private readonly object _gate = new object();
                private readonly List<string> _names = new List<string>();
                private int _added;
                private int _renamed;

                public void Add(string name)
                {
                    lock (_gate)
                    {
                        _names.Add(name);
                        Count();
                    }
                }

                public void Rename(string name) { _renamed++; }

                public void Reset() { _renamed = 0; }

                private void Count() { _added++; }
            }
            """);

    [Fact]
    public Task InterlockedHelperOnlyThisMethodCalls_IsEvidenceForIt() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Outbox
            {
                private long _pendingBytes;
                private int _queued;
                private int _flushed;

                public void Add(int size) { {|TALLY005:_queued++|}; AddPending(size); }
                public void Flush() { _flushed++; }
                public void Reset() { _flushed = 0; }
                private void AddPending(long size) => Interlocked.Add(ref _pendingBytes, size);
            }
            """);

    [Fact]
    public Task InterlockedHelperThatOtherMethodsCallToo_IsNotEvidenceForOneOfThem() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Outbox
            {
                private long _pendingBytes;
                private int _queued;
                private int _flushed;

                public void IncrementPending(long size) => AddPending(size);
                public void Add(int size) { _queued++; AddPending(size); }
                public void Flush() { _flushed++; AddPending(-1); }
                public void Reset() { _flushed = 0; }
                private void AddPending(long size) => Interlocked.Add(ref _pendingBytes, size);
            }
            """);

    [Fact]
    public Task MethodGroupHandedToAContinuationBySynchronisingCode_IsNotCalledByIt() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Reply
            {
                public Reply(Func<ulong, ulong> adjust) => Adjust = adjust;
                public Func<ulong, ulong> Adjust { get; }
            }

            class Channel
            {
                private readonly SemaphoreSlim _rpc = new SemaphoreSlim(1, 1);
                private ulong _maxSeen;
                private int _opened;

                public void Open() { _opened++; }

                public void Close() { _opened--; }

                public async Task<Reply> GetAsync()
                {
                    var reply = new Reply(Adjust);
                    await _rpc.WaitAsync();
                    try { return reply; }
                    finally { _rpc.Release(); }
                }

                private ulong Adjust(ulong tag)
                {
                    if (tag > _maxSeen) { _maxSeen = tag; }
                    _maxSeen++;
                    return tag;
                }
            }
            """);

    [Fact]
    public Task InterlockedInTheConstructor_IsNotEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Parser
            {
                private static int s_instances;
                private int _id;
                private int _position;

                public Parser() { Interlocked.Exchange(ref _id, Interlocked.Increment(ref s_instances)); }
                public void Advance() { _position++; }
            }
            """);

    [Fact]
    public Task HelperThatWaitsOnATask_IsNoLockEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class Worker
            {
                private readonly ManualResetEventSlim _ready = new ManualResetEventSlim();
                private readonly CountdownEvent _pending = new CountdownEvent(1);
                private long _tick;
                private long _waits;

                public void Step() { WaitForNextTick(); _tick++; }
                public void StepAfter(Task previous) { WaitFor(previous); _tick++; }
                public void StepWhenReady() { WaitUntilReady(); _waits++; }
                public void StepWhenDone() { WaitUntilDone(); _waits++; }

                private void WaitForNextTick() { Task.Delay(10).Wait(); }
                private void WaitFor(Task task) { task.Wait(); }
                private void WaitUntilReady() { _ready.Wait(); }
                private void WaitUntilDone() { _pending.Wait(); }
            }
            """);

    [Fact]
    public Task HelperThatWaitsOnASemaphore_IsLockEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Worker
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private long _tick;

                public void Step()
                {
                    {|TALLY005:_tick++|};
                    Enter();
                    try { } finally { Exit(); }
                }

                private void Enter() { _gate.Wait(); }
                private void Exit() { _gate.Release(); }
            }
            """);

    [Fact]
    public Task HelperThatEntersACustomSpinLock_IsLockEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            sealed class SpinGate
            {
                private int _taken;
                public void Enter() { while (Interlocked.CompareExchange(ref _taken, 1, 0) != 0) { Thread.SpinWait(1); } }
                public void Exit() => Volatile.Write(ref _taken, 0);
            }

            class Worker
            {
                private readonly SpinGate _gate = new SpinGate();
                private long _tick;

                public void Step()
                {
                    {|TALLY005:_tick++|};
                    Acquire();
                    try { } finally { _gate.Exit(); }
                }

                private void Acquire() { _gate.Enter(); }
            }
            """);

    [Fact]
    public Task ConcurrentCollectionUsedInAnotherMethodOnly_IsNotEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            class Session
            {
                private readonly ConcurrentDictionary<string, int> _shared = new ConcurrentDictionary<string, int>();
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _position;
                private int _frames;

                public int Lookup(string key) => _shared.GetOrAdd(key, 0);
                public void Advance(int count) { _position += count; }
                public void Frame() { _frames++; }
            }
            """);

    [Fact]
    public Task ConcurrentCollectionUsedInTheSameMethod_IsEvidence() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            class Session
            {
                private readonly ConcurrentDictionary<string, int> _shared = new ConcurrentDictionary<string, int>();
                private int _position;
                private int _lookups;

                public int Lookup(string key) { {|TALLY005:_lookups++|}; return _shared.GetOrAdd(key, 0); }
                public void Advance(int count) { _position += count; }
                public void Rewind() { _position = 0; }
            }
            """);
}
