using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// A conditional read-modify-write (fourth fresh sample, a wrap-around message id): <c>x = c ? x + 1 : 1</c> and
/// <c>x = x &gt;= max ? 0 : x + 1</c> read the field and write a value computed from it, so two threads that read the
/// same value write the same next one. A branch that only copies the field or a constant is a plain write.
/// </summary>
public class ConditionalUpdateShapeTests
{
    [Fact]
    public Task WrapAroundIdTakenByPublicMethodsOfAClientWithAThreadAndALock_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Client
            {
                private readonly Queue<byte[]> _inflight = new Queue<byte[]>();
                private ushort _messageId;

                public Client() => new Thread(Pump).Start();

                public ushort Publish(byte[] payload)
                {
                    var id = NextId();
                    lock (_inflight) _inflight.Enqueue(payload);
                    return id;
                }

                private ushort NextId()
                {
                    {|TALLY005:_messageId = (_messageId % ushort.MaxValue != 0) ? (ushort)(_messageId + 1) : (ushort)1|};
                    return _messageId;
                }

                private void Pump()
                {
                    while (true)
                    {
                        lock (_inflight) { if (_inflight.Count > 0) _inflight.Dequeue(); }
                        Thread.Sleep(1);
                    }
                }
            }
            """);

    [Fact]
    public Task BoundedCursorAdvancedWithAConditionInAParallelBody_IsReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Ring
            {
                private int _cursor;
                private long _slot;

                public void Fill(int[] values, int size)
                {
                    Parallel.ForEach(values, v =>
                    {
                        {|TALLY003:_cursor = _cursor >= size - 1 ? 0 : _cursor + 1|};
                        {|TALLY003:_slot = v > 0 ? (v > 100 ? _slot + 2 : _slot + 1) : 0|};
                    });
                }
            }
            """);

    [Fact]
    public Task IfElseWrapAroundOfAField_IsReportedOnItsIncrement() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Ring
            {
                private int _cursor;

                public void Fill(int[] values, int size)
                {
                    Parallel.ForEach(values, v =>
                    {
                        if (_cursor < size - 1) {|TALLY003:_cursor++|};
                        else _cursor = 0;
                    });
                }
            }
            """);

    [Fact]
    public Task ConditionalUpdateUnderALockCopiesAndToggles_AreNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Ring
            {
                private readonly object _gate = new object();
                private int _cursor;
                private int _last;
                private int _flag;

                public void Fill(int[] values, int size)
                {
                    Parallel.ForEach(values, v =>
                    {
                        lock (_gate)
                        {
                            _cursor = _cursor >= size - 1 ? 0 : _cursor + 1;
                        }

                        int local = 0;
                        local = local > 3 ? 0 : local + 1;
                        _last = v > 0 ? local + 1 : 0;
                    });
                }

                public void Seen(bool keep)
                {
                    _last = keep ? _last : 0;
                    _flag = _flag == 0 ? 1 : 0;
                }
            }
            """);

    [Fact]
    public Task WrapAroundIdOfAClientWithoutThreadsOrLocks_IsNotReported() =>
        Verify.VerifyAnalyzerAsync("""
            public sealed class Sequence
            {
                private ushort _messageId;

                public ushort Next()
                {
                    _messageId = (_messageId % ushort.MaxValue != 0) ? (ushort)(_messageId + 1) : (ushort)1;
                    return _messageId;
                }
            }
            """);
}
