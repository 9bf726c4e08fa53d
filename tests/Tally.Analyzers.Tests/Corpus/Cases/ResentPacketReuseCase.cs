namespace Tally.Analyzers.Tests.Corpus.Cases;

/// <summary>
/// Real race (reported, third fresh sample: Hazel's reliable packets): a connection keeps every reliable packet it sent
/// in a dictionary until the peer acknowledges it. A resend thread walks the dictionary and resends the packets whose
/// timeout passed, counting the retransmissions and lengthening the timeout. The receive thread, on an
/// acknowledgement, removes the packet and recycles it into the connection's packet pool, while the resend thread may
/// still be inside <c>Resend</c> on it; a sender then takes the same object from the pool and resets its counters. The
/// packet is held by the pool's next taker and by the resend thread at once: the resend thread's <c>++</c> and
/// <c>+=</c> can lose the sender's reset. Taking from a pool does not hide that holder. Expected: both updates in
/// <c>Resend</c> reported.
/// </summary>
internal static class ResentPacketReuseCase
{
    public static CorpusCase Case { get; } = new("ResentPacketReuse", """
        using System;
        using System.Collections.Concurrent;
        using System.Diagnostics;

        namespace Corpus.Datagrams.Reliable
        {
            public sealed class PacketPool
            {
                private readonly ConcurrentBag<ReliablePacket> _spare = new ConcurrentBag<ReliablePacket>();
                private readonly Func<ReliablePacket> _make;

                public PacketPool(Func<ReliablePacket> make) => _make = make;

                public ReliablePacket GetObject() => _spare.TryTake(out var packet) ? packet : _make();

                public void PutObject(ReliablePacket packet) => _spare.Add(packet);
            }

            public sealed class ReliablePacket
            {
                private readonly ReliableConnection _connection;
                private readonly Stopwatch _age = new Stopwatch();
                private byte[] _data = Array.Empty<byte>();

                internal ReliablePacket(ReliableConnection connection) => _connection = connection;

                public ushort Id { get; private set; }

                public int Retransmissions;

                public int NextTimeoutMs;

                internal void Set(ushort id, byte[] data, int timeoutMs)
                {
                    Id = id;
                    _data = data;
                    NextTimeoutMs = timeoutMs;
                    Retransmissions = 0;
                    _age.Restart();
                }

                internal int Resend()
                {
                    if (_age.ElapsedMilliseconds < NextTimeoutMs)
                    {
                        return 0;
                    }

                    {|TALLY003:++Retransmissions|};
                    {|TALLY003:NextTimeoutMs += Math.Min(NextTimeoutMs, 1000)|};
                    _connection.Transmit(_data);
                    return 1;
                }

                internal void Recycle() => _connection.Packets.PutObject(this);
            }
        }
        """)
    {
        Pattern = Issue9Patterns.PooledPacketStillResent,
        MoreFiles = new[]
        {
            """
            using System.Collections.Concurrent;
            using System.Threading;

            namespace Corpus.Datagrams.Reliable
            {
                public sealed class ReliableConnection
                {
                    private readonly ConcurrentDictionary<ushort, ReliablePacket> _unacknowledged = new ConcurrentDictionary<ushort, ReliablePacket>();
                    private int _lastId;

                    public ReliableConnection()
                    {
                        Packets = new PacketPool(() => new ReliablePacket(this));
                        new Thread(ResendLoop) { IsBackground = true }.Start();
                    }

                    internal PacketPool Packets { get; }

                    public void SendReliable(byte[] data)
                    {
                        var id = (ushort)Interlocked.Increment(ref _lastId);
                        var packet = Packets.GetObject();
                        packet.Set(id, data, 200);
                        _unacknowledged[id] = packet;
                        Transmit(data);
                    }

                    public void OnAcknowledged(ushort id)
                    {
                        if (_unacknowledged.TryRemove(id, out var packet))
                        {
                            packet.Recycle();
                        }
                    }

                    private void ResendLoop()
                    {
                        while (true)
                        {
                            foreach (var pair in _unacknowledged)
                            {
                                pair.Value.Resend();
                            }

                            Thread.Sleep(50);
                        }
                    }

                    internal void Transmit(byte[] data)
                    {
                    }
                }
            }
            """,
        },
    };
}
