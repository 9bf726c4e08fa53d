using System.Threading.Tasks;
using Xunit;
using Verify = Tally.Analyzers.Tests.Verification.AnalyzerVerifier<Tally.Analyzers.NonAtomicUpdate.NonAtomicUpdateAnalyzer>;

namespace Tally.Analyzers.Tests.Rules;

/// <summary>
/// Pooled objects have one holder at a time (third fresh sample, family A: Hazel's message writers, LiteNetLib's
/// packets, Lidgren's messages). A frame is taken from its pool, filled through its own methods, sent, and given back by
/// its holder (<c>Recycle</c> resets its position and puts it into the pool). The reset and the filling never touch one
/// frame at the same time: the reset is its holder's last write before the hand-back, and the next holder takes it
/// after. Writes made after the hand-back, or a reset that gives nothing back, still pair with the filling code.
/// </summary>
public class PooledObjectOwnershipTests
{
    private const string Frame = """
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class FramePool
        {
            private readonly List<Frame> _spare = new List<Frame>();

            public Frame Take()
            {
                lock (_spare)
                {
                    if (_spare.Count == 0)
                    {
                        return new Frame();
                    }

                    var last = _spare[_spare.Count - 1];
                    _spare.RemoveAt(_spare.Count - 1);
                    return last;
                }
            }

            public void PutBack(Frame frame)
            {
                lock (_spare)
                {
                    _spare.Add(frame);
                }
            }
        }

        public sealed class Frame
        {
            public static readonly FramePool Pool = new FramePool();
            public readonly byte[] Bytes = new byte[512];
            public int Position;

            public static Frame Get() => Pool.Take();

            public void Write(byte value)
            {
                Bytes[Position] = value;
                {|TALLY003:Position++|};
            }

            public void Recycle()
            {
                Position = 0;
                Pool.PutBack(this);
            }
        }

        public sealed class Link
        {
            private Timer _timer;

            public Func<Frame> OnClosing;

            public void Open() => _timer = new Timer(Tick, null, 1000, 1000);

            private void Tick(object state)
            {
                var handler = OnClosing;
                if (handler == null)
                {
                    return;
                }

                var goodbye = handler();
                try
                {
                    Send(goodbye);
                }
                finally
                {
                    goodbye.Recycle();
                }
            }

            public void Send(Frame frame)
            {
            }
        }
        """;

    private static string Clean(string source) => source.Edit("{|TALLY003:Position++|}", "Position++");

    [Fact]
    public Task AResetBeforeTheFrameGoesBackToItsPool_DoesNotPairWithTheFilling() =>
        Verify.VerifyAnalyzerAsync(Clean(Frame));

    [Fact]
    public Task AResetFollowedByAConditionalHandBack_IsStillAWriterOfTheFrame() =>
        Verify.VerifyAnalyzerAsync(Frame.Edit("Pool.PutBack(this);", "if (Bytes.Length > 0) Pool.PutBack(this);"));

    [Fact]
    public Task AResetFollowedByAnEarlyReturnBeforeTheHandBack_IsStillAWriterOfTheFrame() =>
        Verify.VerifyAnalyzerAsync(Frame.Edit("Position = 0;", "Position = 0;\n        if (Bytes[0] == 0) return;"));

    [Fact]
    public Task AResetAfterTheFrameWentBackToItsPool_IsStillAWriterOfTheFrame() =>
        Verify.VerifyAnalyzerAsync(Frame.Edit("Position = 0;\n        Pool.PutBack(this);", "Pool.PutBack(this);\n        Position = 0;"));

    [Fact]
    public Task AResetThatGivesNothingBack_IsStillAWriterOfTheFrame() =>
        Verify.VerifyAnalyzerAsync(Frame.Edit("Pool.PutBack(this);", "Pool.Take();"));

    [Fact]
    public Task AResetThatHandsTheFrameToAnotherFrame_IsStillAWriterOfTheFrame() =>
        Verify.VerifyAnalyzerAsync(Frame.Edit("Pool.PutBack(this);", "Pool.Take().Attach(this);")
            .Edit("public void Write(byte value)", "public void Attach(Frame other)\n    {\n    }\n\n    public void Write(byte value)"));

    private const string Packets = """
        using System.Threading;

        public sealed class Packet
        {
            public byte[] Raw = new byte[64];
            public Packet Next;

            public void MarkReliable()
            {
                {|TALLY003:Raw[0] |= 0x80|};
            }
        }

        public sealed class Host
        {
            private readonly object _sync = new object();
            private Packet _poolHead;

            public void Start() => new Thread(Loop).Start();

            private void Loop()
            {
                while (true)
                {
                    var packet = Receive();
                    Give(packet);
                }
            }

            private Packet Receive() => new Packet();

            public void SendReliable(Packet packet)
            {
                packet.MarkReliable();
            }

            public void Give(Packet packet)
            {
                packet.Raw[0] = 0;
                lock (_sync)
                {
                    packet.Next = _poolHead;
                    _poolHead = packet;
                }
            }
        }
        """;

    [Fact]
    public Task AFlagClearedBeforeThePacketIsPushedOntoThePoolsFreeList_DoesNotPairWithItsSetters() =>
        Verify.VerifyAnalyzerAsync(Packets.Edit("{|TALLY003:Raw[0] |= 0x80|}", "Raw[0] |= 0x80"));

    [Fact]
    public Task AFlagClearedBeforeThePacketIsKeptInAFieldThatIsNoPool_IsStillAWriterOfThePacket() =>
        Verify.VerifyAnalyzerAsync(Packets.Replace("_poolHead", "_lastSeen"));

    [Fact]
    public Task AFlagClearedBeforeThePacketIsQueuedForAnotherThread_IsStillAWriterOfThePacket() =>
        Verify.VerifyAnalyzerAsync(Packets.Edit("packet.Next = _poolHead;\n            _poolHead = packet;", "_outgoing.Enqueue(packet);")
            .Edit("private Packet _poolHead;", "private readonly System.Collections.Concurrent.ConcurrentQueue<Packet> _outgoing = new System.Collections.Concurrent.ConcurrentQueue<Packet>();"));

    [Fact]
    public Task AFlagClearedBeforeThePacketIsQueuedIntoAPool_DoesNotPairWithItsSetters() =>
        Verify.VerifyAnalyzerAsync(Packets.Edit("{|TALLY003:Raw[0] |= 0x80|}", "Raw[0] |= 0x80").Edit("packet.Next = _poolHead;\n            _poolHead = packet;", "_packetPool.Enqueue(packet);")
            .Edit("private Packet _poolHead;", "private readonly System.Collections.Concurrent.ConcurrentQueue<Packet> _packetPool = new System.Collections.Concurrent.ConcurrentQueue<Packet>();"));
}
