using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// The taker's side of a pool (third fresh sample, family A: Hazel's message readers, the DataStax driver's pooled
/// write stream). An object taken from a pool belongs to the code that took it until it hands it on: a receive loop
/// takes a reader, rewinds it and queues it; a worker reads it afterwards. The loop's writes and the worker's are made by
/// one holder at a time. A holder that kept the object after giving it back (a resend loop still enumerating a packet
/// the acknowledgement recycled) still overlaps the next taker, and an object not taken from a pool is shared as before.
/// </summary>
public class PoolTakerOwnershipTests
{
    private const string Readers = """
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class ReaderPool
        {
            private readonly Stack<Reader> _spare = new Stack<Reader>();

            public Reader GetObject()
            {
                lock (_spare)
                {
                    return _spare.Count > 0 ? _spare.Pop() : new Reader();
                }
            }

            public void PutObject(Reader reader)
            {
                lock (_spare)
                {
                    _spare.Push(reader);
                }
            }
        }

        public sealed class Reader
        {
            public static readonly ReaderPool ReaderPool = new ReaderPool();
            public byte[] Buffer = new byte[1024];
            private int _position;
            private int _head;

            public int Position
            {
                get => _position;
                set
                {
                    _position = value;
                    _head = value;
                }
            }

            public static Reader GetSized(int size)
            {
                var reader = ReaderPool.GetObject();
                if (reader.Buffer.Length < size)
                {
                    reader.Buffer = new byte[size];
                }

                reader.Position = 0;
                return reader;
            }

            public byte ReadByte()
            {
                {|TALLY003:_position++|};
                return Buffer[{|TALLY003:_head++|}];
            }

            public void Recycle() => ReaderPool.PutObject(this);
        }

        public sealed class Listener
        {
            private readonly BlockingCollection<Reader> _received = new BlockingCollection<Reader>();

            public void Start()
            {
                new Thread(ReceiveLoop).Start();
            }

            private void ReceiveLoop()
            {
                while (true)
                {
                    var message = Reader.GetSized(512);
                    _received.Add(message);
                }
            }

            public Reader Next() => _received.Take();
        }
        """;

    private static string Clean(string source) => source.Edit("{|TALLY003:_position++|}", "_position++").Edit("{|TALLY003:_head++|}", "_head++");

    [Fact]
    public Task AReaderRewoundByTheLoopThatTookItFromThePool_DoesNotPairWithItsLaterReaders() =>
        Verify.VerifyAnalyzerAsync(Clean(Readers));

    [Fact]
    public Task AReaderTakenFromACacheThatIsNoPool_IsStillRewoundBesideItsReaders() =>
        Verify.VerifyAnalyzerAsync(Readers.Replace("ReaderPool.GetObject()", "Shared.GetObject()")
            .Edit("public static readonly ReaderPool ReaderPool = new ReaderPool();", "public static readonly ReaderPool ReaderPool = new ReaderPool();\n    public static readonly ReaderPool Shared = ReaderPool;"));

    [Fact]
    public Task AReaderTheLoopHandsOnBeforeRewindingIt_IsStillRewoundBesideItsReaders() =>
        Verify.VerifyAnalyzerAsync(Readers.Edit("var reader = ReaderPool.GetObject();", "var reader = ReaderPool.GetObject();\n        Handed.Add(reader);")
            .Edit("public byte[] Buffer = new byte[1024];", "public byte[] Buffer = new byte[1024];\n    public static readonly BlockingCollection<Reader> Handed = new BlockingCollection<Reader>();"));

    private static string RewoundInALoopThatHandsItOn(string loopHead) =>
        Readers.Edit("reader.Position = 0;", loopHead + "\n        {\n            reader.Position = offset;\n            Handed.Add(reader);\n        }")
            .Edit("public byte[] Buffer = new byte[1024];", "public byte[] Buffer = new byte[1024];\n    public static readonly BlockingCollection<Reader> Handed = new BlockingCollection<Reader>();\n    public static readonly (int Offset, int Size)[] Chunks = { (0, 512) };");

    [Fact]
    public Task AReaderRewoundInAForeachLoopThatHandsItOnAfterwards_IsStillRewoundBesideItsReaders() =>
        Verify.VerifyAnalyzerAsync(RewoundInALoopThatHandsItOn("foreach (var chunk in Chunks)").Edit("reader.Position = offset;", "reader.Position = chunk.Offset;"));

    [Fact]
    public Task AReaderRewoundInADeconstructingForeachLoopThatHandsItOnAfterwards_IsStillRewoundBesideItsReaders() =>
        Verify.VerifyAnalyzerAsync(RewoundInALoopThatHandsItOn("foreach (var (offset, _) in Chunks)"));

    private const string Resends = """
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class PacketPool
        {
            private readonly ConcurrentBag<Packet> _spare = new ConcurrentBag<Packet>();

            public Packet GetObject() => _spare.TryTake(out var packet) ? packet : new Packet();

            public void PutObject(Packet packet) => _spare.Add(packet);
        }

        public sealed class Packet
        {
            public int Retransmissions;
            public int Id;

            internal void Set(int id)
            {
                Id = id;
                Retransmissions = 0;
            }

            internal void Resend()
            {
                {|TALLY003:++Retransmissions|};
            }
        }

        public sealed class Connection
        {
            private readonly PacketPool _packetPool = new PacketPool();
            private readonly ConcurrentDictionary<int, Packet> _sent = new ConcurrentDictionary<int, Packet>();
            private int _nextId;

            public void Start() => new Thread(ResendLoop).Start();

            private void ResendLoop()
            {
                while (true)
                {
                    foreach (var pair in _sent)
                    {
                        pair.Value.Resend();
                    }

                    Thread.Sleep(100);
                }
            }

            public void SendReliable()
            {
                var packet = _packetPool.GetObject();
                packet.Set(Interlocked.Increment(ref _nextId));
                _sent[packet.Id] = packet;
            }

            public void Acknowledge(int id)
            {
                if (_sent.TryRemove(id, out var packet))
                {
                    _packetPool.PutObject(packet);
                }
            }
        }
        """;

    [Fact]
    public Task APacketTheResendLoopStillHoldsWhileASenderRefillsIt_IsReported() =>
        Verify.VerifyAnalyzerAsync(Resends);

    [Fact]
    public Task APacketTheResendLoopStillHoldsWhileASenderTaskRefillsIt_IsReported() =>
        Verify.VerifyAnalyzerAsync(Resends.Edit("public void SendReliable()", "public void SendLater() => Task.Run(() => SendReliable());\n\n    private void SendReliable()"));

    private const string Frames = """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Frame
        {
            private long _length;

            public void Append(byte[] bytes)
            {
                {|TALLY003:_length += bytes.Length|};
            }

            public void Truncate(long drop)
            {
                {|TALLY003:_length -= drop|};
            }
        }

        public sealed class FramePool
        {
            public Frame Get() => new Frame();
        }

        public sealed class Writer
        {
            private readonly FramePool _bufferPool = new FramePool();
            private int _state;

            public void Flush()
            {
                if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
                {
                    Task.Run(() => Drain());
                }
            }

            public static void WriteNow(Frame frame) => frame.Append(new byte[8]);

            private void Drain()
            {
                Frame frame = null;
                for (var i = 0; i < 4; i++)
                {
                    frame = frame ?? _bufferPool.Get();
                    try
                    {
                        frame.Append(new byte[i]);
                    }
                    catch (IOException)
                    {
                        frame?.Truncate(i);
                    }
                }

                Volatile.Write(ref _state, 0);
            }
        }
        """;

    [Fact]
    public Task AFrameTheDrainTaskTookFromThePoolIntoALocal_IsTruncatedByItsOneHolder() =>
        Verify.VerifyAnalyzerAsync(Frames.Edit("{|TALLY003:_length += bytes.Length|}", "_length += bytes.Length").Edit("{|TALLY003:_length -= drop|}", "_length -= drop"));

    [Fact]
    public Task AFrameTheDrainTaskTookFromACacheThatIsNoPool_IsStillTruncatedBesideItsWriters() =>
        Verify.VerifyAnalyzerAsync(Frames.Replace("_bufferPool", "_frames"));

    private const string Totals = """
        using System.Collections.Concurrent;
        using System.Threading;

        public sealed class Totals
        {
            public int Count;

            public void Bump()
            {
                {|TALLY003:Count++|};
            }
        }

        public sealed class Message
        {
            public Totals Totals;

            public void Fill() => Totals.Bump();
        }

        public sealed class MessagePool
        {
            private readonly Totals _totals = new Totals();

            public Message Get() => new Message { Totals = _totals };
        }

        public sealed class Hub
        {
            private readonly MessagePool _messagePool = new MessagePool();

            public void Start()
            {
                new Thread(Produce).Start();
                new Thread(Produce).Start();
            }

            private void Produce()
            {
                var message = _messagePool.Get();
                message.Fill();
            }
        }
        """;

    [Fact]
    public Task ACountOnASharedObjectThatEveryTakenMessagePointsTo_IsReported() =>
        Verify.VerifyAnalyzerAsync(Totals);
}
