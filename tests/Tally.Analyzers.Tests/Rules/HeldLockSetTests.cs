using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Every lock held at a writer counts, not only the innermost: nested <c>lock</c> statements in one method, the locks
/// at a call together with the caller's own, and a caller's lock around a callee that adds a lock on a per-call object.
/// </summary>
public class HeldLockSetTests
{
    [Fact]
    public Task UpdateUnderTwoNestedLocks_AndAnUpdateUnderTheOuterLockOnly_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Summary
            {
                private readonly object _bufferLock = new object();
                private readonly object _statsLock = new object();
                private int _position;

                public void Append() { lock (_bufferLock) { _position++; } }

                public void Reset()
                {
                    lock (_bufferLock)
                    {
                        lock (_statsLock)
                        {
                            _position = 0;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateUnderTheInnerLockOnly_AndAnUpdateUnderTheOuterLock_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Summary
            {
                private readonly object _bufferLock = new object();
                private readonly object _statsLock = new object();
                private int _position;

                public void Append() { lock (_bufferLock) { {|TALLY001:_position++|}; } }

                public void Reset()
                {
                    lock (_statsLock)
                    {
                        _position = 0;
                    }
                }
            }
            """);

    [Fact]
    public Task HelperCalledUnderTwoNestedLocks_AndAnUpdateUnderTheOuterLockOnly_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Summary
            {
                private readonly object _bufferLock = new object();
                private readonly object _statsLock = new object();
                private int _position;

                public void Append() { lock (_bufferLock) { _position++; } }

                public void Flush()
                {
                    lock (_bufferLock)
                    {
                        lock (_statsLock)
                        {
                            Clear();
                        }
                    }
                }

                private void Clear() { _position = 0; }
            }
            """);

    [Fact]
    public Task HelperCalledUnderTheInnerLockOnly_AndAnUpdateUnderTheOuterLock_AreReported() =>
        Verify.VerifyAnalyzerAsync("""
            class Summary
            {
                private readonly object _bufferLock = new object();
                private readonly object _statsLock = new object();
                private int _position;

                public void Append() { lock (_bufferLock) { {|TALLY001:_position++|}; } }

                public void Flush()
                {
                    lock (_statsLock)
                    {
                        Clear();
                    }
                }

                private void Clear() { _position = 0; }
            }
            """);

    [Fact]
    public Task UpdateInsideALockOnALocal_InAHelperEveryCallerCallsUnderTheOwnersLock_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public class Arena
            {
                private readonly Chunk _chunk = new Chunk();

                public void Allocate(int size)
                {
                    lock (this)
                    {
                        if (size > 64) _chunk.AllocateRun(); else _chunk.AllocateSlot(size);
                    }
                }
            }

            public class Chunk
            {
                private readonly object[] _heads = { new object(), new object() };
                private int _freeBytes = 1024;

                internal void AllocateRun() { _freeBytes -= 64; }

                internal void AllocateSlot(int size)
                {
                    var head = _heads[size & 1];
                    lock (head)
                    {
                        _freeBytes -= 8;
                    }
                }
            }
            """);

    [Fact]
    public Task UpdateInsideALockOnALocal_InAHelperAStartedCallerCallsWithoutTheOwnersLock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            public class Arena
            {
                private readonly Chunk _chunk = new Chunk();

                public void Allocate(int size)
                {
                    lock (this)
                    {
                        if (size > 64) _chunk.AllocateRun(); else _chunk.AllocateSlot(size);
                    }
                }

                public void StartWarmUp() => System.Threading.Tasks.Task.Run(() => AllocateFast(8));

                private void AllocateFast(int size) => _chunk.AllocateSlot(size);
            }

            public class Chunk
            {
                private readonly object[] _heads = { new object(), new object() };
                private int _freeBytes = 1024;

                internal void AllocateRun() { _freeBytes -= 64; }

                internal void AllocateSlot(int size)
                {
                    var head = _heads[size & 1];
                    lock (head)
                    {
                        {|TALLY001:_freeBytes -= 8|};
                    }
                }
            }
            """);
}
